import { summarize } from '../render/summarize';
import { clip } from '../render/clip';
import { priorityOf } from '../tickets/priority';
import type { Lang } from '../types/conversation';
import type { Category, Impact, Priority, TicketType, Urgency } from '../types/ticket';
import type { DialogDefinition, DialogState, SlotDef } from './schema';
import { sincePhrase } from './time-expr';
import { say } from './messages';
import { activeSlots } from './progress';

/** What a finished (or handed-over) dialog gives the ticket and the handoff. */
export type DialogResult = {
  dialogId: string;
  version: number;
  lang: Lang;
  /** From the definition, when it has them; the classifier decides otherwise. */
  category?: Category;
  type?: TicketType;
  /** Answers of the slots that apply, by slot id. */
  slots: Record<string, string>;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  description: string;
  summary: string;
  /** Slots filled from the user's own words rather than asked. */
  prefilled: string[];
  /** Security path: route to a human at once. */
  escalate: boolean;
};

const IMPACT_OF: Record<string, Impact> = { everyone: 1, team: 2, me: 3 };
const URGENCY_OF: Record<string, Urgency> = { blocked: 1, workaround: 2, can_wait: 3 };


/** How an answer reads to a person: choice labels, yes/no words, "since ..." phrases. */
export function displayValue(slot: SlotDef, value: string, lang: Lang, forSummary = false): string {
  if (slot.type === 'choice') {
    const choice = slot.choices?.find((c) => c.value === value);
    if (!choice) return value;
    return forSummary && choice.summary ? choice.summary[lang] : choice.label[lang];
  }
  if (slot.type === 'yesno') return value === 'yes' ? say('yes', lang) : say('no', lang);
  if (slot.extract === 'since' && forSummary) return sincePhrase(value, lang);
  // Cut at a word, never inside one ("…in SAP si..." read as a sentence ending in "si.").
  if (forSummary) return clip(value, 80);
  return value;
}

/** Fill a summary template: `{slot}` required (else ''), `[...]` dropped when a placeholder inside is empty, `[a||b]` first that resolves. */
export function fillTemplate(template: string, values: (id: string) => string | undefined): string {
  const fill = (part: string): string | undefined => {
    let missing = false;
    const out = part.replace(/\{([a-z0-9_]+)\}/g, (_, id: string) => values(id) ?? ((missing = true), ''));
    return missing ? undefined : out;
  };
  // What the required part already says ("…下周三前要用") is not said again by an optional one ("，下周三前需要").
  const required = (fill(template.replace(/\[[^\]]*\]/g, '')) ?? '').toLowerCase();
  const saidAlready = (alt: string) => {
    const ids = [...alt.matchAll(/\{([a-z0-9_]+)\}/g)].map((m) => m[1]);
    return ids.length > 0 && ids.every((id) => required.includes((values(id) ?? '\u0000').toLowerCase()));
  };
  const withGroups = template.replace(/\[([^\]]*)\]/g, (_, inner: string) => {
    for (const alt of inner.split('||')) {
      const out = fill(alt);
      if (out !== undefined) return saidAlready(alt) ? '' : out;
    }
    return '';
  });
  // A placeholder outside brackets is required: without it the template says nothing ("SECURITY: "), so none.
  return (fill(withGroups) ?? '').replace(/\s{2,}/g, ' ').trim();
}

function numberFrom(def: DialogDefinition, slots: Record<string, string>, kind: 'impact' | 'urgency'): number | undefined {
  const slot = def.slots.find((s) => s.extract === kind && slots[s.id] !== undefined);
  if (!slot) return undefined;
  return (kind === 'impact' ? IMPACT_OF : URGENCY_OF)[slots[slot.id]];
}

/** Build the ticket-ready result from the current state (used at the end and for a handoff part-way). */
export function buildResult(def: DialogDefinition, state: DialogState): DialogResult {
  const lang = state.lang;
  const active = activeSlots(def, state.slots).filter((s) => state.slots[s.id] !== undefined);
  const slots = Object.fromEntries(active.map((s) => [s.id, state.slots[s.id]]));
  const impact = (numberFrom(def, slots, 'impact') ?? state.estimate?.impact ?? 3) as Impact;
  const defaultUrgency = def.urgentPath ? 1 : def.type === 'service_request' ? 3 : 2;
  const urgency = (def.urgentPath ? 1 : numberFrom(def, slots, 'urgency') ?? state.estimate?.urgency ?? defaultUrgency) as Urgency;
  const byId = new Map(active.map((s) => [s.id, s]));
  const value = (id: string) => (byId.has(id) ? displayValue(byId.get(id)!, slots[id], lang, true) : undefined);
  const fromTemplate = def.summary ? fillTemplate(def.summary[lang], value) : '';
  const summary = (fromTemplate || (state.opening.trim() ? summarize(state.opening) : '') || def.title[lang]).slice(0, 300);
  const lines = active.map((s) => `${s.label[lang]}${colon(lang)}${displayValue(s, slots[s.id], lang)}`);
  const description = [state.opening.trim(), lines.join('\n')].filter(Boolean).join('\n\n');
  const prefilled = state.prefilled.filter((id) => byId.has(id));
  return {
    dialogId: def.id, version: def.version, lang, ...(def.category ? { category: def.category } : {}),
    ...(def.type ? { type: def.type } : {}), slots, impact, urgency, priority: priorityOf(impact, urgency),
    description, summary, prefilled, escalate: def.urgentPath === true,
  };
}

function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

/** "Here is what I understood:" followed by one line per prefilled slot; undefined when nothing was prefilled. */
export function describeUnderstood(def: DialogDefinition, state: DialogState, ids: string[]): string | undefined {
  const lines = def.slots
    .filter((s) => ids.includes(s.id) && state.slots[s.id] !== undefined && !s.profile)
    .map((s) => `- ${s.label[state.lang]}${colon(state.lang)}${clip(displayValue(s, state.slots[s.id], state.lang, false), 120)}`);
  return lines.length ? [say('understood', state.lang), ...lines].join('\n') : undefined;
}
