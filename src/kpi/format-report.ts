import { AGE_BUCKETS, DIMENSIONS, type KpiReport } from './report';
import type { TicketMetrics } from './ticket-metrics';

/** Output formats of `frontdesk report`. */
export const REPORT_FORMATS = ['table', 'json', 'csv'] as const;
/** One of REPORT_FORMATS. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const round = (v: number | null, digits = 1): number | null => (v === null ? null : Number(v.toFixed(digits)));

/** The flat columns one metrics slice becomes in tables and CSV (durations in minutes, rates in %). */
export function metricColumns(m: TicketMetrics): Record<string, number | null> {
  return {
    opened: m.opened,
    closed: m.closed,
    first_response_median_min: round(m.firstResponse.medianMinutes),
    first_response_p90_min: round(m.firstResponse.p90Minutes),
    handoff_median_min: round(m.handoff.medianMinutes),
    sla_response_met_pct: round(m.slaResponse.metPct),
    sla_resolution_met_pct: round(m.slaResolution.metPct),
    self_service_pct: round(m.selfService.ratePct),
    deflection_pct: round(m.selfService.deflectionPct),
    first_contact_pct: round(m.firstContact.ratePct),
    reopen_pct: round(m.reopen.ratePct),
    csat_average: round(m.csat.average, 2),
    csat_response_pct: round(m.csat.responseRatePct),
    self_service_csat_average: round(m.selfService.csatAverage, 2),
  };
}

/** Every metrics row of the report: the overall one, then one per dimension value. */
export function metricRows(report: KpiReport): { dimension: string; slice: string; columns: Record<string, number | null> }[] {
  const rows = [{ dimension: 'all', slice: 'all', columns: metricColumns(report.overall) }];
  for (const d of DIMENSIONS) {
    for (const [slice, m] of Object.entries(report.breakdown[d])) rows.push({ dimension: d, slice, columns: metricColumns(m) });
  }
  return rows;
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote per RFC 4180; a leading = + - @ is defused so a spreadsheet does not run it as a formula, and so
  // is a leading tab, CR or LF, which spreadsheets skip before looking for one (OWASP CSV injection).
  const safe = (/^[=+\-@]/.test(s) && Number.isNaN(Number(s))) || /^[\t\r\n]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Rows to CSV text with a header line. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** Rows to aligned text columns (number columns right-aligned, missing values as "-"). */
export function toTable(header: string[], rows: (string | number | null)[][]): string {
  const cells = [header, ...rows].map((r) => r.map((v) => (v === null ? '-' : String(v))));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.some((r) => typeof r[i] === 'number') && rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  return cells
    .map((r, line) => r.map((v, i) => (line > 0 && numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd())
    .join('\n') + '\n';
}

/** Render the report in one of the formats. CSV holds the metrics rows only; JSON holds everything. */
export function formatReport(report: KpiReport, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  const rows = metricRows(report);
  const header = ['dimension', 'slice', ...Object.keys(rows[0].columns)];
  const body = rows.map((r) => [r.dimension, r.slice, ...Object.values(r.columns)]);
  if (format === 'csv') return toCsv(header, body);
  const parts = [`Frontdesk report ${report.period.from} .. ${report.period.to} (generated ${report.generatedAt})\n`];
  parts.push(toTable(header, body));
  parts.push(`\nBacklog now: ${report.backlog.total} tickets\n`);
  parts.push(toTable(['priority', 'total', ...AGE_BUCKETS], Object.entries(report.backlog.byPriority).map(([p, b]) => [p, b.total, ...AGE_BUCKETS.map((a) => b[a])])));
  parts.push(`\nUsers notified by broadcasts: ${report.notifications.users} (${report.notifications.deliveries} deliveries)\n`);
  const kb = (list: KpiReport['kb']['top']) => list.map((s) => [s.id, s.offered, s.helpful, s.notHelpful]);
  parts.push('\nTop KB articles\n', toTable(['article', 'offered', 'helpful', 'not_helpful'], kb(report.kb.top)));
  parts.push('\nWorst rated KB articles\n', toTable(['article', 'offered', 'helpful', 'not_helpful'], kb(report.kb.worst)));
  if (report.majorIncidents === null) parts.push('\nMajor incidents: not recorded in this database\n');
  else {
    parts.push(`\nMajor incidents: ${report.majorIncidents.length}\n`);
    parts.push(toTable(['number', 'status', 'created_at', 'linked_tickets', 'title'], report.majorIncidents.map((m) => [m.number, m.status, m.createdAt, m.linkedTickets, m.title])));
  }
  return parts.join('');
}
