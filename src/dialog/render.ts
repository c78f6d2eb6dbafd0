import type { Lang, OutboundMessage } from '../types/conversation';
import type { ChannelCapabilities } from '../types/channel';
import type { DialogQuestion } from './runner';
import { say } from './messages';

/**
 * Turn a pending question into a message the channel can show: buttons where it has them, a numbered
 * list otherwise. `preface` (e.g. what was understood) goes first.
 */
export function renderQuestion(
  question: DialogQuestion,
  lang: Lang,
  capabilities: Pick<ChannelCapabilities, 'buttons' | 'maxTextLength'>,
  preface?: string,
): OutboundMessage {
  const head = [preface, question.notice, question.text].filter(Boolean).join('\n\n');
  const optional = question.optional ? `${lang === 'zh' ? '' : ' '}${say('optionalHint', lang)}` : '';
  const choices = question.choices ?? [];
  if (choices.length > 0 && capabilities.buttons) {
    const buttons = question.optional ? [...choices, { value: 'cmd:skip', label: say('skipLabel', lang) }] : choices;
    return { kind: 'choice', text: fit(head + optional, capabilities.maxTextLength), choices: buttons.slice(0, 20) };
  }
  if (choices.length > 0) {
    const list = choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
    return { kind: 'text', text: fit(`${head}${optional}\n${list}\n${say('numberHint', lang)}`, capabilities.maxTextLength) };
  }
  return { kind: 'text', text: fit(head + optional, capabilities.maxTextLength) };
}

/** Cut a text to the channel's limit, keeping the end marker visible. */
export function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
