import type { BusinessCalendar } from '../tickets/business-calendar';
import { dueAt } from '../tickets/sla';
import type { Ticket, TicketEvent } from '../types/ticket';

/** When reminders go out and when a resolved ticket closes by itself, in business days after the resolution. */
export type AutoClosePolicy = { remindAfterDays: number[]; closeAfterDays: number };

/** Defaults of the issue: reminders after 1 and 2 business days, auto-close after 3. */
export const DEFAULT_AUTO_CLOSE: AutoClosePolicy = { remindAfterDays: [1, 2], closeAfterDays: 3 };

/** What is due for one resolved ticket at an instant. */
export type ClosePlan = { kind: 'remind'; n: number; closesAt: Date } | { kind: 'close' } | null;

/** Event kind of a reminder; `data.n` is its rank (1 = first). */
export const REMINDER_EVENT = 'confirmation_reminder';

/** The instant `days` business days after `from` on the desk's calendar. */
export function businessDaysAfter(from: Date | string, days: number, calendar: BusinessCalendar): Date {
  return dueAt(from, `${days}bd`, 'business', calendar);
}

/**
 * Decide from the ticket's own audit log, so the decision is the same after a restart or in a second
 * instance: the last `resolved` event starts the clock, reminders already sent since then are counted.
 * After a long downtime only the latest missed reminder goes out, and a ticket past its close time closes at once.
 */
export function planFor(ticket: Ticket, events: TicketEvent[], now: Date, policy: AutoClosePolicy, calendar: BusinessCalendar): ClosePlan {
  if (ticket.status !== 'resolved') return null;
  const resolved = [...events].reverse().find((e) => e.kind === 'resolved');
  const since = resolved?.at ?? ticket.resolvedAt;
  if (!since) return null;
  const closesAt = businessDaysAfter(since, policy.closeAfterDays, calendar);
  if (now.getTime() >= closesAt.getTime()) return { kind: 'close' };
  const sent = events
    .filter((e) => e.kind === REMINDER_EVENT && (!resolved || e.id > resolved.id))
    .reduce((max, e) => Math.max(max, Number(e.data.n) || 0), 0);
  let due = 0;
  policy.remindAfterDays.forEach((days, i) => {
    if (now.getTime() >= businessDaysAfter(since, days, calendar).getTime()) due = i + 1;
  });
  return due > sent ? { kind: 'remind', n: due, closesAt } : null;
}
