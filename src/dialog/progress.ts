import type { Lang } from '../types/conversation';
import type { DialogDefinition, DialogState, SlotDef } from './schema';

/** Whether a slot applies given the answers so far (its `when` condition holds). */
export function isActive(slot: SlotDef, slots: Record<string, string>): boolean {
  if (!slot.when) return true;
  const value = slots[slot.when.slot];
  if (value === undefined) return false;
  return Array.isArray(slot.when.equals) ? slot.when.equals.includes(value) : slot.when.equals === value;
}

/** The slots that apply, in definition order. */
export function activeSlots(def: DialogDefinition, slots: Record<string, string>): SlotDef[] {
  return def.slots.filter((s) => isActive(s, slots));
}

/** Slots still to ask: active, unanswered, not skipped. */
export function missingSlots(def: DialogDefinition, state: DialogState): SlotDef[] {
  return activeSlots(def, state.slots).filter((s) => state.slots[s.id] === undefined && !state.skipped.includes(s.id));
}

/** A fresh state for a definition. */
export function emptyState(def: DialogDefinition, lang: Lang, opening: string): DialogState {
  return {
    dialogId: def.id, version: def.version, lang, cursor: null, slots: {}, retries: 0,
    history: [], prefilled: [], skipped: [], opening: opening.slice(0, 4000),
  };
}

/**
 * Bring a stored state up to the current definition after a deploy: keep answers whose slot still
 * exists (and, for choices, whose value is still offered), drop the rest, ask what is new.
 */
export function migrateState(def: DialogDefinition, state: DialogState): { state: DialogState; changed: boolean } {
  if (state.dialogId !== def.id) {
    throw new Error(`Dialog state belongs to "${state.dialogId}", not "${def.id}": look the definition up by state.dialogId`);
  }
  if (state.version === def.version) return { state, changed: false };
  const byId = new Map(def.slots.map((s) => [s.id, s]));
  const stillValid = (id: string): boolean => {
    const slot = byId.get(id);
    if (!slot) return false;
    const value = state.slots[id];
    return value === undefined || slot.type !== 'choice' || (slot.choices ?? []).some((c) => c.value === value);
  };
  const slots = Object.fromEntries(Object.entries(state.slots).filter(([id]) => stillValid(id)));
  const cursor = state.cursor !== null && byId.has(state.cursor) ? state.cursor : null;
  return {
    state: {
      ...state,
      version: def.version,
      slots,
      cursor,
      retries: cursor === state.cursor ? state.retries : 0,
      history: state.history.filter((id) => id in slots),
      prefilled: state.prefilled.filter((id) => id in slots),
      skipped: state.skipped.filter((id) => byId.has(id)),
    },
    changed: true,
  };
}
