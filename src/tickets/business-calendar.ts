import { z } from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, e.g. 09:00');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Working hours of the service desk: IANA time zone, working weekdays (0 = Sunday), hours, holidays. */
export const BusinessCalendar = z.object({
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or Asia/Shanghai').default('UTC'),
  workingDays: z.array(z.number().int().min(0).max(6)).min(1, 'name at least one working day (0 = Sunday … 6 = Saturday)').default([1, 2, 3, 4, 5]),
  hours: z.object({ start: HHMM, end: HHMM }).refine((h) => h.start < h.end, 'hours.start must be before hours.end').default({ start: '09:00', end: '18:00' }),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')).default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** A date on the wall calendar (month 1-12). */
type LocalDate = { year: number; month: number; day: number };

const formats = new Map<string, Intl.DateTimeFormat>();

/** An Intl.DateTimeFormat built once per locale and options: building one costs more than a turn's decision. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** Zones whose clocks are China Standard Time: a Chinese reader knows it as 北京时间. */
const BEIJING_TIME = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Harbin', 'Asia/Urumqi', 'PRC']);

/**
 * A due time as a person reads it: in their time zone (the desk's when theirs is unknown), with the zone named
 * ("Tue 8 Dec, 14:00 GMT+8"; "北京时间 12月8日周二 14:00", the way Chinese notices write it).
 */
export function formatTime(iso: string, timeZone: string, lang: 'en' | 'zh'): string {
  const at = new Date(iso);
  const parts = { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } as const;
  if (lang === 'en') return dateTimeFormat('en-GB', { ...parts, timeZoneName: 'short' }).format(at);
  const zone = BEIJING_TIME.has(timeZone) ? '北京时间'
    : dateTimeFormat('zh-CN', { timeZone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${zone} ${dateTimeFormat('zh-CN', parts).format(at)}`;
}

function formatter(tz: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
}

/** Wall-clock fields of an instant in a time zone. */
export function zonedParts(instant: Date, tz: string): LocalDate & { hour: number; minute: number; second: number } {
  const wall = new Date(instant.getTime() + offsetMs(instant.getTime(), tz));
  return {
    year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(),
    hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds(),
  };
}

// Offsets change only at transitions, which fall on quarter hours of UTC (offsets are whole quarter
// hours, transitions happen on the hour or half hour of local time): one Intl call per zone and quarter
// hour instead of several per SLA due-time computation.
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(instant: number, tz: string): number {
  const quarter = Math.floor(instant / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${tz}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts = formatter(tz).formatToParts(new Date(quarter));
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - quarter;
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The instant a wall-clock time happens in a time zone (a DST-ambiguous or skipped time resolves to the earlier instant). */
export function zonedTimeToUtc(date: LocalDate, hhmm: string, tz: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  const guess = Date.UTC(date.year, date.month - 1, date.day, h, m);
  const first = guess - offsetMs(guess, tz);
  const second = guess - offsetMs(first, tz);
  return new Date(Math.min(first, second));
}

function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function iso(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Length of one business day in ms (the daily working hours, e.g. 9 h for 09:00-18:00). */
export function businessDayMs(cal: BusinessCalendar): number {
  const mins = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  return (mins(cal.hours.end) - mins(cal.hours.start)) * 60_000;
}

// Ten years of days: a calendar with working days always finds one well before this.
const MAX_DAYS = 3660;

/** Working windows [start, end) in ms, day by day from the local date of `from`. */
function* windows(from: Date, cal: BusinessCalendar): Generator<[number, number]> {
  const p = zonedParts(from, cal.timeZone);
  let day: LocalDate = { year: p.year, month: p.month, day: p.day };
  const holidays = new Set(cal.holidays);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
    const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    if (!cal.workingDays.includes(weekday) || holidays.has(iso(day))) continue;
    yield [zonedTimeToUtc(day, cal.hours.start, cal.timeZone).getTime(), zonedTimeToUtc(day, cal.hours.end, cal.timeZone).getTime()];
  }
  throw new Error('The business calendar has no working time in ten years: check workingDays and holidays');
}

/** The instant `ms` of business time after `start` (start outside hours counts from the next opening). */
export function addBusinessTime(start: Date, ms: number, cal: BusinessCalendar): Date {
  let remaining = ms;
  const t0 = start.getTime();
  for (const [open, close] of windows(start, cal)) {
    const begin = Math.max(open, t0);
    if (begin >= close) continue;
    if (remaining <= close - begin) return new Date(begin + remaining);
    remaining -= close - begin;
  }
  throw new Error('unreachable');
}

/** Business time in ms between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  for (const [open, close] of windows(from, cal)) {
    if (open >= b) break;
    total += Math.max(0, Math.min(close, b) - Math.max(open, a));
  }
  return total;
}
