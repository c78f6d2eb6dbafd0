import type { Choice, OutboundMessage } from '../../src/types/conversation';
import { plain, splitText, toLarkMd } from './feishu-format';

/** A message card (card JSON 1.0), loosely typed: we build a handful of documented elements. */
export type FeishuCard = { config: Record<string, unknown>; header?: Record<string, unknown>; elements: Array<Record<string, unknown>> };

/** The value every choice button carries back in card.action.trigger: `th` is the conversation's thread. */
export type ChoiceValue = { fd: 'c'; v: string; l: string; th?: string };

/** Buttons for a card's choices; tier-2 cards pass their own (Take over / Resolve). */
export type ButtonsFor = (choices: Choice[]) => Array<Record<string, unknown>>;

const BUTTON_TEXT_MAX = 40;
const TITLE_MAX = 100;
const BUTTONS_PER_ROW = 5;

/** Choice buttons whose clicks answer the question of the conversation in `threadId` (group threads). */
export function choiceButtons(threadId: string | undefined): ButtonsFor {
  return (choices) => {
    const rows: Array<Record<string, unknown>> = [];
    for (let i = 0; i < choices.length; i += BUTTONS_PER_ROW) {
      rows.push({
        tag: 'action',
        actions: choices.slice(i, i + BUTTONS_PER_ROW).map((choice, j) => ({
          tag: 'button',
          text: { tag: 'plain_text', content: plain(choice.label, BUTTON_TEXT_MAX) },
          type: i + j === 0 ? 'primary' : 'default',
          value: { fd: 'c', v: choice.value, l: choice.label, ...(threadId ? { th: threadId } : {}) } satisfies ChoiceValue,
        })),
      });
    }
    return rows;
  };
}

/**
 * An outbound message as one or more cards. Every bot message is a card: lark_md is the one markup we
 * escape (feishu-format), and `update_multi` lets the card be updated in place for everyone in a group.
 * Long text is split; the buttons and fields go on the last card, next to the question they belong to.
 */
export function renderCards(message: OutboundMessage, buttons: ButtonsFor): FeishuCard[] {
  switch (message.kind) {
    case 'text':
      return cardsOf(message.text, undefined, () => []);
    case 'choice':
      return cardsOf(message.text, undefined, () => buttons(message.choices));
    case 'card': {
      const links = message.links.map((l) => `- [${l.label.replace(/[[\]]/g, '')}](${l.url})`).join('\n');
      const fields = message.fields.length > 0
        ? [{ tag: 'div', fields: message.fields.slice(0, 20).map((f) => ({ is_short: true, text: { tag: 'lark_md', content: `**${toLarkMd(f.label).replace(/\*\*/g, '')}**\n${toLarkMd(f.value)}` } })) }]
        : [];
      return cardsOf(links ? `${message.text}\n${links}` : message.text, message.title, () => [...fields, ...(message.choices.length > 0 ? buttons(message.choices) : [])]);
    }
    case 'form': {
      const lines = message.fields.map((f, i) => `${i + 1}. ${f.label}${f.choices?.length ? ` (${f.choices.map((c) => c.label).join(' / ')})` : ''}`);
      return cardsOf([message.text, ...lines].join('\n'), undefined, () => []);
    }
  }
}

function cardsOf(markdown: string, title: string | undefined, lastElements: () => Array<Record<string, unknown>>): FeishuCard[] {
  const chunks = splitText(markdown);
  return chunks.map((chunk, i) => ({
    config: { wide_screen_mode: true, update_multi: true },
    ...(title && i === 0 ? { header: { template: 'blue', title: { tag: 'plain_text', content: plain(title, TITLE_MAX) } } } : {}),
    elements: [{ tag: 'div', text: { tag: 'lark_md', content: toLarkMd(chunk) || ' ' } }, ...(i === chunks.length - 1 ? lastElements() : [])],
  }));
}

/** A card as the IM API's message body. */
export function cardContent(card: FeishuCard): { msg_type: 'interactive'; content: string } {
  return { msg_type: 'interactive', content: JSON.stringify(card) };
}
