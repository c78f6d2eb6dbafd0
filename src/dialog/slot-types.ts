import type { Lang } from '../types/conversation';
import type { SlotDef } from './schema';
import { matchChoice } from './choice-match';
import { readAct } from '../understand/act';
import { findDate, findSince, hasTimeExpression } from './time-expr';
import { runExtractor } from './extract';

/** Outcome of parsing one answer for one slot. */
export type SlotParse = { ok: true; value: string } | { ok: false };

/** "yes" / "no" from an answer in either language: the polarity src/understand reads. */
export function parseYesNo(text: string): 'yes' | 'no' | undefined {
  return readAct(text).polarity;
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
    case 'datetime': {
      if (!hasTimeExpression(raw) || raw.length > 200) return { ok: false };
      // "since yesterday, and the whole team has it": the slot keeps the time; the rest fills other slots.
      const phrase = slot.extract === 'since' ? findSince(raw) : slot.extract === 'date' || slot.extract === 'deadline' ? findDate(raw) : undefined;
      return { ok: true, value: phrase && raw.length > phrase.length + 8 ? phrase : raw };
    }
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
