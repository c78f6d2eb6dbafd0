import type { Lang } from '../../types/conversation';

// Building blocks for English time expressions; kept as strings so they compose into larger patterns.
const NUM = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|couple of|several)';
const UNIT = '(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)';
const WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const PART = '(?:morning|afternoon|evening|night|lunch(?:time)?)';
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const CLOCK = '(?:\\d{1,2}:\\d{2}\\s*(?:am|pm)?|\\d{1,2}\\s*(?:am|pm)|noon|midnight)';
const DATE = `(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?)`;
const REL =
  `(?:yesterday(?:\\s+${PART})?|today|tonight|this\\s+${PART}|this\\s+week|last\\s+(?:night|week|month|${WEEKDAY})` +
  `|earlier\\s+today|(?:on\\s+)?${WEEKDAY}(?:\\s+${PART})?|the\\s+weekend|(?:the\\s+)?last\\s+update|${NUM}\\s+${UNIT}\\s+ago|just\\s+now)`;
const POINT = `(?:${REL}|${CLOCK}|${DATE})`;

// "calls from 9", "visitors arriving from 9": when something is on, not when the fault began.
const EN_SINCE = new RegExp(`\\b(?:since|(?<!\\b(?:calls?|meetings?|shifts?|class(?:es)?|appointments?|interviews?|demos?|trainings?|sessions?|visitors?|arriving|opens?|open|booked|busy)\\s)from|starting)\\s+(?:about\\s+|around\\s+)?(?:${POINT}(?:\\s+${PART})?|(?:the\\s+)?${PART}|\\d{1,2}(?:\\s*o'?clock)?(?![\\d:/-]|\\.\\d|\\s*(?:people|users|of|%)))\\b`, 'i');
// "started after the weekend", "since the update": an event as the starting point.
const EN_AFTER_EVENT = /\b(?:after|since)\s+(?:the|my|last|our)\s+(?:long\s+)?(?:weekend|update|upgrade|restart|reboot|holidays?|break|patch|migration|move|office move|password change|power cut|outage)\b/i;
const EN_DURATION = new RegExp(`\\b(?:for|in\\s+the\\s+(?:last|past))\\s+(?:the\\s+(?:last|past)\\s+)?${NUM}\\s+${UNIT}\\b`, 'i');
const EN_STANDALONE = new RegExp(`\\b(?:${REL})\\b`, 'i');
const EN_ANY = new RegExp(
  `\\b(?:(?:since|from)\\s+(?:about\\s+|around\\s+)?\\d{1,2}\\b|${POINT}|${NUM}\\s+${UNIT}|tomorrow|next\\s+(?:week|month|${WEEKDAY})|end\\s+of\\s+(?:the\\s+)?(?:day|week|month|year)|(?:the\\s+)?new\\s+year|christmas|xmas|year[- ]end|asap|as\\s+soon\\s+as\\s+possible|now|always|no\\s+rush|whenever|not\\s+sure|don'?t\\s+know|unsure|no\\s+idea)\\b`,
  'i',
);

// Chinese: relative days, parts of the day, clock times, dates and durations.
const ZH_DAY = '(?:昨天|今天|前天|今早|今晚|昨晚|昨日|今日|上周[一二三四五六日天]?|本周[一二三四五六日天]?|这周[一二三四五六日天]?|上个?月|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天])';
const ZH_PART = '(?:早上|上午|中午|下午|傍晚|晚上|凌晨|半夜)';
const ZH_CLOCK = '(?:[0-9一二三四五六七八九十两]{1,3}[点:：](?:[0-9]{1,2}分?|半)?)';
const ZH_DATE = '(?:(?:\\d{4}年)?\\d{1,2}月\\d{1,2}[日号]|\\d{4}-\\d{1,2}-\\d{1,2})';
// "升级后", "周末后": an event as the starting point.
const ZH_AFTER_EVENT = '(?:升级|更新|周末(?:过)?|节|重启(?:之)?|重装(?:之)?|停电(?:之)?)后|放假回来';
const ZH_POINT = `(?:${ZH_DATE}|${ZH_DAY}${ZH_PART}?${ZH_CLOCK}?|${ZH_PART}${ZH_CLOCK}?|${ZH_CLOCK}|刚才|刚刚|${ZH_AFTER_EVENT})`;
const ZH_DUR = '(?:[0-9一二两三四五六七八九十几]+(?:个)?(?:分钟|小时|天|周|星期|个月))';

const ZH_SINCE = new RegExp(`(?:从|自从|自)${ZH_POINT}(?:开始|起|以来)?|${ZH_POINT}(?:开始|起|以来)`);
const ZH_DURATION = new RegExp(`(?:已经)?(?:有)?${ZH_DUR}(?:了|以来)|(?:最近|这)${ZH_DUR}|这(?:几|两)天|最近几天`);
const ZH_STANDALONE = new RegExp(`${ZH_DAY}${ZH_PART}?|${ZH_DATE}|刚才|刚刚|${ZH_AFTER_EVENT}`);
const ZH_ANY = new RegExp(`${ZH_POINT}|${ZH_DUR}|这(?:几|两)天|最近|明天|后天|下周|月底|周末|年底|年前|元旦|春节|过年|圣诞|尽快|马上|现在|一直|不确定|不知道|不清楚|不急|不着急`);

/** Find a "since when" expression ("since yesterday", "for two days", "从昨天下午开始"); the phrase as written. */
export function findSince(text: string): string | undefined {
  for (const re of [EN_SINCE, ZH_SINCE, EN_AFTER_EVENT, EN_DURATION, ZH_DURATION, EN_STANDALONE, ZH_STANDALONE]) {
    const m = re.exec(text);
    if (m) return m[0].trim();
  }
  return undefined;
}

// Days ahead (start dates, deadlines): "next Monday", "by Friday", "on 1 Dec", "下周一", "12月1日前".
const EN_DAY_AHEAD = new RegExp(
  `\\b(?:(?:by|on|from|before|starting(?:\\s+on)?|until)\\s+)?(?:(?:next|this|coming)\\s+(?:${WEEKDAY}|week|month)|tomorrow|end\\s+of\\s+(?:the\\s+)?(?:day|week|month)|${DATE}|${WEEKDAY})\\b`,
  'i',
);
const ZH_DAY_AHEAD = new RegExp(
  `(?:(?:下|本|这)(?:周|个?星期|个?礼拜)[一二三四五六日天]|明天|后天|下周|下个?月(?:\\d{1,2}[日号])?|${ZH_DATE}|\\d{1,2}月\\d{1,2}[日号]|月底|周末)(?:之前|以前|前)?`,
);

/** Find a day ahead ("next Monday", "by Friday", "下周一", "12月1日前"); the phrase as written. */
export function findDate(text: string): string | undefined {
  // "starting next Monday" reads as the day itself; "by Friday" keeps its "by" (a deadline).
  return (EN_DAY_AHEAD.exec(text) ?? ZH_DAY_AHEAD.exec(text))?.[0].trim().replace(/^(?:starting(?:\s+on)?|from|on)\s+/i, '');
}

/** Whether an answer names a point or span of time in either language ("yesterday", "by Friday", "不确定"). */
export function hasTimeExpression(text: string): boolean {
  return EN_ANY.test(text) || ZH_ANY.test(text);
}

/** Turn a time expression into a phrase that reads after the problem: "this morning" -> "since this morning". */
export function sincePhrase(value: string, lang: Lang): string {
  const v = value.trim();
  if (/[\u3400-\u9fff]/.test(v)) {
    if (/^(从|自)|开始|起$|以来|了$|前$|最近|这(几|两)天|一直/.test(v)) return v;
    return `从${v}开始`;
  }
  if (/^(since|for|from|starting|in the)\b|\bago$|^always$/i.test(v)) return v;
  if (new RegExp(`^${NUM}\\s+${UNIT}$`, 'i').test(v)) return `for ${v}`;
  return lang === 'zh' ? `自 ${v} 起` : `since ${v}`;
}
