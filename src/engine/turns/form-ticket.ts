import { z } from 'zod';
import { priorityOf } from '../../tickets/priority';
import type { InboundMessage } from '../../types/conversation';
import { Category } from '../../types/ticket';
import type { Draft, TurnContext, TurnDecision, TurnDeps } from '../turn-types';
import { openTicketTurn } from './open-ticket';

/** Action id of a submitted new-ticket form (Slack's /helpdesk modal, Teams' task module): its value is a FormTicket as JSON. */
export const FORM_TICKET_ACTION = 'fd_form_ticket';

/** Urgency as the forms offer it, to ITIL urgency (1 = work stopped). */
const URGENCY = { high: 1, medium: 2, low: 3 } as const;

/** What a new-ticket form carries: the person's own summary, and optionally what they chose for urgency and area. */
export const FormTicket = z.object({
  summary: z.string().trim().min(1).max(300),
  description: z.string().max(4000).default(''),
  urgency: z.enum(['high', 'medium', 'low']).optional(),
  category: Category.optional(),
  /** Where the description came from (a Slack message's permalink): kept on the ticket for agents. */
  source: z.string().url().max(500).optional(),
});
export type FormTicket = z.infer<typeof FormTicket>;

/** The form a message carries, or null when it is not a (valid) new-ticket form. */
export function formOf(message: InboundMessage): FormTicket | null {
  if (message.action?.id !== FORM_TICKET_ACTION) return null;
  try {
    const parsed = FormTicket.safeParse(JSON.parse(message.action.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The inbound text of a form: what the transcript and the classifier read. */
export function formText(form: Pick<FormTicket, 'summary' | 'description'>): string {
  const description = form.description.trim();
  return description && description !== form.summary ? `${form.summary}\n${description}` : form.summary;
}

/**
 * A new-ticket form logs a ticket at once: the person already said everything the intake would ask, so
 * no questions and no article offer. Their own choices (area, urgency) win over the classifier's reading;
 * the summary is theirs. A ticket the conversation had stays as it was; the new one becomes current.
 */
export function formTicketTurn(ctx: TurnContext, draft: Draft, form: FormTicket, deps: TurnDeps): TurnDecision {
  const description = formText(form);
  const read = deps.assess(description);
  const urgency = form.urgency ? URGENCY[form.urgency] : read.urgency;
  const assessment = {
    ...read,
    ...(form.category ? { category: form.category, categoryUncertain: false } : {}),
    urgency,
    priority: form.urgency ? priorityOf(read.impact, urgency) : read.priority,
  };
  const fresh = { ...draft, state: { ...draft.state, intake: undefined, dialog: undefined } };
  const opened = openTicketTurn(ctx, fresh, { description, assessment, kbTried: [] }, deps);
  const tickets = opened.tickets.map((change) => (change.kind === 'open'
    ? { ...change, draft: { ...change.draft, summary: form.summary.replace(/\s+/g, ' '), ...(form.source ? { slots: { ...change.draft.slots, source: form.source } } : {}) } }
    : change));
  const events = opened.events.map((event) => (event.kind === 'opened' ? { ...event, data: { ...event.data, form: true } } : event));
  return { ...opened, tickets, events, outcome: `form_${opened.outcome}` };
}
