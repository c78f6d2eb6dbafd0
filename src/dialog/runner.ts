import type { Choice, Lang } from '../types/conversation';
import { detectLang } from '../lang';
import { stickyLanguage } from '../understand/lang';
import type { DialogDefinition, DialogState, ProfileField, SlotDef, SlotType } from './schema';
import { parseCommand, type DialogCommand } from './commands';
import { parseSlotValue } from './slot-types';
import { prefillSlots, runExtractor } from './extract';
import { applyCorrection, readCorrection, type Correction } from '../understand/correction';
import { factsFromText, factsOf, mergeFacts } from './facts';
import { choicesWithOther, freeChoiceValue } from './choice-other';
import type { Understanding } from '../understand';
import { emptyState, migrateState, missingSlots } from './progress';
import { buildResult, describeUnderstood, type DialogResult } from './result';
import { say } from './messages';

/** A pending question, ready for render.ts. */
export type DialogQuestion = {
  slot: string;
  type: SlotType;
  text: string;
  /** A line to show before the question ("This one is needed ..."). */
  notice?: string;
  choices?: Choice[];
  optional: boolean;
  /** Whether this is a re-ask after an answer that did not fit. */
  retry: boolean;
};

/** What the dialog wants next. `command` = a status query the engine answers before re-asking. */
export type DialogOutcome = 'ask' | 'done' | 'cancelled' | 'human' | 'restart' | 'command';

/** One step of a dialog: the new state to store and what to say. */
export type DialogTurn = {
  state: DialogState;
  outcome: DialogOutcome;
  question?: DialogQuestion;
  /** What was filled from the user's own words, to show them. */
  understood?: string;
  /** Set on done and human (partial answers for the handoff). */
  result?: DialogResult;
  command?: DialogCommand;
  /** Urgent path: escalate to a human now, even while the few questions are asked. */
  escalate: boolean;
  /** Why the outcome is human. */
  reason?: 'requested' | 'max_retries';
  /** The message corrected something said before: the ticket's summary and description follow at once. */
  corrected?: true;
};

/** Input of the first turn. `earlier` = the user's previous messages in this conversation, oldest first. */
export type StartInput = {
  text: string;
  lang?: Lang;
  known?: Partial<Record<ProfileField, string>>;
  earlier?: string[];
  estimate?: DialogState['estimate'];
  /** The engine's understand() of `text`, so the runner does not analyse it again. */
  understanding?: Understanding;
};

/** Input of a later turn; `action` is a clicked button; `understanding` is the engine's understand() of `text`. */
export type ContinueInput = { text: string; action?: { id: string; value: string }; lang?: Lang; understanding?: Understanding };

/** Begin a dialog: prefill from the message, earlier turns and the known profile, then ask what is missing. */
export function startDialog(def: DialogDefinition, input: StartInput): DialogTurn {
  const lang = input.understanding?.lang ?? input.lang ?? detectLang(input.text);
  const facts = mergeFacts(...(input.earlier ?? []).map(factsFromText), input.understanding ? factsOf(input.understanding) : factsFromText(input.text));
  const state = { ...emptyState(def, lang, input.text), facts, ...(input.estimate ? { estimate: input.estimate } : {}) };
  for (const slot of def.slots) {
    const known = slot.profile ? input.known?.[slot.profile] : undefined;
    const parsed = known ? parseSlotValue(slot, known, lang) : undefined;
    if (parsed?.ok) state.slots[slot.id] = parsed.value;
  }
  const found = applyPrefill(def, state, [...(input.earlier ?? []), input.text], true);
  const profileIds = Object.keys(state.slots).filter((id) => !found.includes(id));
  state.prefilled = [...profileIds, ...found];
  return advance(def, state, { understood: describeUnderstood(def, state, found) });
}

/** Fill missing slots from texts; returns the ids it filled. Values must pass their slot's parser. `except` is left alone. */
export function applyPrefill(def: DialogDefinition, state: DialogState, texts: string[], problem: boolean, except?: string): string[] {
  const found = prefillSlots(def, texts, state.lang, state.slots, { problem });
  const filled: string[] = [];
  for (const slot of def.slots) {
    const value = found[slot.id];
    if (value === undefined || slot.id === except || state.skipped.includes(slot.id)) continue;
    const parsed = parseSlotValue(slot, value, state.lang);
    if (parsed.ok) {
      state.slots[slot.id] = parsed.value;
      filled.push(slot.id);
    }
  }
  return filled;
}

/**
 * Handle the user's next message: a command, an answer, or an answer that needs a retry. Whatever else
 * the message says fills its own slots (slot memory): "whole team, since 9" to "since when?" answers both,
 * "no, other people can't print either" answers the yes/no and the scope. A choice takes free words too.
 */
export function continueDialog(def: DialogDefinition, stored: DialogState, input: ContinueInput): DialogTurn {
  const { state: migrated, changed } = migrateState(def, stored);
  const clicked = input.action !== undefined;
  const text = input.action && !input.action.value.startsWith('cmd:') ? input.action.value : input.action?.value ?? input.text;
  const u = clicked ? undefined : input.understanding;
  const lang = u?.lang ?? followLang(input.text, input.lang ?? migrated.lang);
  const facts = mergeFacts(migrated.facts, u ? factsOf(u) : factsFromText(text));
  const state: DialogState = { ...migrated, lang, facts, slots: { ...migrated.slots } };
  const slot = def.slots.find((s) => s.id === state.cursor);
  if (changed && !slot) return advance(def, state, { notice: say('formChanged', state.lang) });
  const command = commandOf(text, u);
  const correction = clicked || command ? undefined : readCorrection(text);
  if (correction) return corrected(def, state, correction, text);
  if (command && !(command.kind === 'skip' && slot && answerBeatsSkip(slot, text, state.lang))) {
    return runCommand(def, state, command, slot);
  }
  if (!slot) return advance(def, state, {});
  const parsed = parseSlotValue(slot, text, state.lang);
  // The answer's other facts fill their slots; when the answer itself did not fit, its extractor may still find it.
  const found = applyPrefill(def, state, [text], false, parsed.ok ? slot.id : undefined);
  // "since yesterday, whole team" typed at "Which device?": it answers other questions, not this one.
  const misplaced = parsed.ok && found.length > 0 && slot.type === 'text' && slot.extract !== undefined && slot.extract !== 'problem'
    && runExtractor(slot.extract, slot, text, state.lang) === undefined;
  if (parsed.ok && !misplaced) state.slots[slot.id] = parsed.value;
  else if (!found.includes(slot.id) && found.length === 0) {
    const free = freeChoiceValue(slot, text, state.lang);
    if (free === undefined) return retry(def, state, slot);
    state.slots[slot.id] = free;
  }
  if (state.slots[slot.id] !== undefined) {
    state.history = [...state.history, slot.id];
    state.skipped = state.skipped.filter((id) => id !== slot.id);
  }
  const others = found.filter((id) => id !== slot.id);
  state.prefilled = [...state.prefilled, ...others];
  return advance(def, state, { understood: describeUnderstood(def, state, others) });
}

/**
 * "Sorry, I meant my desktop, not the laptop. Room 214": the wrong thing is replaced where it was said (the
 * opening, the problem and any answer that named it, so the summary follows), and the message's other facts
 * fill their slots; then the next open question.
 */
function corrected(def: DialogDefinition, state: DialogState, correction: Correction, text: string): DialogTurn {
  const opening = applyCorrection(state.opening, correction);
  if (opening) state.opening = opening;
  const wrong = correction.wrong?.toLowerCase();
  const rewritten: string[] = [];
  for (const [id, value] of Object.entries(state.slots)) {
    if (!wrong || !value.toLowerCase().includes(wrong)) continue;
    const fixed = id === 'problem' ? applyCorrection(value, correction) : undefined;
    if (fixed) {
      state.slots[id] = fixed;
      rewritten.push(id);
    } else delete state.slots[id];
  }
  // The wrong thing is named in the message too ("…, not the laptop"): the right one and the rest fill slots.
  const found = applyPrefill(def, state, [`${correction.right}. ${correction.rest}`], false);
  state.prefilled = [...state.prefilled, ...found];
  // The corrected problem is said back, so the person sees it was taken ("问题描述：飞书 的消息通知…").
  return { ...advance(def, state, { understood: describeUnderstood(def, state, [...rewritten, ...found]) }), corrected: true };
}


// The engine's reading when it passed one, else the runner's own: the same src/understand either way.
function commandOf(text: string, u: Understanding | undefined): DialogCommand | undefined {
  if (!u || text.startsWith('cmd:')) return parseCommand(text);
  switch (u.act) {
    case 'status': return u.ticketNumbers[0] ? { kind: 'status', ticketNumber: u.ticketNumbers[0] } : { kind: 'status' };
    case 'cancel': case 'restart': case 'skip': case 'back': case 'human': return { kind: u.act };
    case 'deny': return parseCommand(text);
    default: return undefined;
  }
}

// "没有" / "none" / "not sure" are skip words, but also real answers to a yes/no, choice or time question.
function answerBeatsSkip(slot: SlotDef, text: string, lang: Lang): boolean {
  if (!slot.optional) return parseSlotValue(slot, text, lang).ok;
  return ['yesno', 'choice', 'datetime'].includes(slot.type) && parseSlotValue(slot, text, lang).ok;
}

function runCommand(def: DialogDefinition, state: DialogState, command: DialogCommand, slot: SlotDef | undefined): DialogTurn {
  const escalate = def.urgentPath === true;
  switch (command.kind) {
    case 'status':
      return { state, outcome: 'command', command, question: slot ? questionFor(slot, state, false) : undefined, escalate };
    case 'cancel':
      return { state: { ...state, cursor: null }, outcome: 'cancelled', escalate: false };
    case 'human':
      return handOver(def, state, 'requested');
    case 'restart': {
      const fresh = { ...emptyState(def, state.lang, ''), estimate: state.estimate };
      const turn = advance(def, fresh, {});
      return { ...turn, outcome: turn.outcome === 'ask' ? 'restart' : turn.outcome };
    }
    case 'back':
      return goBack(def, state);
    case 'skip':
      if (!slot) return advance(def, state, {});
      // "I don't know" to a required question counts as an answer that did not fit: after the retries a person takes over.
      if (!slot.optional) return retry(def, state, slot, say('skipNotAllowed', state.lang));
      return advance(def, { ...state, skipped: [...state.skipped, slot.id], history: [...state.history, slot.id] }, {});
  }
}

function goBack(def: DialogDefinition, state: DialogState): DialogTurn {
  const previous = state.history[state.history.length - 1];
  const slot = def.slots.find((s) => s.id === previous);
  const current = def.slots.find((s) => s.id === state.cursor);
  if (!slot) {
    const question = current ? questionFor(current, state, false, say('nothingToGoBack', state.lang)) : undefined;
    return { state, outcome: current ? 'ask' : 'done', question, escalate: def.urgentPath === true };
  }
  const slots = { ...state.slots };
  delete slots[slot.id];
  const back: DialogState = {
    ...state, slots, cursor: slot.id, retries: 0,
    history: state.history.slice(0, -1), skipped: state.skipped.filter((id) => id !== slot.id),
  };
  return { state: back, outcome: 'ask', question: questionFor(slot, back, false, say('goingBack', state.lang)), escalate: def.urgentPath === true };
}

function retry(def: DialogDefinition, state: DialogState, slot: SlotDef, notice?: string): DialogTurn {
  const retries = state.retries + 1;
  const max = slot.maxRetries ?? def.maxRetries ?? (def.urgentPath ? 2 : 3);
  const next = { ...state, retries };
  if (retries >= max) return handOver(def, next, 'max_retries');
  return { state: next, outcome: 'ask', question: questionFor(slot, next, !notice, notice), escalate: def.urgentPath === true };
}

/** Hand the conversation to a human with what was gathered so far (the handoff context). */
export function handOver(def: DialogDefinition, state: DialogState, reason: 'requested' | 'max_retries'): DialogTurn {
  return { state, outcome: 'human', result: buildResult(def, state), reason, escalate: def.urgentPath === true };
}

/** Ask the first missing slot, or finish. Exported for the email form, which fills several at once. */
export function advance(def: DialogDefinition, state: DialogState, extra: { understood?: string; notice?: string }): DialogTurn {
  const escalate = def.urgentPath === true;
  const next = missingSlots(def, state)[0];
  if (!next) {
    const done = { ...state, cursor: null, retries: 0 };
    return { state: done, outcome: 'done', result: buildResult(def, done), understood: extra.understood, escalate };
  }
  const asked = { ...state, cursor: next.id, retries: next.id === state.cursor ? state.retries : 0 };
  return { state: asked, outcome: 'ask', question: questionFor(next, asked, false, extra.notice), understood: extra.understood, escalate };
}

/** The question for a slot in the state's language. */
export function questionFor(slot: SlotDef, state: DialogState, isRetry: boolean, notice?: string): DialogQuestion {
  const lang = state.lang;
  const choices =
    slot.type === 'choice'
      ? choicesWithOther(slot, lang)
      : slot.type === 'yesno'
        ? [{ value: 'yes', label: say('yes', lang) }, { value: 'no', label: say('no', lang) }]
        : undefined;
  return {
    slot: slot.id, type: slot.type, text: (isRetry ? slot.retry : slot.prompt)[lang],
    ...(notice ? { notice } : {}), ...(choices ? { choices } : {}), optional: slot.optional === true, retry: isRetry,
  };
}

/**
 * Follow the user's language when the text clearly shows one (src/understand decides). Latin letters alone
 * are not enough in a Chinese dialog: "2", "VPN", an e-mail address, "Alex Chen" or "Windows login" keep it.
 */
export function followLang(text: string, current: Lang): Lang {
  return stickyLanguage(text, current);
}
