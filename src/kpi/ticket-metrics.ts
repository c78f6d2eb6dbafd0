import { inPeriod, type KpiKbAnswer, type KpiTicket, type Period } from './kpi-data';
import { mean, median, minutesBetween, pct, percentile } from './stats';

/** A duration distribution in minutes. */
export type Durations = { count: number; medianMinutes: number | null; p90Minutes: number | null };

/** SLA outcome counts: pending tickets (not answered and not yet due) are in neither. */
export type SlaOutcome = { met: number; breached: number; metPct: number | null };

/** The ticket KPIs of one slice (all tickets, one channel, one category...). Definitions in docs below. */
export type TicketMetrics = {
  /** Tickets created in the period. */
  opened: number;
  /** Tickets whose closed_at is in the period. */
  closed: number;
  /** Created -> first agent response, over tickets opened in the period that have one. */
  firstResponse: Durations;
  /** Created -> first hand-off to tier-2 (escalated event or escalated_at), over opened tickets handed off. */
  handoff: Durations;
  /** Response SLA of opened tickets (self-service ones excluded): first response, else resolution, by response_due_at. */
  slaResponse: SlaOutcome;
  /** Resolution SLA of opened tickets (self-service excluded): resolved_at, else closed_at, by resolve_due_at. */
  slaResolution: SlaOutcome;
  /**
   * Solved by KB articles: tickets closed by self-service plus questions answered without a ticket (`answered`).
   * kbOffered counts both kinds of offer; rate = resolved / offered, deflection = resolved / (opened + answered).
   * rated / csatAverage: the answered questions the person rated (1-5) and their mean (tickets' ratings are in `csat`).
   */
  selfService: { kbOffered: number; resolved: number; answered: number; ratePct: number | null; deflectionPct: number | null; rated: number; csatAverage: number | null };
  /** Closed tickets never escalated, transferred or reopened (self-service included) / closed tickets. */
  firstContact: { closed: number; resolved: number; ratePct: number | null };
  /** Opened tickets resolved at least once (resolved or closed event) / those of them reopened. */
  reopen: { resolved: number; reopened: number; ratePct: number | null };
  /** Closed tickets whose requester was asked (closed by requester, or rated) / rated; average score of the rated. */
  csat: { surveyed: number; responses: number; average: number | null; responseRatePct: number | null };
};

const has = (t: KpiTicket, kind: string) => t.events.some((e) => e.kind === kind);
const firstAt = (t: KpiTicket, kind: string) => t.events.find((e) => e.kind === kind)?.at ?? null;
const earliest = (...values: (string | null)[]) => values.filter((v): v is string => v !== null).sort()[0] ?? null;

/** Solved by a knowledge-base article: the bot logged it closed with a self_service_resolved event. */
export function isSelfService(t: KpiTicket): boolean {
  return has(t, 'self_service_resolved');
}

function durations(minutes: number[]): Durations {
  return { count: minutes.length, medianMinutes: median(minutes), p90Minutes: percentile(minutes, 90) };
}

/** met / breached against a due time; a ticket without the milestone is breached once the due time passed at `now`. */
function sla(tickets: KpiTicket[], at: (t: KpiTicket) => string | null, due: (t: KpiTicket) => string, now: string): SlaOutcome {
  let met = 0;
  let breached = 0;
  for (const t of tickets) {
    const done = at(t);
    if (done !== null) {
      if (done <= due(t)) met++;
      else breached++;
    } else if (due(t) <= now) breached++;
  }
  return { met, breached, metPct: pct(met, met + breached) };
}

/** Compute the metrics of `tickets` (and questions answered without one) for the period; `now` decides which unanswered tickets are already late. */
export function ticketMetrics(tickets: readonly KpiTicket[], period: Period, now: string, kbAnswers: readonly KpiKbAnswer[] = []): TicketMetrics {
  const opened = tickets.filter((t) => inPeriod(t.createdAt, period));
  const closed = tickets.filter((t) => inPeriod(t.closedAt, period));
  const agentHandled = opened.filter((t) => !isSelfService(t));
  const handedOff = opened.map((t) => ({ t, at: earliest(t.escalatedAt, firstAt(t, 'escalated')) })).filter((x) => x.at !== null);
  const selfSolved = opened.filter(isSelfService).length;
  const answeredInPeriod = kbAnswers.filter((a) => inPeriod(a.at, period));
  const answered = answeredInPeriod.length;
  const answerScores = answeredInPeriod.map((a) => a.csat ?? null).filter((s): s is number => s !== null);
  const solved = selfSolved + answered;
  const kbOffered = opened.filter((t) => t.kb.length > 0).length + answered;
  const firstContact = closed.filter((t) => t.escalatedAt === null && !['escalated', 'transferred', 'reopened'].some((k) => has(t, k))).length;
  const everResolved = opened.filter((t) => has(t, 'resolved') || has(t, 'closed'));
  const reopened = everResolved.filter((t) => has(t, 'reopened')).length;
  const surveyed = closed.filter((t) => t.csat !== null || t.events.some((e) => e.kind === 'closed' && e.data.by === 'requester'));
  const scores = surveyed.map((t) => t.csat).filter((s): s is number => s !== null);
  return {
    opened: opened.length,
    closed: closed.length,
    firstResponse: durations(opened.filter((t) => t.firstResponseAt !== null).map((t) => minutesBetween(t.createdAt, t.firstResponseAt as string))),
    handoff: durations(handedOff.map((x) => minutesBetween(x.t.createdAt, x.at as string))),
    slaResponse: sla(agentHandled, (t) => t.firstResponseAt ?? t.resolvedAt ?? firstAt(t, 'resolved'), (t) => t.responseDueAt, now),
    slaResolution: sla(agentHandled, (t) => t.resolvedAt ?? t.closedAt, (t) => t.resolveDueAt, now),
    selfService: {
      kbOffered, resolved: solved, answered, ratePct: pct(solved, kbOffered), deflectionPct: pct(solved, opened.length + answered),
      rated: answerScores.length, csatAverage: mean(answerScores),
    },
    firstContact: { closed: closed.length, resolved: firstContact, ratePct: pct(firstContact, closed.length) },
    reopen: { resolved: everResolved.length, reopened, ratePct: pct(reopened, everResolved.length) },
    csat: { surveyed: surveyed.length, responses: scores.length, average: mean(scores), responseRatePct: pct(scores.length, surveyed.length) },
  };
}
