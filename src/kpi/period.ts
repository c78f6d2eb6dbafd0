import { ValidationError } from '../errors';
import type { Period } from './kpi-data';

const DAY = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseInstant(value: string, name: string, endOfDay: boolean): number {
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new ValidationError(`--${name} "${value}" is not a date: use YYYY-MM-DD or an ISO time such as 2026-11-01T09:00:00Z`);
  // A bare date as the end means "up to and including that day".
  return endOfDay && DATE_ONLY.test(value) ? ms + DAY : ms;
}

/**
 * The half-open period [from, to) of `--from`/`--to` (or the dashboard's query): dates are UTC days, `to` is
 * inclusive of its day; by default the 30 days before `now`.
 */
export function parsePeriod(input: { from?: string | null; to?: string | null }, now: Date, defaultDays = 30): Period {
  const to = input.to ? parseInstant(input.to, 'to', true) : now.getTime();
  const from = input.from ? parseInstant(input.from, 'from', false) : to - defaultDays * DAY;
  if (from >= to) throw new ValidationError(`--from must be before --to (got ${new Date(from).toISOString()} .. ${new Date(to).toISOString()})`);
  if (to - from > 3660 * DAY) throw new ValidationError('the period is longer than ten years: narrow --from/--to');
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
