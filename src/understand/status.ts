import { plain } from './normalize';

const TICKET = /\b(INC|REQ)[-_ ]?(\d{1,9})\b/gi;

/** "inc-12", "INC000012" or "req 42" as the canonical INC-000012 / REQ-000042. */
export function canonicalTicket(prefix: string, digits: string): string {
  return `${prefix.toUpperCase()}-${digits.padStart(6, '0')}`;
}

/** Every ticket number in the text, canonical, first mention first, without duplicates. */
export function findTicketNumbers(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.slice(0, 20_000).matchAll(TICKET)) found.add(canonicalTicket(m[1], m[2]));
  return [...found];
}

// What is left of a status request once ticket numbers and filler are gone.
const FILLER = /\b(?:please|pls|the|my|of|for|on|about|with|is|are|there|any|an?|me|can|you|could|tell|give|check|i|want|to|know|what|whats|what's|hi|hello|hey|quick|so|far|ticket|tickets|request|requests|case|issue|incident|it|going|how|hows|how's|now|yet|latest|this|that|we|us|things|stand|standing|have|got|do|does|which|all|list|show|see|open|still)\b|请问|请|帮我|帮忙|之前|上次|刚才|早上|昨天|申请|报修|那件事|这件事|事情|查一查|查一下|查下|看一下|看下|看看|瞅瞅|瞧瞧|有哪些|哪些|列出|列一下|全部|所有|还有|麻烦|一下|的|了|吗|呢|啊|呀|吧|我的|我|工单|请求|单子|这个|那个|问题|现在|目前|你好|您好|[?？!！。.,，:：#\s]/gi;
const CORE = /^(?:(?:status|progress|update|updates|news|eta)+|comingalong|gettingon|progressing|happening|happened|goingon|where|whereabouts|咋样|进度咋样|咋样了|进度咋样了|怎么样了|搞得怎么样|弄好了没|好了没|修好了没|查询|查|查询状态|查状态|状态|查询进度|查进度|进度|进度如何|进度怎么样|进度怎样|到哪一步|到哪步|到哪|处理到哪|处理到哪一步|怎么样|怎样|如何|有进展|进展|有什么进展|进展如何|处理得怎么样|有人处理吗|处理的怎么样|处理怎么样|什么时候能好|什么时候处理|什么时候能处理好|有人处理|有人处理吗|有人在处理|处理进度|最新进展|最新情况|啥进展|什么进展|有啥进展|什么进度|啥进度|有什么新进展|情况如何|情况怎么样|什么情况|啥情况|咋回事|怎么回事)$/;
const LEAD = /^(?:status|progress|update|any update|any news|any progress|check|my tickets?|my requests?|查询|查|进度|状态|工单状态|我的工单|我的请求)\b|^(?:查询|查|进度|状态|工单状态|我的工单|我的请求)/i;

// Whole questions about when or whether someone is on it.
const STATUS_SENTENCE = /^(?:(?:ok(?:ay)?|so|and)?,?\s*what(?:'s|s| is) the (?:latest|news|status|update)(?: (?:on|with) (?:it|this|that))?(?: now| then)?|(?:any|what(?:'s|s| is) the) eta(?: (?:on|for|with) (?:it|this|that|my \w+))?|how long (?:are we talking|will (?:it|this|that) (?:take|be)|until (?:it'?s|it is) (?:fixed|back))|(?:还)?要多久|还得多久|when will (?:it|this|that|my \w+) be (?:fixed|done|sorted|ready|resolved)|(?:is )?(?:someone|anyone|somebody|anybody) (?:actually |even |already )?(?:looking at|working on|on) (?:it|this|that)(?: yet)?|has (?:anyone|someone|anybody|somebody) (?:actually |even |already )?(?:picked (?:this|it) up|looked at (?:it|this)|touched (?:it|this))(?: yet)?|什么时候能(?:修好|弄好|好|处理好|解决)|多久能(?:好|修好|弄好|解决)|有人(?:跟进|看了|在看|管|接|处理)吗?|(?:咋|怎么|为什么|为啥|怎么)还?(?:是)?没(?:有)?人(?:联系|找|理|回复|处理|管|跟进)(?:我)?(?:啊|呢|呀)?|where are we (?:at |up to )?(?:with|on) (?:this|it|that|my \w+)|where(?:'s| is) (?:this|it|that) at)(?:啊|呀|呢|吧|哦)?[?？!！。.\s]*$/i;

// "any news on my vpn thing?", "我VPN那个事有进展吗": a status question that names the topic instead of a number.
const TOPIC_STATUS = [
  /^(?:(?:hey|hi|hello|so|ok|okay)[,!]?\s+)?(?:any (?:news|update|updates|progress|word|movement|joy|luck)|what(?:'s| is) the (?:status|latest|news)|where are (?:we|things))\s+(?:on|about|with|for|of|re)\s+(?:my|the|our|that|this)\s+[\w\s-]{1,30}?\s*[?!.]*$/i,
  /^(?:我|我们)?的?[\w\u4e00-\u9fff]{0,10}?(?:那个|这个|的)?(?:事儿?|事情|问题|单子|工单|申请)(?:现在|到底|现在到底)?(?:有(?:没有)?(?:进展|进度|消息|人管|眉目)了?(?:吗|没|没有)?|怎么样了|咋样了|怎么样啦|咋样啦|处理得怎么样了?|到哪一?步了|啥情况了?|什么情况了?)[?？。!！\s]*$/,
  // "昨天申请的Copilot进度如何？": the thing, then how far it has got.
  /^(?:我)?(?:昨天|前天|上周|之前|上次|刚才)?(?:申请|报|提交|提)?的?[\w\u4e00-\u9fff]{1,16}?(?:的)?(?:进度|进展|处理进度)(?:如何|怎么样|怎样|咋样)(?:了)?[?？。!！\s]*$/i,
  // "主板那个 有眉目了没 INC-000001": the thing, then whether anything came of it.
  /^(?:我|我们)?的?[\w\u4e00-\u9fff]{1,10}?(?:那个|这个)(?:事儿?|事情|问题|单子|工单|申请)?\s*(?:现在|到底)?(?:有(?:没有)?(?:进展|进度|消息|眉目)了?(?:吗|没|没有)?|怎么样了|咋样了|啥情况了?|什么情况了?)\s*(?:(?:inc|req)[-_ ]?\d{1,9})?[?？。!！\s]*$/i,
];

// What makes a remark after a status question a new report instead ("… also my printer is broken").
const NEW_REPORT = /\b(?:can'?t|cannot|won'?t|not working|doesn'?t|broken|error|fail\w*|crash\w*|down|stopped|also|another|different|btw|by the way)\b|不能|无法|打不开|连不上|登不上|坏了|报错|错误|崩溃|闪退|另外|还有|另一个|顺便/i;

// "… still can't get in" / "还是打不开" after the question: the same problem as before, no new report.
const STILL_SO = /^(?:(?:it'?s|its|i|we|it|that|this|the \w+(?: is)?)\s+)?still\b(?![^.!?]*\b(?:also|another|btw)\b)|^(?:还是|依然|仍然)/i;

/**
 * "any news on INC-000001? sprint review is at 3" / "INC-000001 现在啥情况了 今天能搞定不": a status question
 * naming its ticket, then a short remark (a deadline, a hope) that is not a new report.
 */
function statusThenRemark(text: string): boolean {
  const t = text.trim();
  for (let i = 4; i < Math.min(t.length - 1, 80); i++) {
    if (!/[?？!！。\s]/.test(t[i])) continue;
    const head = t.slice(0, i + 1);
    const rest = t.slice(i + 1).trim();
    if (!rest || rest.length > 60 || (NEW_REPORT.test(rest) && !STILL_SO.test(rest))) continue;
    // The head asks in words ("any news on INC-1?"); a bare number then a remark ("INC-1 is fixed") is not a question.
    const asks = plain(head).replace(/'/g, '').replace(TICKET, ' ').replace(FILLER, '') !== '';
    // The question names its ticket or its topic ("any movement on the acrobat thing? still stuck with reader").
    // Or it is a whole status question about "this" ("where are we at with this? client wants it by end of day").
    const named = findTicketNumbers(head).length > 0 || TOPIC_STATUS.some((p) => p.test(plain(head))) || STATUS_SENTENCE.test(plain(head).trim());
    if (asks && named && isWholeStatusRequest(head)) return true;
  }
  return false;
}

/** Whether the message asks where a ticket stands ("status", "进度如何", "查询 INC-000001", "INC-000001 进度如何", a bare number, either with a short remark after it). */
export function isStatusRequest(text: string): boolean {
  if (text.length > 120) return false;
  return isWholeStatusRequest(text) || statusThenRemark(text);
}

// How long they have waited, after the question ("有人管吗 都俩小时了", "has anyone looked at this? it's been an hour").
const WAITED_TAIL = /[\s,，。.!！?？]+(?:都|已经|已)?(?:[一两俩二三四五六七八九十\d]+|半)(?:个)?多?(?:小时|钟头|天|分钟)了?[\s。.!！?？]*$|[\s,.!?]+(?:it'?s been|been|already|that was|waiting(?: for)?|for) (?:over |more than |almost )?(?:an?|\d+|one|two|three|four|half an?) (?:hours?|days?|minutes?|mins?)(?: now| already| ago)?[\s.!?]*$/i;

/** The whole message is a status question (no remark after it); statusThenRemark tries it on each head, never itself again. */
function isWholeStatusRequest(raw: string): boolean {
  const text = raw.replace(WAITED_TAIL, '');
  // "any eta?? how long are we talking": each sentence a status question.
  // A space between two Chinese clauses ends a sentence too ("咋还没人联系我 那个测试机的单子到哪一步了").
  const sentences = plain(text).split(/[?？!！。]+\s*|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/).filter((part) => part.trim() !== '');
  // "whats happening with my ticket? anyone looking at it?": each sentence a status question on its own.
  if (sentences.length > 1 && sentences.every((part) => STATUS_SENTENCE.test(part.trim()) || isWholeStatusRequest(part))) return true;
  if (STATUS_SENTENCE.test(plain(text)) || TOPIC_STATUS.some((p) => p.test(plain(text)))) return true;
  const s = plain(text).replace(/'/g, '');
  const hasTicket = findTicketNumbers(s).length > 0;
  const core = s.replace(TICKET, ' ').replace(FILLER, '');
  if (core === '') return hasTicket || (s.length <= 40 && /\b(?:tickets?|requests?|case)\b|工单|请求|单子/.test(s));
  if (CORE.test(core)) return hasTicket || LEAD.test(s) || /status|progress|update|news|ticket|request|coming along|getting on|进度|进展|状态|到哪|处理|查询|怎么样了|咋样了|如何了|工单|单子|什么情况了|啥情况了/.test(s);
  return false;
}
