import type { Choice, Lang } from '../types/conversation';
import type { SlotDef } from './schema';
import { normalizeAnswer } from './choice-match';

const OTHER_WORDS = new Set(['other', 'others', 'something else', 'none of these', 'none of the above', 'else', 'another', 'different',
  '其他', '其它', '别的', '都不是', '以上都不是', '其他的', '别的情况', '其他情况']);
const OTHER_LABEL = { en: 'Other', zh: '其他' };

/** Whether a choice slot takes the user's own words: every list except a plain yes / no. */
export function offersOther(slot: SlotDef): boolean {
  return slot.type === 'choice' && !(slot.choices ?? []).every((c) => c.value === 'yes' || c.value === 'no');
}

/** The slot's choices as offered, with "Other / 其他" last when the definition has no such choice. */
export function choicesWithOther(slot: SlotDef, lang: Lang): Choice[] {
  const choices = (slot.choices ?? []).map((c) => ({ value: c.value, label: c.label[lang] }));
  if (!offersOther(slot) || choices.some((c) => c.value === 'other')) return choices;
  return [...choices, { value: 'other', label: OTHER_LABEL[lang] }];
}

/**
 * An answer to a choice question that names none of the choices: "other" (its button, word or number)
 * becomes "Other" / "其他", anything else with words in it is kept as typed. Undefined when it is no answer.
 */
export function freeChoiceValue(slot: SlotDef, text: string, lang: Lang): string | undefined {
  if (!offersOther(slot)) return undefined;
  const a = normalizeAnswer(text);
  const own = slot.choices?.find((c) => c.value === 'other');
  const otherNumber = String((slot.choices?.length ?? 0) + (own ? 0 : 1));
  if (OTHER_WORDS.has(a) || a === otherNumber) return own ? own.value : OTHER_LABEL[lang];
  // A number that names no choice, or a lone character, is a slip rather than an answer.
  if (!/\p{L}/u.test(a) || (a.length < 2 && !/[\u3400-\u9fff]/.test(a)) || text.trim().length > 200) return undefined;
  return text.trim().replace(/\s+/g, ' ');
}
