import { zonedParts, zonedTimeToUtc } from '../../tickets/business-calendar';
import { findDate, findSince } from './time-expr';

type LocalDate = { year: number; month: number; day: number };

const EN_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ZH_WEEKDAY: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const CLOCK_DEADLINE = /\b(?:by|before|until|till|no later than|at)\s+(\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|noon|midday|eod|end of (?:the )?day|close of business|cob)\b/i;
const EVENT = /\b(?:customer|client|board|sales|investor)\s+(?:demo|meeting|presentation|call|pitch)(?:\s+(?:is\s+|at\s+|in\s+)?(?:this (?:morning|afternoon|evening)|today|tonight|tomorrow(?: morning| afternoon)?|at \d{1,2}(?::\d{2})?\s*(?:am|pm)?|on (?:mon|tues|wednes|thurs|fri|satur|sun)day))?/i;
const EVENT_BEFORE = /\b(?:this (?:morning|afternoon|evening)|today|tomorrow)\b[^.!?\n]{0,30}\b(?:demo|presentation|meeting|call)\b/i;
const ZH_CLOCK_DEADLINE = /(?:今天|明天|后天)?(?:上午|中午|下午|晚上)?[0-9一二三四五六七八九十两]{1,3}[点:：](?:[0-9]{1,2}分?|半)?(?:之前|以前|前)/;
const ZH_EVENT = /(?:今天|明天|后天|下午|上午|今晚|晚上|待会|一会儿?|马上)[^，。！？\n]{0,8}(?:客户)?(?:演示|汇报|开会|会议|路演|上线)|(?:客户演示|客户会议)/;
// The turn of the year: "sometime before the new year", "by Christmas", "年底前", "春节前".
const YEAR_END = /\b(?:before|by|until|till|ahead of)\s+(?:the\s+)?(?:new year|christmas|xmas|end of (?:the\s+)?year|year[- ]end)\b|(?:元旦|年底|年前|圣诞|春节|过年)(?:之前|以前|前)/i;
const ZH_TODAY = /(?:今天|今晚)(?:之内|内|下班前|之前|前)|下班(?:之)?前/;

/** A deadline or start date and when it falls: "by Friday", "starts Monday", "before 3pm", "下周一", "客户演示". */
export function findDeadline(text: string, now: Date, timeZone: string): { text: string; at?: string } | undefined {
  const t = text.slice(0, 5_000);
  const phrase = deadlinePhrase(t);
  if (!phrase) return undefined;
  const at = resolve(phrase, now, timeZone);
  return at ? { text: phrase, at } : { text: phrase };
}

function deadlinePhrase(t: string): string | undefined {
  const clock = CLOCK_DEADLINE.exec(t) ?? ZH_CLOCK_DEADLINE.exec(t);
  const event = EVENT.exec(t) ?? EVENT_BEFORE.exec(t) ?? ZH_EVENT.exec(t);
  if (event && /\b(?:this|today|tonight|tomorrow|at|on)\b|今天|明天|后天|下午|上午|今晚|晚上|待会|一会|马上/i.test(event[0])) return event[0].trim();
  if (clock) return clock[0].trim();
  const zhToday = ZH_TODAY.exec(t);
  if (zhToday) return zhToday[0];
  const yearEnd = YEAR_END.exec(t);
  if (yearEnd) return yearEnd[0];
  const day = findDate(t);
  if (day) {
    const since = findSince(t);
    const at = t.indexOf(day);
    const before = t.slice(Math.max(0, at - 12), at);
    // "since Monday" and "last Friday" are past; the weekday alone counts as ahead ("Monday", "下周一").
    const ahead = /\b(?:starts?|starting|start date is|joins?|joining|by|before|until|till|due|next|coming|on)\s*$/i.test(before) || /^(?:下|本|这)/.test(day);
    if (ahead || (!(since && since.includes(day)) && !/\b(?:since|last|from|ago)\s*$|从|上/i.test(before))) return day;
  }
  if (event) return event[0].trim();
  return undefined;
}

function addDays(d: LocalDate, n: number): LocalDate {
  const x = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
}

function weekday(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

function dayOf(p: string, today: LocalDate): LocalDate | undefined {
  const s = p.toLowerCase();
  const dow = weekday(today);
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const zhDate = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/.exec(s);
  const enDate = /(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*|([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/.exec(s);
  const monthDay = zhDate ? { month: Number(zhDate[2]), day: Number(zhDate[3]) }
    : enDate && MONTHS.includes(enDate[2] ?? enDate[3]) ? { month: MONTHS.indexOf(enDate[2] ?? enDate[3]) + 1, day: Number(enDate[1] ?? enDate[4]) } : undefined;
  if (monthDay) {
    const thisYear = { year: today.year, ...monthDay };
    const past = thisYear.month < today.month || (thisYear.month === today.month && thisYear.day < today.day);
    return past ? { ...thisYear, year: today.year + 1 } : thisYear;
  }
  // Christmas Eve and New Year's Eve of this year (the next one once passed); 春节 moves, so it has no date here.
  const eve = /christmas|xmas|圣诞/.test(s) ? 24 : /new year|end of (?:the )?year|year[- ]end|元旦|年底|年前/.test(s) ? 31 : undefined;
  if (eve) return today.month === 12 && today.day > eve ? { year: today.year + 1, month: 12, day: eve } : { year: today.year, month: 12, day: eve };
  if (/后天/.test(s)) return addDays(today, 2);
  if (/tomorrow|明天/.test(s)) return addDays(today, 1);
  const zhWeek = /(下|本|这)?(?:周|星期|礼拜)([一二三四五六日天])/.exec(s);
  if (zhWeek) {
    const target = ZH_WEEKDAY[zhWeek[2]];
    const mondayBased = (x: number) => (x + 6) % 7;
    if (zhWeek[1] === '下') return addDays(today, 7 - mondayBased(dow) + mondayBased(target));
    if (zhWeek[1]) return addDays(today, mondayBased(target) - mondayBased(dow));
    return addDays(today, (target - dow + 7) % 7 || 7);
  }
  const enWeek = EN_WEEKDAYS.findIndex((w) => s.includes(w));
  if (enWeek >= 0) return addDays(today, (enWeek - dow + 7) % 7 || 7);
  if (/end of (?:the )?week|\beow\b/.test(s)) return addDays(today, (5 - dow + 7) % 7);
  if (/周末|weekend/.test(s)) return addDays(today, (6 - dow + 7) % 7);
  if (/next week|下周|下个?星期/.test(s)) return addDays(today, 7 - ((dow + 6) % 7));
  if (/end of (?:the )?month|月底/.test(s)) return { ...today, day: new Date(Date.UTC(today.year, today.month, 0)).getUTCDate() };
  if (/next month|下个?月/.test(s)) return today.month === 12 ? { year: today.year + 1, month: 1, day: 1 } : { year: today.year, month: today.month + 1, day: 1 };
  if (/today|tonight|this (?:morning|afternoon|evening)|\beod\b|end of (?:the )?day|close of business|\bcob\b|noon|midday|\d\s*(?:am|pm)|\d:\d|今天|今晚|下班|上午|中午|下午|晚上|待会|一会|马上|[点:：]/.test(s)) return today;
  return undefined;
}

function hourOf(p: string): string | undefined {
  const s = p.toLowerCase();
  const en = /(\d{1,2})(?::(\d{2}))?\s*(am|pm)/.exec(s) ?? /\b(\d{1,2}):(\d{2})\b/.exec(s);
  if (en) {
    let h = Number(en[1]) % 24;
    if (en[3] === 'pm' && h < 12) h += 12;
    if (en[3] === 'am' && h === 12) h = 0;
    return `${String(h).padStart(2, '0')}:${en[2] ?? '00'}`;
  }
  if (/\bnoon\b|midday|中午/.test(s)) return '12:00';
  if (/close of business|\bcob\b|下班/.test(s)) return '18:00';
  const zh = /([0-9一二三四五六七八九十两]{1,3})[点:：]([0-9]{1,2}|半)?/.exec(s);
  if (zh) {
    const n = /^\d+$/.test(zh[1]) ? Number(zh[1]) : zhHour(zh[1]);
    const h = /下午|晚上/.test(s) && n < 12 ? n + 12 : n;
    const m = zh[2] === '半' ? '30' : (zh[2] ?? '00').padStart(2, '0');
    return h <= 23 ? `${String(h).padStart(2, '0')}:${m}` : undefined;
  }
  return undefined;
}

function zhHour(s: string): number {
  const d: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (d[s[1]] ?? 0);
  return d[s] ?? 0;
}

/** ISO instant of a deadline phrase, resolved from `now` in the time zone; end of that day (23:59) when no hour is given. */
export function resolve(phrase: string, now: Date, timeZone: string): string | undefined {
  try {
    const parts = zonedParts(now, timeZone);
    const today = { year: parts.year, month: parts.month, day: parts.day };
    const day = dayOf(phrase, today);
    if (!day) return undefined;
    const hour = hourOf(phrase);
    let at = zonedTimeToUtc(day, hour ?? '23:59', timeZone);
    // "before 3pm" said at 4pm means tomorrow.
    if (hour && at.getTime() < now.getTime() && day === today) at = zonedTimeToUtc(addDays(today, 1), hour, timeZone);
    return at.toISOString();
  } catch {
    return undefined;
  }
}
