import { z } from 'zod';
import type { Priority } from '../types/ticket';
import { addBusinessTime, BusinessCalendar, businessDayMs, businessTimeBetween } from './business-calendar';

/** '24x7' runs around the clock; 'business' only inside the calendar's working hours. */
export const SlaClock = z.enum(['24x7', 'business']);
export type SlaClock = z.infer<typeof SlaClock>;

/** A target such as "15m", "4h" or "3bd" (business days = the calendar's daily working hours). */
export const SlaDuration = z.string().regex(/^\d+(\.\d+)?(m|h|bd)$/, 'use a number and m, h or bd, e.g. "15m", "4h", "3bd"');
export type SlaDuration = z.infer<typeof SlaDuration>;

/** Response and resolution targets of one priority. */
export const SlaTarget = z.object({ clock: SlaClock, respond: SlaDuration, resolve: SlaDuration });
export type SlaTarget = z.infer<typeof SlaTarget>;

/** Defaults from DESIGN.md: P1/P2 around the clock, P3-P5 on business hours. */
export const DEFAULT_SLA_POLICY: Record<Priority, SlaTarget> = {
  P1: { clock: '24x7', respond: '15m', resolve: '4h' },
  P2: { clock: '24x7', respond: '30m', resolve: '8h' },
  P3: { clock: 'business', respond: '4h', resolve: '3bd' },
  P4: { clock: 'business', respond: '8h', resolve: '5bd' },
  P5: { clock: 'business', respond: '2bd', resolve: '10bd' },
};

/** SLA settings: a target per priority and the business calendar. */
export const SlaConfig = z.object({
  policy: z.object({ P1: SlaTarget, P2: SlaTarget, P3: SlaTarget, P4: SlaTarget, P5: SlaTarget }).default(DEFAULT_SLA_POLICY),
  calendar: BusinessCalendar.default(BusinessCalendar.parse({})),
});
export type SlaConfig = z.infer<typeof SlaConfig>;

/** A time the SLA clock stood still (ticket pending_user); no `to` means still paused. */
export type SlaPause = { from: Date | string; to?: Date | string | null };

const at = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d);

/** Milliseconds of a target; business days become the calendar's working hours per day. */
export function durationMs(duration: SlaDuration | number, calendar: BusinessCalendar): number {
  if (typeof duration === 'number') return duration;
  const m = SlaDuration.parse(duration).match(/^(\d+(?:\.\d+)?)(m|h|bd)$/)!;
  const n = Number(m[1]);
  return m[2] === 'm' ? n * 60_000 : m[2] === 'h' ? n * 3_600_000 : n * businessDayMs(calendar);
}

/** When a duration started at `start` runs out on the given clock. */
export function dueAt(start: Date | string, duration: SlaDuration | number, policyKind: SlaClock, calendar: BusinessCalendar): Date {
  const ms = durationMs(duration, calendar);
  return policyKind === '24x7' ? new Date(at(start).getTime() + ms) : addBusinessTime(at(start), ms, calendar);
}

/** Clock time between two instants: wall time for 24x7, working time for business. */
export function clockTimeBetween(from: Date | string, to: Date | string, policyKind: SlaClock, calendar: BusinessCalendar): number {
  if (policyKind === '24x7') return Math.max(0, at(to).getTime() - at(from).getTime());
  return businessTimeBetween(at(from), at(to), calendar);
}

/** Response and resolution due times (ISO) for a ticket of this priority created at `createdAt`. */
export function computeDueTimes(priority: Priority, createdAt: Date | string, config: SlaConfig): { responseDueAt: string; resolveDueAt: string } {
  const target = config.policy[priority];
  return {
    responseDueAt: dueAt(createdAt, target.respond, target.clock, config.calendar).toISOString(),
    resolveDueAt: dueAt(createdAt, target.resolve, target.clock, config.calendar).toISOString(),
  };
}

/**
 * The new promise once a due time was missed: the same budget again, counted from the missed time (so the
 * breach notice and every later status answer name the same time), or from `now` when that has passed too.
 */
export function renewedDueAt(
  missedDueAt: string, kind: 'response' | 'resolve', now: Date, dueTimes: (from: Date) => { responseDueAt: string; resolveDueAt: string },
): string {
  const pick = (from: Date) => (kind === 'response' ? dueTimes(from).responseDueAt : dueTimes(from).resolveDueAt);
  const again = pick(new Date(missedDueAt));
  return Date.parse(again) > now.getTime() ? again : pick(now);
}

/** Sort, clip to [start, end] and merge pauses; an open pause runs to `end`. */
function mergePauses(pauses: SlaPause[], start: number, end: number): [number, number][] {
  const spans = pauses
    .map((p): [number, number] => [Math.max(start, at(p.from).getTime()), Math.min(end, p.to ? at(p.to).getTime() : end)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged;
}

/** SLA time consumed from `startedAt` to `now`, not counting pauses. */
export function elapsedSlaTime(now: Date | string, startedAt: Date | string, pauses: SlaPause[], policyKind: SlaClock, calendar: BusinessCalendar): number {
  const s = at(startedAt).getTime();
  const n = at(now).getTime();
  const paused = mergePauses(pauses, s, n)
    .reduce((sum, [a, b]) => sum + clockTimeBetween(new Date(a), new Date(b), policyKind, calendar), 0);
  return Math.max(0, clockTimeBetween(startedAt, now, policyKind, calendar) - paused);
}

/**
 * Due time pushed back by the pauses: the instant at which `duration` of unpaused clock time has
 * run. Null while a pause that starts before that instant is still open (the clock is stopped).
 */
export function shiftedDueAt(startedAt: Date | string, duration: SlaDuration | number, pauses: SlaPause[], policyKind: SlaClock, calendar: BusinessCalendar): Date | null {
  let remaining = durationMs(duration, calendar);
  let cursor = at(startedAt);
  const open = pauses.filter((p) => !p.to).map((p) => at(p.from).getTime());
  const closed = mergePauses(pauses.filter((p) => p.to), cursor.getTime(), Number.MAX_SAFE_INTEGER);
  for (const [from, to] of closed) {
    const candidate = dueAt(cursor, remaining, policyKind, calendar);
    if (candidate.getTime() <= from) break;
    remaining -= clockTimeBetween(cursor, new Date(from), policyKind, calendar);
    cursor = new Date(to);
  }
  const due = dueAt(cursor, remaining, policyKind, calendar);
  return open.some((from) => from < due.getTime()) ? null : due;
}

/**
 * Share of the SLA used at `now` (0 at start, 1 at the due time, above 1 when breached), with
 * paused time not counted. `dueAt` is the unpaused due time from {@link computeDueTimes}.
 */
export function slaProgress(now: Date | string, startedAt: Date | string, due: Date | string, pauses: SlaPause[], policyKind: SlaClock, calendar: BusinessCalendar): number {
  const budget = clockTimeBetween(startedAt, due, policyKind, calendar);
  if (budget <= 0) return 1;
  return elapsedSlaTime(now, startedAt, pauses, policyKind, calendar) / budget;
}

/** 'warning' from 75% of the SLA used, 'breached' from 100%. */
export function slaState(progress: number): 'ok' | 'warning' | 'breached' {
  return progress >= 1 ? 'breached' : progress >= 0.75 ? 'warning' : 'ok';
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "within 4 hours" / "4小时内" for a plain duration in ms (rounded to the largest fitting unit). */
export function describeDuration(ms: number, lang: 'en' | 'zh'): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const [n, en, zh] = minutes % 1440 === 0 && minutes >= 1440 ? [minutes / 1440, 'day', '天']
    : minutes % 60 === 0 ? [minutes / 60, 'hour', '小时']
      : minutes > 120 ? [Math.round((minutes / 60) * 10) / 10, 'hour', '小时']
        : [minutes, 'minute', '分钟'];
  return lang === 'zh' ? `${n}${zh}内` : `within ${plural(n as number, en as string)}`;
}

/** "within 3 business days" / "3个工作日内" for a policy target; m and h read as {@link describeDuration}. */
export function describeTarget(target: SlaTarget, which: 'respond' | 'resolve', lang: 'en' | 'zh'): string {
  const spec = target[which];
  const bd = spec.match(/^(\d+(?:\.\d+)?)bd$/);
  const business = target.clock === 'business';
  if (bd) return lang === 'zh' ? `${bd[1]}个工作日内` : `within ${plural(Number(bd[1]), 'business day')}`;
  const plain = describeDuration(durationMs(spec, BusinessCalendar.parse({})), lang);
  if (!business) return plain;
  return lang === 'zh' ? `${plain.replace(/内$/, '')}（工作时间）内` : `${plain} (business hours)`;
}
