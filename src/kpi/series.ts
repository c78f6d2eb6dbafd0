import type { KpiKbAnswer, KpiTicket, Period } from './kpi-data';
import { ticketMetrics } from './ticket-metrics';

/** One point of the dashboard's time series (a day, or a week for long periods). */
export type SeriesPoint = {
  start: string;
  opened: number;
  closed: number;
  slaResponsePct: number | null;
  slaResolutionPct: number | null;
  csatAverage: number | null;
  deflectionPct: number | null;
};

const DAY = 86_400_000;

/** Day buckets (UTC) for periods up to 62 days, week buckets beyond, each measured like the report. */
export function timeSeries(tickets: readonly KpiTicket[], period: Period, now: string, kbAnswers: readonly KpiKbAnswer[] = []): SeriesPoint[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const step = to - from > 62 * DAY ? 7 * DAY : DAY;
  const points: SeriesPoint[] = [];
  for (let start = from; start < to; start += step) {
    const slice = { from: new Date(start).toISOString(), to: new Date(Math.min(start + step, to)).toISOString() };
    const m = ticketMetrics(tickets, slice, now, kbAnswers);
    points.push({
      start: slice.from, opened: m.opened, closed: m.closed, slaResponsePct: m.slaResponse.metPct,
      slaResolutionPct: m.slaResolution.metPct, csatAverage: m.csat.average, deflectionPct: m.selfService.deflectionPct,
    });
  }
  return points;
}
