import fs from 'node:fs';
import { loadConfig } from '../config';
import { openDatabase } from '../store/open-database';
import { ValidationError } from '../errors';
import { REPORT_FORMATS, formatReport, type ReportFormat } from '../kpi/format-report';
import { loadKpiData, openReadOnly } from '../kpi/load-kpi-data';
import { parsePeriod } from '../kpi/period';
import { computeReport } from '../kpi/report';
import { parseArgs, type CliCommand } from './command';

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

/** `frontdesk report`: KPIs per period and per channel, category, priority and group, from the configured database (read-only). */
export const runReportCommand: CliCommand = async (args, io) => {
  const { options } = parseArgs(args);
  if (options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const format = formatOption(options.format, 'table');
  const now = new Date();
  const period = parsePeriod({ from: optionText(options.from), to: optionText(options.to) }, now);
  const file = loadConfig(io.env, io.cwd).DATABASE_PATH;
  // A fresh install has no database yet: that is an empty report, not an error (and nothing is created).
  const db = fs.existsSync(file) ? openReadOnly(file) : openDatabase(':memory:');
  try {
    const report = computeReport(loadKpiData(db, now.toISOString()), period, now.toISOString());
    io.stdout.write(formatReport(report, format));
    return 0;
  } finally {
    db.close();
  }
};
