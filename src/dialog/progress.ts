import type { Lang } from '../types/conversation';
import type { DialogDefinition, DialogState, SlotDef, SlotWhen } from './schema';

function holds(cond: SlotWhen, slots: Record<string, string>, facts: Record<string, string> | undefined): boolean {
  if ('slot' in cond) {
    const value = slots[cond.slot];
    if (value === undefined) return false;
    return Array.isArray(cond.equals) ? cond.equals.includes(value) : cond.equals === value;
  }
  // Without the facts (a caller that only has the answers) a fact condition does not hide a slot.
  if (!facts) return true;
  const value = facts[cond.fact];
  if (cond.known !== undefined) return (value !== undefined) === cond.known;
  if (value === undefined) return cond.ifUnknown !== false;
  return (!cond.in || cond.in.includes(value)) && (!cond.notIn || !cond.notIn.includes(value));
}

/** Whether a slot applies given the answers and the facts so far (every `when` condition holds). */
export function isActive(slot: SlotDef, slots: Record<string, string>, facts?: Record<string, string>): boolean {
  if (!slot.when) return true;
  return (Array.isArray(slot.when) ? slot.when : [slot.when]).every((c) => holds(c, slots, facts));
}

/** The slots that apply, in definition order. Pass the state's facts so fact conditions count. */
export function activeSlots(def: DialogDefinition, slots: Record<string, string>, facts?: Record<string, string>): SlotDef[] {
  return def.slots.filter((s) => isActive(s, slots, facts));
}

/** The slots that apply to a stored state (answers and facts). */
export function activeSlotsOf(def: DialogDefinition, state: DialogState): SlotDef[] {
  return activeSlots(def, state.slots, state.facts ?? {});
}

/** Slots still to ask: active, unanswered, not skipped. */
export function missingSlots(def: DialogDefinition, state: DialogState): SlotDef[] {
  return activeSlotsOf(def, state).filter((s) => state.slots[s.id] === undefined && !state.skipped.includes(s.id));
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
    // A choice answered in the user's own words (free text, "Other") is kept; a retired choice value is not.
    return value === undefined || slot.type !== 'choice' || (slot.choices ?? []).some((c) => c.value === value) || !/^[a-z0-9_]+$/.test(value);
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
