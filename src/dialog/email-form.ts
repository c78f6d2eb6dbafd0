import type { Lang, OutboundMessage } from '../types/conversation';
import type { DialogDefinition, DialogState, SlotDef } from './schema';
import { migrateState, missingSlots } from './progress';
import { parseSlotValue } from './slot-types';
import { normalizeAnswer } from './choice-match';
import { parseCommand } from './commands';
import { say } from './messages';
import { stripQuotedReply } from './email-quote';
import { choicesWithOther, freeChoiceValue } from './choice-other';
import { factsFromText, mergeFacts } from './facts';
import { advance, applyPrefill, continueDialog, followLang, handOver, type DialogTurn } from './runner';

export { stripQuotedReply };

/** Slots a form asks for now: every missing one that applies (conditional ones come in a later form). */
export function formSlots(def: DialogDefinition, state: DialogState): SlotDef[] {
  return missingSlots(def, state);
}

/** One message with every missing question, numbered, to be answered in one mail reply. */
export function buildEmailForm(def: DialogDefinition, state: DialogState, lang: Lang, preface?: string): OutboundMessage {
  const slots = formSlots(def, state);
  if (slots.length === 0) throw new Error('Nothing to ask: build the form only while the dialog outcome is "ask"');
  const lines = slots.map((s, i) => {
    const options = s.choices ? ` ${say('formOptions', lang)}: ${choicesWithOther(s, lang).map((c) => c.label).join(' / ')}` : '';
    const yesno = s.type === 'yesno' ? ` (${say('yes', lang)} / ${say('no', lang)})` : '';
    const optional = s.optional ? ` [${say('formOptional', lang)}]` : '';
    return `${i + 1}. ${s.prompt[lang]}${optional}${options}${yesno}`;
  });
  const example = [say('formExample', lang), ...slots.slice(0, 2).map((_, i) => `${i + 1}. ...`)].join('\n');
  const text = [preface, say('formIntro', lang), lines.join('\n'), example].filter(Boolean).join('\n\n');
  const fields = slots.map((s, i) => ({
    id: s.id,
    label: `${i + 1}. ${s.label[lang]}`,
    ...(s.choices ? { choices: s.choices.map((c) => ({ value: c.value, label: c.label[lang] })) } : {}),
    ...(s.optional ? { optional: true } : {}),
  }));
  return { kind: 'form', text, fields };
}

/** Answers read out of a form reply: valid values, slots the user skipped, and slots whose answer did not fit. */
export type FormReply = { values: Record<string, string>; skipped: string[]; invalid: string[] };

const NUMBERED = /^\s*(?:Q\s*)?(\d{1,2})\s*[.)、:：]\s*(.*)$/i;
const KEYED = /^\s*([^:：]{1,40}?)\s*[:：]\s*(.*)$/;
const SIGN_OFF = /^\s*(thanks|thank you|many thanks|regards|best regards|kind regards|best|cheers|br|谢谢|多谢|此致|祝好)[\s,.!，。！]*$/i;
const SKIP = new Set(['skip', 'n/a', 'na', 'none', '-', 'no idea', '跳过', '无', '没有', '不知道']);

/** Read the answers to a form out of a mail reply ("1. answer", "Since when: yesterday", "时间：昨天"). */
export function parseEmailFormReply(def: DialogDefinition, state: DialogState, replyText: string): FormReply {
  const slots = formSlots(def, state);
  const raw = collectAnswers(slots, stripQuotedReply(replyText));
  const reply: FormReply = { values: {}, skipped: [], invalid: [] };
  for (const [id, answer] of raw) {
    const slot = slots.find((s) => s.id === id)!;
    const text = stripEcho(slot, answer.trim());
    if (!text) continue;
    if (slot.optional && SKIP.has(normalizeAnswer(text))) reply.skipped.push(id);
    else {
      const parsed = parseSlotValue(slot, text, state.lang);
      // A choice answered in the user's own words is kept, as in chat.
      const value = parsed.ok ? parsed.value : freeChoiceValue(slot, text, state.lang);
      if (value !== undefined) reply.values[id] = value;
      else reply.invalid.push(id);
    }
  }
  return reply;
}

function collectAnswers(slots: SlotDef[], body: string): Map<string, string> {
  const answers = new Map<string, string>();
  const lines = body.split('\n').map((l) => l.trimEnd());
  let current: string | undefined;
  let structured = false;
  for (const line of lines) {
    if (SIGN_OFF.test(line)) break;
    // A blank line ends a one-line answer; a free-text answer may run over paragraphs.
    if (!line.trim() && current && slots.find((s) => s.id === current)?.type !== 'freetext') current = undefined;
    const numbered = NUMBERED.exec(line);
    const keyed = numbered ? undefined : KEYED.exec(line);
    const keySlot = keyed ? slotByKey(slots, keyed[1]) : undefined;
    if (numbered && slots[Number(numbered[1]) - 1]) {
      current = slots[Number(numbered[1]) - 1].id;
      answers.set(current, numbered[2]);
      structured = true;
    } else if (keyed && keySlot) {
      current = keySlot.id;
      answers.set(current, keyed[2]);
      structured = true;
    } else if (current && line.trim()) {
      answers.set(current, `${answers.get(current)}\n${line.trim()}`.trim());
    }
  }
  if (structured) return answers;
  // No numbers or labels: one question takes the whole body; as many lines as questions go in order.
  const nonEmpty = lines.map((l) => l.trim()).filter(Boolean);
  if (slots.length === 1 && nonEmpty.length) return new Map([[slots[0].id, nonEmpty.join('\n')]]);
  if (nonEmpty.length === slots.length) return new Map(slots.map((s, i) => [s.id, nonEmpty[i]]));
  return answers;
}

/** The slot a "Label: answer" key names: its id, its label in either language, or a part of the label. */
function slotByKey(slots: SlotDef[], key: string): SlotDef | undefined {
  const k = normalizeAnswer(key).replace(/_/g, ' ');
  if (k.length < 2) return undefined;
  const names = (s: SlotDef) => [s.id.replace(/_/g, ' '), s.label.en, s.label.zh].map(normalizeAnswer);
  const exact = slots.filter((s) => names(s).includes(k));
  if (exact.length === 1) return exact[0];
  const partial = slots.filter((s) => names(s).some((n) => n.includes(k) || k.includes(n)));
  return partial.length === 1 ? partial[0] : undefined;
}

// Users often paste the question back in front of the answer: "1. Since when has this been happening? yesterday".
function stripEcho(slot: SlotDef, answer: string): string {
  for (const prompt of [slot.prompt.en, slot.prompt.zh]) {
    if (answer.toLowerCase().startsWith(prompt.toLowerCase())) return answer.slice(prompt.length).trim();
  }
  const keyed = KEYED.exec(answer);
  if (keyed && [slot.label.en, slot.label.zh].some((l) => normalizeAnswer(l) === normalizeAnswer(keyed[1]))) return keyed[2].trim();
  return answer;
}

/** Apply a mail reply to a form: take every answer that fits, then ask (as a new form) what is still missing. */
export function continueDialogFromForm(def: DialogDefinition, stored: DialogState, input: { text: string; lang?: Lang }): DialogTurn {
  const { state: migrated } = migrateState(def, stored);
  const body = stripQuotedReply(input.text);
  const firstLine = body.split('\n').find((l) => l.trim())?.trim() ?? '';
  if (parseCommand(firstLine)) return continueDialog(def, migrated, { text: firstLine, lang: input.lang });
  const facts = mergeFacts(migrated.facts, factsFromText(body));
  const state: DialogState = { ...migrated, lang: followLang(body, input.lang ?? migrated.lang), facts, slots: { ...migrated.slots } };
  const reply = parseEmailFormReply(def, state, body);
  const taken = Object.keys(reply.values);
  if (taken.length === 0 && reply.skipped.length === 0) {
    const retries = state.retries + 1;
    const next = { ...state, retries };
    if (retries >= (def.maxRetries ?? 3)) return handOver(def, next, 'max_retries');
    return advance(def, next, { notice: say('formUnparsed', state.lang) });
  }
  Object.assign(state.slots, reply.values);
  state.history = [...state.history, ...taken, ...reply.skipped];
  state.skipped = [...state.skipped, ...reply.skipped];
  const extra = applyPrefill(def, state, [body], false);
  state.prefilled = [...state.prefilled, ...extra];
  return advance(def, { ...state, retries: 0 }, reply.invalid.length ? { notice: say('formUnparsed', state.lang) } : {});
}
