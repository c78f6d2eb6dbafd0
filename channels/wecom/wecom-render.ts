import { toPlainText } from '../../src/render/plain-text';
import type { Choice, OutboundMessage } from '../../src/types/conversation';
import { cardText, splitForWecom, toWecomText } from './wecom-format';

/** A button_interaction or text_notice template card (模板卡片), without task_id (given when sent). */
export type TemplateCard = {
  card_type: 'button_interaction' | 'text_notice';
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: Array<{ keyname: string; value: string }>;
  jump_list?: Array<{ type: 1; title: string; url: string }>;
  card_action?: { type: 1; url: string };
  button_list?: Array<{ text: string; style: number; key: string }>;
};

/** One WeCom message: text, or a template card whose buttons answer with `choices` (button key `c<index>`). */
export type WecomPost = { kind: 'text'; content: string } | { kind: 'card'; card: TemplateCard; choices: Choice[] };

/**
 * WeCom's recommended sizes for card parts (characters; it cuts longer ones itself) and its counts. Longer text
 * is clipped, and the whole goes first as text. Field names get 10 rather than the suggested 5 (English labels).
 */
export const CARD_LIMITS = { title: 26, desc: 30, subtitle: 112, keyname: 10, value: 26, button: 10, buttons: 6, fields: 6, jumps: 3, jumpTitle: 13 } as const;

/** The button key of the choice at `index`; the card's stored choices give its value and label back. */
export const choiceKey = (index: number) => `c${index}`;

const LINKABLE = /^https?:\/\//i;

/**
 * An outbound message as WeCom posts. Choices (up to six, WeCom's button limit) and cards become
 * button_interaction template cards; a question or card text too long for the card goes first as text
 * (the card repeats its start); more than six choices, forms and plain text go as text with a numbered list.
 */
export function renderForWecom(message: OutboundMessage): WecomPost[] {
  switch (message.kind) {
    case 'text':
      return texts(message.text);
    case 'choice':
      if (message.choices.length > CARD_LIMITS.buttons) return texts(toPlainText(message));
      return withLead(message.text, buttonCard(firstLine(message.text), message.text, [], [], message.choices));
    case 'card': {
      const links = message.links.filter((l) => LINKABLE.test(l.url)).slice(0, CARD_LIMITS.jumps);
      if (message.choices.length > CARD_LIMITS.buttons || (message.choices.length === 0 && links.length === 0)) return texts(toPlainText(message));
      const card = message.choices.length
        ? buttonCard(message.title, message.text, message.fields, links, message.choices)
        : { ...buttonCard(message.title, message.text, message.fields, links, []), card_type: 'text_notice' as const, card_action: { type: 1 as const, url: links[0].url } };
      return withLead(message.text, card);
    }
    case 'form':
      return texts(toPlainText(message));
  }
}

function texts(markdown: string): WecomPost[] {
  return splitForWecom(toWecomText(markdown)).map((content) => ({ kind: 'text', content }));
}

function withLead(text: string, card: WecomPost): WecomPost[] {
  // The card shows its text clipped; the full text goes first so nothing is lost.
  return [...([...cardText(text, 10_000)].length > CARD_LIMITS.subtitle ? texts(text) : []), card];
}

function buttonCard(title: string, text: string, fields: Array<{ label: string; value: string }>, links: Array<{ label: string; url: string }>, choices: Choice[]): WecomPost {
  const card: TemplateCard = {
    card_type: 'button_interaction',
    main_title: { title: cardText(title, CARD_LIMITS.title) || '…' },
    // The subtitle carries the text unless the title already shows all of it.
    ...(cardText(text, 10_000) !== cardText(title, CARD_LIMITS.title) ? { sub_title_text: cardText(text, CARD_LIMITS.subtitle) } : {}),
    ...(fields.length ? { horizontal_content_list: fields.slice(0, CARD_LIMITS.fields).map((f) => ({ keyname: cardText(f.label, CARD_LIMITS.keyname) || '-', value: cardText(f.value, CARD_LIMITS.value) || '-' })) } : {}),
    ...(links.length ? { jump_list: links.map((l) => ({ type: 1 as const, title: cardText(l.label, CARD_LIMITS.jumpTitle) || '↗', url: l.url })) } : {}),
    ...(choices.length ? { button_list: choices.map((c, i) => ({ text: cardText(c.label, CARD_LIMITS.button) || String(i + 1), style: i === 0 ? 1 : 2, key: choiceKey(i) })) } : {}),
  };
  return { kind: 'card', card, choices };
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim()) ?? text;
}
