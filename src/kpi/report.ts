import type { Priority } from '../types/ticket';
import { inPeriod, type KpiData, type KpiKbAnswer, type KpiMajorIncident, type KpiTicket, type Period } from './kpi-data';
import { ticketMetrics, type TicketMetrics } from './ticket-metrics';

/** The slices every metric is broken down by. */
export const DIMENSIONS = ['channel', 'category', 'priority', 'group'] as const;
/** One of DIMENSIONS. */
export type Dimension = (typeof DIMENSIONS)[number];

/** Age buckets of the backlog, measured from creation to `now`. */
export const AGE_BUCKETS = ['<1d', '1-3d', '3-7d', '>7d'] as const;
/** One of AGE_BUCKETS. */
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** Per-article knowledge-base feedback from the tickets' kb_json and the questions answered without a ticket. */
export type KbArticleStat = { id: string; offered: number; helpful: number; notHelpful: number };

/** Everything `frontdesk report` and the dashboard show. */
export type KpiReport = {
  period: Period;
  generatedAt: string;
  overall: TicketMetrics;
  breakdown: Record<Dimension, Record<string, TicketMetrics>>;
  /** Tickets not resolved or closed at `now` (whatever the period), by priority and age. */
  backlog: { total: number; byPriority: Record<string, Record<AgeBucket, number> & { total: number }> };
  /** Broadcast deliveries sent in the period, and how many distinct users they reached. */
  notifications: { deliveries: number; users: number };
  kb: { top: KbArticleStat[]; worst: KbArticleStat[] };
  /** null when the database has no major incidents table. */
  majorIncidents: (KpiMajorIncident & { linkedTickets: number })[] | null;
};

const DAY = 86_400_000;
const noneLabel = '(none)';

function dimensionValue(t: KpiTicket, dimension: Dimension): string {
  return (dimension === 'group' ? t.group : t[dimension]) ?? noneLabel;
}

/** An answered question's slice: it has a channel and an area, but no priority or group. */
function answerValue(a: KpiKbAnswer, dimension: Dimension): string | undefined {
  if (dimension === 'channel') return a.channel;
  if (dimension === 'category') return a.category ?? noneLabel;
  return undefined;
}

/** Append `item` to the list kept under `key`. */
function addTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const list = groups.get(key);
  if (list) list.push(item);
  else groups.set(key, [item]);
}

function breakdown(tickets: KpiTicket[], answers: readonly KpiKbAnswer[], dimension: Dimension, period: Period, now: string): Record<string, TicketMetrics> {
  const slices = new Map<string, KpiTicket[]>();
  for (const t of tickets) {
    if (!inPeriod(t.createdAt, period) && !inPeriod(t.closedAt, period)) continue;
    addTo(slices, dimensionValue(t, dimension), t);
  }
  const answered = new Map<string, KpiKbAnswer[]>();
  for (const a of answers) {
    const key = answerValue(a, dimension);
    if (key === undefined || !inPeriod(a.at, period)) continue;
    addTo(answered, key, a);
    if (!slices.has(key)) slices.set(key, []);
  }
  const keys = [...slices.keys()].sort();
  return Object.fromEntries(keys.map((k) => [k, ticketMetrics(slices.get(k) as KpiTicket[], period, now, answered.get(k))]));
}

function ageBucket(createdAt: string, now: string): AgeBucket {
  const days = (Date.parse(now) - Date.parse(createdAt)) / DAY;
  return days < 1 ? '<1d' : days < 3 ? '1-3d' : days < 7 ? '3-7d' : '>7d';
}

function backlog(tickets: KpiTicket[], now: string): KpiReport['backlog'] {
  const open = tickets.filter((t) => t.status !== 'resolved' && t.status !== 'closed' && t.createdAt <= now);
  const byPriority: KpiReport['backlog']['byPriority'] = {};
  const priorities: Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5'];
  for (const p of priorities) byPriority[p] = { total: 0, '<1d': 0, '1-3d': 0, '3-7d': 0, '>7d': 0 };
  for (const t of open) {
    byPriority[t.priority].total++;
    byPriority[t.priority][ageBucket(t.createdAt, now)]++;
  }
  return { total: open.length, byPriority };
}

/** Top (most found helpful) and worst (highest not-helpful share) articles offered in tickets opened in the period. */
export function kbArticleStats(tickets: KpiTicket[], period: Period, limit = 5, answers: readonly KpiKbAnswer[] = []): KpiReport['kb'] {
  const stats = new Map<string, KbArticleStat>();
  const offers = [
    ...tickets.filter((x) => inPeriod(x.createdAt, period)).map((t) => t.kb),
    ...answers.filter((a) => inPeriod(a.at, period)).map((a) => a.articles.map((id) => ({ id, helpful: true }))),
  ];
  for (const offer of offers) {
    for (const k of offer) {
      const s = stats.get(k.id) ?? { id: k.id, offered: 0, helpful: 0, notHelpful: 0 };
      s.offered++;
      if (k.helpful === true) s.helpful++;
      if (k.helpful === false) s.notHelpful++;
      stats.set(k.id, s);
    }
  }
  const all = [...stats.values()];
  const top = all.filter((s) => s.helpful > 0).sort((a, b) => b.helpful - a.helpful || b.offered - a.offered || a.id.localeCompare(b.id));
  const share = (s: KbArticleStat) => s.notHelpful / (s.helpful + s.notHelpful);
  const worst = all.filter((s) => s.notHelpful > 0).sort((a, b) => share(b) - share(a) || b.notHelpful - a.notHelpful || a.id.localeCompare(b.id));
  return { top: top.slice(0, limit), worst: worst.slice(0, limit) };
}

/** Compute the whole report; pure, so tests can check every figure against a hand count. */
export function computeReport(data: KpiData, period: Period, now: string): KpiReport {
  const { tickets } = data;
  const answers = data.kbAnswers ?? [];
  const sent = data.notifications.filter((n) => inPeriod(n.sentAt, period));
  const incidents = data.majorIncidents === null ? null : data.majorIncidents
    .filter((m) => inPeriod(m.createdAt, period) || tickets.some((t) => t.majorIncidentId === m.id && inPeriod(t.createdAt, period)))
    .map((m) => ({ ...m, linkedTickets: tickets.filter((t) => t.majorIncidentId === m.id && inPeriod(t.createdAt, period)).length }));
  return {
    period,
    generatedAt: now,
    overall: ticketMetrics(tickets, period, now, answers),
    breakdown: Object.fromEntries(DIMENSIONS.map((d) => [d, breakdown(tickets, answers, d, period, now)])) as KpiReport['breakdown'],
    backlog: backlog(tickets, now),
    notifications: { deliveries: sent.length, users: new Set(sent.map((n) => n.userId)).size },
    kb: kbArticleStats(tickets, period, 5, answers),
    majorIncidents: incidents,
  };
}
