import { inPeriod, type KpiTicket, type Period } from './kpi-data';
import { mean, median, minutesBetween } from './stats';

/** One agent's figures for a period, by the tickets they own now. */
export type AgentFigures = {
  agentId: string;
  /** Their tickets not resolved or closed now, whatever the period. */
  openNow: number;
  /** Their tickets resolved in the period. */
  resolved: number;
  /** Minutes from hand-off (or opening) to the first agent reply, for first replies in the period. */
  firstResponseMedianMinutes: number | null;
  /** Hours from opening to resolution, for tickets resolved in the period. */
  resolutionMedianHours: number | null;
  /** Satisfaction (1-5) of their tickets closed in the period with a rating, and how many ratings. */
  csatAverage: number | null;
  csatCount: number;
};

/** Per-agent figures (the dashboard's "By agent" table), one row per agent owning a ticket, by agent id. */
export function agentFigures(tickets: readonly KpiTicket[], period: Period): AgentFigures[] {
  const byAgent = new Map<string, KpiTicket[]>();
  for (const t of tickets) if (t.agentId) byAgent.set(t.agentId, [...(byAgent.get(t.agentId) ?? []), t]);
  return [...byAgent.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([agentId, own]) => {
    const resolved = own.filter((t) => inPeriod(t.resolvedAt, period));
    const responded = own.filter((t) => inPeriod(t.firstResponseAt, period));
    const rated = own.filter((t) => inPeriod(t.closedAt, period) && t.csat !== null);
    return {
      agentId,
      openNow: own.filter((t) => t.status !== 'resolved' && t.status !== 'closed').length,
      resolved: resolved.length,
      firstResponseMedianMinutes: median(responded.map((t) => minutesBetween(t.escalatedAt ?? t.createdAt, t.firstResponseAt as string))),
      resolutionMedianHours: median(resolved.map((t) => minutesBetween(t.createdAt, t.resolvedAt as string) / 60)),
      csatAverage: mean(rated.map((t) => t.csat as number)),
      csatCount: rated.length,
    };
  });
}
