import type { Choice, OutboundMessage } from '../../src/types/conversation';
import { escapeMrkdwn, splitForSlack, toMrkdwn } from './slack-format';

/** A Block Kit block, loosely typed: we only build a handful of well-known shapes. */
export type SlackBlock = Record<string, unknown>;

/** One chat.postMessage worth of content. */
export type SlackPost = { text: string; blocks?: SlackBlock[] };

/** Prefix of the action_id of every choice button; the suffix is the choice's index. */
export const CHOICE_ACTION_PREFIX = 'fd_choice_';

// Block Kit limits: button text 75 chars, header 150, section field 2,000, 10 fields per section.
const BUTTON_TEXT_MAX = 75;
const HEADER_MAX = 150;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const BUTTONS_PER_ACTIONS = 25;

/**
 * Render an outbound message as one or more Slack posts. Long text is split into several posts; buttons
 * and card details go on the last one, so they stay next to the question they belong to.
 */
export function renderForSlack(message: OutboundMessage, buttons: (choices: Choice[]) => SlackBlock = actions): SlackPost[] {
  switch (message.kind) {
    case 'text':
      return splitForSlack(toMrkdwn(message.text)).map((text) => ({ text }));
    case 'choice':
      return withBlocksOnLast(toMrkdwn(message.text), (last) => [section(last), buttons(message.choices)]);
    case 'card':
      return renderCard(message, buttons);
    case 'form':
      return splitForSlack(toMrkdwn(formAsText(message))).map((text) => ({ text }));
  }
}

function renderCard(card: Extract<OutboundMessage, { kind: 'card' }>, buttons: (choices: Choice[]) => SlackBlock): SlackPost[] {
  const links = card.links.map((l) => `- [${l.label.replace(/[[\]]/g, '')}](${l.url.replace(/\s/g, '%20')})`).join('\n');
  const body = toMrkdwn(links ? `${card.text}\n${links}` : card.text);
  const title = card.title.slice(0, HEADER_MAX);
  return withBlocksOnLast(body, (last, single) => [
    ...(single ? [{ type: 'header', text: { type: 'plain_text', text: title, emoji: true } }] : []),
    section(last),
    ...fieldSections(card.fields),
    ...(card.choices.length > 0 ? [buttons(card.choices)] : []),
  ], `*${escapeMrkdwn(title)}*\n`);
}

/** Earlier chunks go out as plain text; the last carries the blocks (and the notification text). */
function withBlocksOnLast(text: string, blocksFor: (last: string, single: boolean) => SlackBlock[], firstPrefix = ''): SlackPost[] {
  const chunks = splitForSlack(text);
  return chunks.map((chunk, i) => {
    const single = chunks.length === 1;
    if (i < chunks.length - 1) return { text: i === 0 ? firstPrefix + chunk : chunk };
    const fallback = single ? firstPrefix + chunk : chunk;
    return { text: fallback, blocks: blocksFor(chunk, single) };
  });
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: text || ' ' } };
}

function actions(choices: Choice[]): SlackBlock {
  return {
    type: 'actions',
    block_id: 'fd_choices',
    elements: choices.slice(0, BUTTONS_PER_ACTIONS).map((choice, i) => ({
      type: 'button',
      action_id: `${CHOICE_ACTION_PREFIX}${i}`,
      text: { type: 'plain_text', text: truncate(choice.label, BUTTON_TEXT_MAX), emoji: true },
      value: choice.value,
    })),
  };
}

function fieldSections(fields: Array<{ label: string; value: string }>): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < fields.length; i += FIELDS_PER_SECTION) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + FIELDS_PER_SECTION).map((f) => ({
        type: 'mrkdwn',
        text: truncate(`*${escapeMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, FIELD_MAX),
      })),
    });
  }
  return blocks;
}

function formAsText(form: Extract<OutboundMessage, { kind: 'form' }>): string {
  // Slack gets forms question by question (capabilities.forms is false); this is only a fallback.
  const lines = form.fields.map((f, i) => `${i + 1}. ${f.label}${f.choices?.length ? ` (${f.choices.map((c) => c.label).join(' / ')})` : ''}`);
  return [form.text, ...lines].join('\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
