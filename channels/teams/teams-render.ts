import type { Activity, Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { toPlainText } from '../../src/render/plain-text';
import type { Choice, OutboundMessage } from '../../src/types/conversation';
import { SUBMIT_MARKER } from './teams-activity';

/** Longest text one Teams message carries comfortably (the hard limit is about 28 KB of payload). */
export const TEAMS_MAX_TEXT = 20_000;
/** Up to this many choices render as buttons; more become a drop-down, which Teams lays out better. */
const MAX_BUTTONS = 5;

/**
 * Text for a Teams message: Teams renders a Markdown subset plus a little HTML. User-supplied text can
 * reach here (ticket summaries), so `<`, `>` and `&` are escaped and line breaks become `<br>`, which
 * Teams honours where single newlines collapse.
 */
export function toTeamsMarkdown(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return fit(escaped, TEAMS_MAX_TEXT).replace(/\r?\n/g, '<br>');
}

/**
 * Text for an Adaptive Card TextBlock: Markdown only (no HTML), paragraphs need a blank line. List items
 * stay on single newlines: split by blank lines, every step would become a list of its own, renumbered 1.
 */
function toCardText(text: string): string {
  return fit(text, TEAMS_MAX_TEXT).replace(/\r?\n(?!\s*(?:\d+\.|[-*])\s)/g, '\n\n');
}

function fit(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The data a choice button submits; `msteams.messageBack` makes Teams show the label as the user's message. */
function submitData(choice: Choice): Record<string, unknown> {
  return {
    [SUBMIT_MARKER]: 'choice',
    value: choice.value,
    label: choice.label,
    msteams: { type: 'messageBack', displayText: choice.label, text: choice.label },
  };
}

function choiceParts(choices: Choice[]): { body: unknown[]; actions: unknown[] } {
  if (choices.length <= MAX_BUTTONS) {
    return { body: [], actions: choices.map((c) => ({ type: 'Action.Submit', title: c.label, data: submitData(c) })) };
  }
  const labels = Object.fromEntries(choices.map((c) => [c.value, c.label]));
  return {
    body: [{ type: 'Input.ChoiceSet', id: 'fd_choice', style: 'compact', isRequired: true, value: choices[0].value, choices: choices.map((c) => ({ title: c.label, value: c.value })) }],
    actions: [{ type: 'Action.Submit', title: 'OK', data: { [SUBMIT_MARKER]: 'choice', labels } }],
  };
}

/** An Adaptive Card 1.4 for a choice question or a card message. */
export function adaptiveCardOf(message: Extract<OutboundMessage, { kind: 'choice' | 'card' }>): Attachment {
  const body: unknown[] = [];
  const actions: unknown[] = [];
  if (message.kind === 'card') {
    body.push({ type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true });
  }
  body.push({ type: 'TextBlock', text: toCardText(message.text), wrap: true });
  if (message.kind === 'card') {
    if (message.fields.length > 0) body.push({ type: 'FactSet', facts: message.fields.map((f) => ({ title: f.label, value: f.value })) });
    // Only web links: a card with another scheme is rejected by Teams as a whole.
    for (const link of message.links) if (/^https?:\/\//i.test(link.url)) actions.push({ type: 'Action.OpenUrl', title: link.label, url: link.url });
  }
  const parts = choiceParts(message.choices);
  body.push(...parts.body);
  actions.push(...parts.actions);
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    actions,
    msteams: { width: 'Full' },
  });
}

/** The Teams activity for one outbound message. */
export function activityOf(message: OutboundMessage): Partial<Activity> {
  switch (message.kind) {
    case 'text':
      return { type: 'message', textFormat: 'markdown', text: toTeamsMarkdown(message.text) };
    case 'choice':
    case 'card':
      // `text` doubles as the notification preview and as the fallback where cards do not render.
      return { type: 'message', summary: fit(message.kind === 'card' ? message.title : message.text, 200), attachments: [adaptiveCardOf(message)] };
    case 'form':
      // Teams announces forms: false, so the engine asks question by question; this is the safety net.
      return { type: 'message', textFormat: 'markdown', text: toTeamsMarkdown(toPlainText(message)) };
  }
}
