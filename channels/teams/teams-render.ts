import type { Activity, Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { toPlainText } from '../../src/render/plain-text';
import { detectLang } from '../../src/lang';
import type { Choice, Lang, OutboundMessage } from '../../src/types/conversation';
import { CARD_ID_KEY, SUBMIT_MARKER } from './teams-activity';

/** Longest text one Teams message carries comfortably (the hard limit is about 28 KB of payload). */
export const TEAMS_MAX_TEXT = 20_000;
/** Up to this many choices render as buttons (Teams shows six actions; CSAT is 1-5 plus skip); more become a drop-down. */
const MAX_BUTTONS = 6;

/** The drop-down's label and its error when submitted empty, in the question's language. */
const PICK = {
  en: { label: 'Choose one', error: 'Please choose an answer first.', placeholder: 'Choose…' },
  zh: { label: '请选择', error: '请先选择一个答案。', placeholder: '请选择…' },
} as const;

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

/** The verb of every choice button (Universal Actions route on it; the data says which choice). */
export const CHOICE_VERB = 'fd_choice';

/** The data a choice button sends with its `adaptiveCard/action` invoke. */
function submitData(choice: Choice, cardId: string | undefined): Record<string, unknown> {
  return { [SUBMIT_MARKER]: 'choice', ...(cardId ? { [CARD_ID_KEY]: cardId } : {}), value: choice.value, label: choice.label };
}

/**
 * Buttons are Universal Actions (Action.Execute): Teams sends an invoke the bot answers in the same HTTP
 * response, with the card replaced in place or a message only the clicker sees (Action.Submit has neither).
 */
function choiceParts(choices: Choice[], lang: Lang, cardId: string | undefined): { body: unknown[]; actions: unknown[] } {
  if (choices.length <= MAX_BUTTONS) {
    return { body: [], actions: choices.map((c) => ({ type: 'Action.Execute', title: c.label, verb: CHOICE_VERB, data: submitData(c, cardId) })) };
  }
  const labels = Object.fromEntries(choices.map((c) => [c.value, c.label]));
  const pick = PICK[lang];
  return {
    // No preselected value: pressing OK without choosing shows the error instead of submitting the first option.
    body: [{
      type: 'Input.ChoiceSet', id: 'fd_choice', style: 'compact', isRequired: true, label: pick.label, errorMessage: pick.error, placeholder: pick.placeholder,
      choices: choices.map((c) => ({ title: c.label, value: c.value })),
    }],
    actions: [{ type: 'Action.Execute', title: 'OK', verb: CHOICE_VERB, data: { [SUBMIT_MARKER]: 'choice', ...(cardId ? { [CARD_ID_KEY]: cardId } : {}), labels } }],
  };
}

/**
 * An Adaptive Card 1.5 for a choice question or a card message. `cardId` (the delivery) goes into every
 * submit so a click names its card; `answered` renders the card without its inputs, with that line instead.
 */
export function adaptiveCardOf(message: Extract<OutboundMessage, { kind: 'choice' | 'card' }>, cardId?: string, answered?: string): Attachment {
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
  if (answered !== undefined) {
    body.push({ type: 'TextBlock', text: answered, wrap: true, isSubtle: true });
  } else {
    const parts = choiceParts(message.choices, detectLang(message.text), cardId);
    body.push(...parts.body);
    actions.push(...parts.actions);
  }
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    // Action.Execute (Universal Actions) is an Adaptive Cards 1.5 action; every current Teams client renders 1.5.
    version: '1.5',
    body,
    actions,
    msteams: { width: 'Full' },
  });
}

/** The Teams activity for one outbound message; `cardId` names its card (the outbox delivery id). */
export function activityOf(message: OutboundMessage, cardId?: string): Partial<Activity> {
  switch (message.kind) {
    case 'text':
      return { type: 'message', textFormat: 'markdown', text: toTeamsMarkdown(message.text) };
    case 'choice':
    case 'card':
      // `text` doubles as the notification preview and as the fallback where cards do not render.
      return { type: 'message', summary: fit(message.kind === 'card' ? message.title : message.text, 200), attachments: [adaptiveCardOf(message, cardId)] };
    case 'form':
      // Teams announces forms: false, so the engine asks question by question; this is the safety net.
      return { type: 'message', textFormat: 'markdown', text: toTeamsMarkdown(toPlainText(message)) };
  }
}
