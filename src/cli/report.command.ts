import { ValidationError } from '../errors';
import { REPORT_FORMATS, formatReport, type ReportFormat } from '../kpi/format-report';
import { parsePeriod } from '../kpi/period';
import { computeReport } from '../kpi/report';
import { parseArgs, type CliCommand } from './command';
import { openReadStores } from './read-stores';

const USAGE = `Usage: frontdesk report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format table|json|csv]
KPIs of tickets opened (and closed) in the period; by default the last 30 days. --to includes its day.
`;

/** Parse `--format`, defaulting to `fallback`. */
export function formatOption(value: string | true | undefined, fallback: ReportFormat): ReportFormat {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw new ValidationError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
}

const optionText = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** `frontdesk report`: KPIs per period and per channel, category, priority and group, from the configured database (SQLite read-only, or PostgreSQL). */
export const runReportCommand: CliCommand = async (args, io) => {
  const { options } = parseArgs(args);
  if (options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const format = formatOption(options.format, 'table');
  const now = new Date();
  const period = parsePeriod({ from: optionText(options.from), to: optionText(options.to) }, now);
  const stores = await openReadStores(io, 'empty');
  try {
    const report = computeReport(await stores.kpi.loadKpiData(now.toISOString()), period, now.toISOString());
    io.stdout.write(formatReport(report, format));
    return 0;
  } finally {
    await stores.close();
  }
};
