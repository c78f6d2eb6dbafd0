import { AuthError, ValidationError } from '../errors';
import type { Agent } from '../store/agent-store';
import type { Store, TicketChange } from '../store/store';
import { priorityOf, priorityRank } from '../tickets/priority';
import type { Lang } from '../types/conversation';
import { agentSay } from './agent-messages';
import { computeDueTimes, type SlaConfig } from '../tickets/sla';
import type { Category, Impact, Ticket } from '../types/ticket';
import { act, type ActionResult } from './agent-actions';
import { applyTags, MAX_TAGS } from '../tickets/tags';
import { TicketStateError, owns } from './agent-permissions';

/** What an agent may change on a ticket from the console: category, impact and urgency (so priority), group, tags added and removed. */
export type TicketEdit = { category?: Category; impact?: Impact; urgency?: Impact; group?: string; addTags?: string[]; removeTags?: string[] };

/** SLA targets (new due times) and how the user reads a due time (the desk's time zone, their language). */
/** `formatDue` tells a time in `timeZone` (the requester's, when known) or the desk's. */
export type EditSettings = { sla: SlaConfig; formatDue: (iso: string, lang: Lang, timeZone?: string) => string };

type Fields = Extract<TicketChange, { kind: 'update' }>['fields'];

/**
 * Change a ticket's category, impact/urgency, group or tags (internal: the user is not told). A new priority recomputes both due times from the
 * ticket's creation (the SLA monitor re-plans its timers from them); a raised priority before the first answer
 * tells the user the new response time. One `edited` event names the agent and lists each change as from/to.
 */
export async function editTicket(store: Store, number: string, agent: Agent, edit: TicketEdit, settings: EditSettings, now: Date): Promise<ActionResult> {
  const found = await store.getTicketByNumber(number);
  const timeZone = found ? (await store.getUser(found.requesterId))?.timeZone : undefined;
  return act(store, number, agent, now, ({ ticket, conversation }) => {
    if (ticket.status === 'closed') throw new TicketStateError(`${ticket.number} is closed`);
    if (ticket.agentId && !owns(agent, ticket)) throw new AuthError(`${ticket.number} is owned by ${ticket.agentId}; only they or an admin can change it`);
    const { fields, changes } = planEdit(ticket, edit, settings.sla);
    if (Object.keys(changes).length === 0) throw new ValidationError(`nothing to change on ${ticket.number}: pick a new value first`);
    // Where it matters to the user: a higher priority means a sooner answer, and they are told when.
    const raised = fields.priority && fields.responseDueAt && priorityRank(fields.priority) < priorityRank(ticket.priority) && !ticket.firstResponseAt;
    const outbound = raised ? [{ kind: 'text' as const, text: agentSay(conversation.lang, 'priorityRaised', {
      ticket: ticket.number, priority: fields.priority as string, due: settings.formatDue(fields.responseDueAt as string, conversation.lang, timeZone) }) }] : [];
    return { kind: 'edited', data: { by: agent.name, changes }, fields, outbound };
  });
}

function planEdit(ticket: Ticket, edit: TicketEdit, sla: SlaConfig): { fields: Fields; changes: Record<string, { from: unknown; to: unknown }> } {
  const fields: Fields = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (edit.category && edit.category !== ticket.category) {
    fields.category = edit.category;
    changes.category = { from: ticket.category, to: edit.category };
  }
  const impact = edit.impact ?? ticket.impact;
  const urgency = edit.urgency ?? ticket.urgency;
  if (impact !== ticket.impact || urgency !== ticket.urgency) {
    Object.assign(fields, { impact, urgency });
    changes.impactUrgency = { from: `${ticket.impact}/${ticket.urgency}`, to: `${impact}/${urgency}` };
    const priority = priorityOf(impact, urgency);
    if (priority !== ticket.priority) {
      Object.assign(fields, { priority }, computeDueTimes(priority, ticket.createdAt, sla));
      changes.priority = { from: ticket.priority, to: priority };
    }
  }
  if (edit.group && edit.group !== (ticket.group ?? null)) {
    fields.group = edit.group;
    changes.group = { from: ticket.group ?? null, to: edit.group };
  }
  // Added and removed rather than a whole new list: two agents tagging at once both keep their tag.
  const tags = applyTags(ticket.tags, edit.addTags, edit.removeTags);
  if (tags.join(' ') !== [...ticket.tags].sort().join(' ')) {
    if (tags.length > MAX_TAGS) throw new ValidationError(`${ticket.number} would have ${tags.length} tags: keep it to ${MAX_TAGS}`);
    fields.tags = tags;
    changes.tags = { from: ticket.tags, to: tags };
  }
  return { fields, changes };
}
