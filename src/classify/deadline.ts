const DAY_MS = 86_400_000;
const EN_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ZH_DAYS = ['日', '一', '二', '三', '四', '五', '六'];

// A date only counts as a deadline next to words that make it one ("starts Monday", "leaving us this Friday", "demo this afternoon", "下周一入职").
const SOON = /\bin (an?|one|two|three|\d+|half an) (hour|hours|minutes|mins|min)\b|\bcut[- ]?off (is |at |time is )?\d{1,2}(:\d\d)? ?(am|pm)\b|\b(by|before|at|for|until|till) (my |the |a |our |this )?\d{1,2}(:\d\d)? ?(am|pm|o'?clock)\b|\b\d{1,2}(:\d\d)? ?(am|pm) (review|meeting|call|demo|presentation|deadline|board|client|session|interview|standup|workshop|training)\b|\b(meeting|call|demo|presentation|review|interview|session|workshop|training) (at )?\d{1,2}(:\d\d)? ?(am|pm)\b|\b(today|tonight)\b.{0,30}\b(release|deadline|due|close|payday|end|launch|go[- ]live)|\b(release|deadline|due|close|payday|quarter end|month end|go[- ]live)\b.{0,20}\b(today|tonight)\b|its payday|it's payday|\b(have to|need to|must|got to|gotta)\b.{0,60}\b(today|tonight)\b|([0-9一二两三四五六七八九十半]+)(个)?(小时|分钟)(后|以后|之后|内)|(今晚|今天|下午|上午|晚上|[0-9一二两三四五六七八九十]+点)(半)?(我)?(就)?(要|得|必须|之前|前)(交|发|开|上线|主持|给|用|提案|演示|汇报|开会)?|今天(发工资|月结|季度末|截止|要交|发版)|月底要结账/;
const CONTEXT = /\bfrom (?=tomorrow|next|mon|tue|wed|thu|fri|sat|sun)|\b(start(s|ing)?|begin(s|ning)?|join(s|ing)?|first day|leav(es|ing) (us|the company|the firm|the business)|last (working )?day|by|before|due|deadline|need(ed)? (it|this)|demo|presentation|meeting|board|audit|launch|go[- ]live|client|customer|flight|travel(l?ing)?|end|close[sd]?|closing|payday|release|deliver|submit(s|ted|ting)?|submission|filing|print)\b|trade ?show|exhibition|conference|入职|离职|上班|报到|之前|以前|截止|要用|需要|演示|汇报|开会|会议|客户|上线|出差|展会|展览|路演|发布会|前/i;

/**
 * Days from `now` until the deadline a message names (0 = today), or undefined when it names none.
 * Only what people write for near deadlines: today, tomorrow, weekdays, "next week", 今天/明天/下周一.
 */
export function daysUntilDeadline(text: string, now: Date): number | undefined {
  const lower = text.toLowerCase();
  // A time later today needs no other word: "in an hour", "by 4pm", "两小时后", "十点我要主持例会".
  if (SOON.test(lower)) return 0;
  if (!CONTEXT.test(text)) return undefined;
  // "今天已经关了三次了", "一到下午就关机": a day the fault happened (or keeps happening), not one it must be fixed by.
  const ahead = lower.replace(/(?:今天|今早|下午|上午)(?=已经|已|又|一直|都已|老是|总是)|(?:一到|每天|每到)(?:下午|上午|晚上)?/g, '');
  if (/\b(today|tonight|this (morning|afternoon|evening)|in (an?|one|two|\d+) (hour|hours|minutes|mins)|at \d{1,2}(:\d\d)? ?(am|pm)?|asap)\b|今天|今晚|今早|下午|上午|马上|一会儿|小时(后|内)/.test(ahead)) return 0;
  if (/\bday after tomorrow\b|后天/.test(lower)) return 2;
  if (/\btomorrow\b|明天|明早/.test(lower)) return 1;
  const today = now.getUTCDay();
  const en = EN_DAYS.findIndex((d) => new RegExp(`\\b${d}\\b`).test(lower));
  if (en >= 0) return until(today, en, /\bnext (week )?\w*day\b/.test(lower));
  const zh = /(下(个)?)?(周|星期|礼拜)([一二三四五六日天])/.exec(text);
  if (zh) return until(today, zh[4] === '天' ? 0 : ZH_DAYS.indexOf(zh[4]), Boolean(zh[1]));
  if (/\bnext week\b|下周|下星期/.test(lower)) return 7;
  if (/\bthis week\b|本周|这周|这个星期/.test(lower)) return Math.max(0, 5 - today);
  return undefined;
}

function until(today: number, target: number, nextWeek: boolean): number {
  const ahead = (target - today + 7) % 7;
  // "Monday" on a Monday means next Monday; "next Monday" on a Friday means the coming one (3 days).
  const days = ahead === 0 ? 7 : ahead;
  return nextWeek && days < 3 && today !== 5 && today !== 6 ? days + 7 : days;
}

/** Monday-to-Friday days from tomorrow up to a deadline `days` calendar days away (0 for today). */
export function workingDaysUntil(days: number, now: Date): number {
  let working = 0;
  for (let d = 1; d <= days; d++) if (![0, 6].includes(new Date(now.getTime() + d * DAY_MS).getUTCDay())) working++;
  return working;
}

/** When a deadline of `days` falls due: 09:00 UTC of that day (a working day's start), or two hours from now for today. */
export function deadlineAt(days: number, now: Date): Date {
  if (days === 0) return new Date(now.getTime() + 2 * 3600_000);
  const d = new Date(now.getTime() + days * DAY_MS);
  d.setUTCHours(9, 0, 0, 0);
  return d;
}
