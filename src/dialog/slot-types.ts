import type { Lang } from '../types/conversation';
import type { SlotDef } from './schema';
import { matchChoice, normalizeAnswer } from './choice-match';
import { hasTimeExpression } from './time-expr';
import { runExtractor } from './extract';

/** Outcome of parsing one answer for one slot. */
export type SlotParse = { ok: true; value: string } | { ok: false };

const YES = new Set(['yes', 'y', 'yeah', 'yep', 'yup', 'sure', 'correct', 'right', 'true', 'ok', 'okay', 'i did', 'did',
  '是', '是的', '对', '对的', '有', '有的', '好', '好的', '可以', '嗯', '点了', '点过', '输入了', '打开了']);
const NO = new Set(['no', 'n', 'nope', 'nah', 'not', 'false', 'never', 'i did not', "i didn't", 'did not', "didn't",
  '否', '不', '不是', '没有', '没', '无', '没点', '没有点', '都没有']);

/** "yes" / "no" from an answer in either language. */
export function parseYesNo(text: string): 'yes' | 'no' | undefined {
  const a = normalizeAnswer(text);
  if (YES.has(a)) return 'yes';
  if (NO.has(a)) return 'no';
  const first = a.split(/[\s,，。]/)[0];
  if (YES.has(first)) return 'yes';
  if (NO.has(first)) return 'no';
  return undefined;
}

const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i;

/** Parse and validate an answer for a slot; the value is what the ticket stores. */
export function parseSlotValue(slot: SlotDef, text: string, lang: Lang): SlotParse {
  const raw = text.trim().replace(/\s+/g, ' ');
  if (!raw) return { ok: false };
  switch (slot.type) {
    case 'choice': {
      const value = matchChoice(slot.choices ?? [], raw) ?? viaExtractor(slot, raw, lang);
      return value && slot.choices?.some((c) => c.value === value) ? { ok: true, value } : { ok: false };
    }
    case 'yesno': {
      const value = parseYesNo(raw);
      return value ? { ok: true, value } : { ok: false };
    }
    case 'email': {
      const candidate = raw.replace(/^mailto:/i, '').replace(/^<|>$/g, '').toLowerCase();
      return EMAIL.test(candidate) ? { ok: true, value: candidate } : { ok: false };
    }
    case 'datetime':
      return hasTimeExpression(raw) && raw.length <= 200 ? { ok: true, value: raw } : { ok: false };
    case 'text':
      // A one-line answer: at least two characters (or one Han character), not a whole essay.
      return (raw.length >= 2 || /[\u3400-\u9fff]/.test(raw)) && raw.length <= 500 && /[\p{L}\p{N}]/u.test(raw)
        ? { ok: true, value: raw }
        : { ok: false };
    case 'freetext': {
      const kept = text.trim();
      return /[\p{L}\p{N}]/u.test(kept) && kept.length <= 4000 ? { ok: true, value: kept } : { ok: false };
    }
  }
}

function viaExtractor(slot: SlotDef, text: string, lang: Lang): string | undefined {
  return slot.extract && slot.extract !== 'problem' ? runExtractor(slot.extract, slot, text, lang) : undefined;
}
