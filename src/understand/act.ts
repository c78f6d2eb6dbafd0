import type { Act } from './types';
import { PHRASE_ACT } from './phrases';
import { plain, spellFixed, unstretched } from './normalize';
import { isStatusRequest } from './status';
import { withoutGreeting } from './greeting';
import { withoutMailFrame } from './mail-frame';
import { isOutburst } from './frustration';

/** The act part of an Understanding. */
export type ActReading = { act?: Act; polarity?: 'yes' | 'no'; details?: string };

// Acts longer than this are descriptions, whatever words they start with.
const MAX_ACT_LENGTH = 300;
const POLITE_TAIL = /(?:\s+|^)(?:please|pls|thanks|thank you|now)$|(?:请|吧|啊|呀|哦|嘛|啦|哈|呢|哇|喔|噢|哟|呗)+$/;
const POLITE_HEAD = /^(?:actually|oh wait|wait|oh well|please|pls|well|um+|uh+|hmm+|oh|ah|请|嗯+，?|呃|额|哦)\s*/;

/** The act a short phrase names exactly (after trimming politeness and stretched letters). */
export function phraseAct(text: string): Exclude<Act, 'status'> | undefined {
  const s = plain(spellFixed(text));
  if (!s) return undefined;
  const forms = new Set([s, unstretched(s)]);
  for (const f of [...forms]) {
    const bare = f.replace(POLITE_HEAD, '').replace(POLITE_TAIL, '').replace(/[\s,，.!！。]+$/, '').trim();
    if (bare) forms.add(bare);
    const inner = bare.replace(POLITE_TAIL, '').trim();
    if (inner) forms.add(inner);
  }
  for (const f of forms) {
    const act = PHRASE_ACT.get(f);
    if (act) return act;
  }
  return undefined;
}

const HUMAN_IN_SENTENCE = /有没有真人|有真人吗|有没有人工|有人工(?:客服)?吗|人工(?:客服)?在吗|\b(?:talk|speak|chat|connect me)\s+(?:to|with)\s+(?:a |an |the |some )?(?:(?:actual|real|live) )?(?:human|agent|person|someone|somebody|technician|engineer|support|it person)\b|\b(?:get|want|need) (?:me )?(?:a |an )?(?:human|(?:(?:actual|real|live) )?(?:person|agent))\b|\b(?:get|send|find) (?:me )?(?:someone|somebody)(?! to (?:approve|sign))\b|转人工|人工客服|找真人|真人客服|找个真人|找个?人工|(?:我要|我想|帮我)(?:找|联系)?(?:人工|真人)|找个?人(?:来)?(?:帮我)?(?:看看|看一下|处理|弄一下|弄弄)|(?:让|叫|请|找)(?:个)?(?:工程师|技术(?:人员)?|同事|专人|人)(?:直接)?(?:给我)?(?:打(?:个)?电话|回(?:个)?电话|来电|联系我)|\b(?:have|can|could|get) (?:an? )?(?:engineer|technician|someone|somebody|person|agent) (?:to )?(?:call|ring|phone) me\b|\b(?:can|could) (?:you|u|someone) (?:just )?(?:call|ring|phone) me\b|\bgive me a (?:call|ring)\b|(?:能不能|可以|可不可以|能否|麻烦)?(?:直接)?(?:打(?:个)?电话给我|给我打(?:个)?电话|回(?:个)?电话给我|给我回(?:个)?电话|电话联系我)|(?:叫|派|让|请|找|安排)(?:个|一个|一位|位)?(?:工程师|技术(?:人员)?|同事|师傅|人)(?:直接)?(?:过来|来|上门|到现场)|\b(?:send|get) (?:someone|somebody|an? (?:engineer|technician|tech)) (?:over|up|round|down|to (?:my desk|look|have a look|check))\b|\b(?:can|could) (?:someone|somebody|an? (?:engineer|technician|tech)) (?:just |actually |please )?(?:come|pop) (?:over|up|round|down|by|and (?:look|have a look|check))\b/i;
const NO_HUMAN = /\b(?:don'?t|do not|no) (?:need|want) (?:a |an |to talk to a )?(?:human|person|agent)\b|不用(?:转)?人工|不需要(?:转)?人工|不用找人/i;
const CANCEL_IN_SENTENCE = /^不用[\u3400-\u9fff]{1,3}了[，,\s]*(?:取消(?:吧|掉)?|算了(?:吧)?)?$|^(?:算了|不用了|取消)[，,\s]*(?:取消|算了|不用了|不需要了)?(?:吧|了)?$|^(?:please )?cancel (?:the |my |this )?(?:ticket|request|it)\b/i;

// "yes"/"no"-like sentences that are not phrase-table entries: polarity only, the act stays content.
// Something is still broken: the answer to "Is it fixed?" is no.
// "the laptops seem fine tho, its just the warehouse APs": something else works, the fault is still there.
const NOT_FIXED = /\b(?:fine|ok|okay|working|works?)\b[^.!?\n]{0,30}\b(?:it'?s|its|it is) (?:just|only) (?:the|our|my|a few|some)\b|(?:正常|没问题|是好的)[^。！？\n]{0,10}(?:就是|只是|只有)[^。！？\n]{0,10}(?:不行|不能|连不上|用不了|有问题)|\bstill getting\b|没变化|没有变化|还那样|还是那样|\b(?:nothing|none of (?:it|them))\s+(?:is\s+|are\s+)?(?:works?|working)\b|\bstill\s+(?:not|broken|doesn'?t|does not|can'?t|cannot|won'?t|fail|crash|the same|happen|no\b)|\bnot\s+(?:fixed|resolved|working|solved)\b|\b(?:doesn'?t|does not|didn'?t|did not|won'?t)\s+(?:work|help|fix|change)\b|还是(?:不|没|打不开|连不上|一样|报错|收不到)|仍然|依然|依旧|还不行|没(?:有)?(?:好|解决|修好)|(?<!有)没用|不管用|没效果|不起作用/i;
// Something was not done: the answer to "Did you click / type ...?" is no.
const NOT_DONE = /\b(?:didn'?t|did not|haven'?t|have not|never)\s+(?:click|open|enter|type|give|download|run|install)|\bnot\s+yet\b|没(?:有)?(?:点|输|打开)/i;
// It works now: the answer to "Is it fixed?" is yes.
const FIXED = /^(?:(?:yes|yeah|yep|yup|ok|okay)[\s,!]*)?(?:all |it'?s |its )?(?:working|works)(?:\s+(?:now|again|fine|great))?[\s,.!]*(?:thanks|thx|cheers|ta)?[\s.!]*$|(?<!\bused to |\bwas |\bwere |\bhad been )\b(?:works?|working)\s+(?:now|again|fine)\b|\bnow\s+(?:it\s+)?works\b|\b(?:it'?s|its|(?:it|that|this|everything|all|problem|issue) is)\s+(?:fixed|working|resolved|fine|ok|okay)(?:\s+now)?\b|\ball good\b|\bsorted\b|\bfixed (?:it|now)\b|\b(?:it'?s|its|it is|they'?re|they are|all|everything(?: is)?|files? (?:is|are)|folder is) back(?! to)\b|\bback to normal\b|\blooks? (?:good|fine|great|ok|okay)(?: now)?\b|\b(?:that|this|it) (?:works|worked|did it|fixed it|did the trick)\b|\b(?:problem|issue|error)(?: is| has)? gone\b|\bno longer happening\b|\bhasn'?t happened (?:since|again)\b|\bseems? (?:to be )?(?:fixed|ok|okay|fine|working)\b|\b(?:looks?|seems?|is|it'?s|its|been|stayed|staying|holding) (?:rock[- ])?(?:stable|steady)\b|\bso far so good\b|\brock[- ]solid\b|\bfound it\b(?! (?:hard|difficult|confusing|strange|odd|weird|annoying))|\b(?:restored|recovered) (?:it|them|the file|the files)\b|\bgot (?:it|them) back\b|(?:^|[\s，,。！!])(?:可以了|行了|好使了|能用了|ok了|okay了|妥了)(?=$|[\s，,。！!~～]|谢)|\bbehaving(?: now| again)?\b|回来了|恢复正常|没事了|(?:^|[\s，,。！!])(?:出来了|显示出来了|能看到了)(?=$|[\s，,。！!~～]|谢|不用)|(?:^|[\s，,。！!])(?:连上|连通|登上|登进去|打出来|打印出来)了(?=$|[\s，,。！!~～]|谢)|没(?:有)?再(?:弹|出现|报错|掉线|掉|断|卡|死机|蓝屏|响)(?:过|出来)?了|没(?:啥|什么)?问题了|不(?:卡|闪|响|掉线|掉|断|死机|报错|弹窗|黑屏)了|现在(?:可以|能|好|正常|没问题)|(?<![不没])(?:能|可以)(?:用|收到|打开|登录|连上|打印|上网|[\u4e00-\u9fff]{1,2}到)了|好了|解决了|搞定|正常了|(?:^|[\s，,。！!])找到了(?=$|[\s，,。！!]|在)|(?:已经|已|都)?(?:还原|找回来|找回|装好|弄好|修好)了/i;
// Something was done: the answer to "Did you click / type ...?" is yes.
const DONE = /\bi\s+(?:clicked|opened|entered|typed|gave)\b|点了|输入了|输了密码/i;

// The fault came back: "kicked me out again", "dropped twice in the last half hour again", "好了一会儿，现在又断了".
const RECURRED = /\b(?:(?:out|down|off|dropp\w*|disconnect\w*|crash\w*|fail\w*|broke\w*|froze|freez\w*|stopped \w+|happen\w*|doing it|the same)(?:\s+(?:(?!but\b|works?\b|working\b|fine\b|ok\b|now\b)\w+\s+){0,6}?)?\s*again|came back|comes back|is back|(?:still|keeps?) (?:happening|doing it|kicking|dropping|crashing|freezing|failing)|(?:it'?s |its |it is )?still (?:broken|not working|the same)|same as before|same\b[^.!?\n]{1,40}\bas (?:before|last time|yesterday))\b|(?:还是|跟之前|和之前|跟以前|和以前)一样|又(?:开始|出现|来了|掉|断|不行|坏|卡|崩|闪退|弹|报错|连不上|打不开|登不上|踢)|还是(?:会|老是)/i;

// "will shout if it happens again", "如果再出现我再找你们": what they will do should it come back, not that it did.
const IF_IT_COMES_BACK = /\b(?:if|in case|should|whenever)\s+(?:it|this|that|the \w+|anything)\b[^.!?\n]*|(?:如果|要是|万一|假如)[^。！？\n]*/gi;

/** Whether the message says the fault came back, whatever "yes" it also says. */
export function saysItCameBack(text: string): boolean {
  return RECURRED.test(text.replace(IF_IT_COMES_BACK, ' '));
}

/** How a sentence reads as an answer to "Is it fixed?" / "Did you ...?", when no act phrase says it. */
export function sentencePolarity(text: string): 'yes' | 'no' | undefined {
  if (text.length > MAX_ACT_LENGTH) return undefined;
  const s = spellFixed(text);
  if (NOT_FIXED.test(s) || NOT_DONE.test(s)) return 'no';
  if (FIXED.test(s) || DONE.test(s)) return 'yes';
  return undefined;
}

const SEPARATOR = /[,，。;；:：!！]|\.(?:\s|$)|\s+-+\s+|\s+(?:but|though|however)\s+|但是|不过|可是|但/i;
// "no" before these words is a determiner ("no one can print", "no internet"), not an answer.
const NO_DETERMINES = new Set(('one longer more internet network wifi sound audio signal access connection email mail emails idea way matter ' +
  'problem issue error response power display video picture space printer printers vpn phone calls data files file luck change new ' +
  'body-one service password login messages notifications').split(' '));
const LEAD_WORD = /^(yes|yeah|yep|yup|yea|sure|nope|nah|no|ok|okay|thanks|thank you|actually)\b\s*(.*)$/i;
const STRONG_AFFIRM = new Set(['yes', 'yeah', 'yep', 'yup', 'yea', 'sure']);
const POLARITY_OF: Partial<Record<Act, 'yes' | 'no'>> = { affirm: 'yes', resolved: 'yes', deny: 'no', not_resolved: 'no' };
const ZH_LEADS = [...PHRASE_ACT.keys()].filter((p) => /^[\u3400-\u9fff]{2,}$/.test(p)).sort((a, b) => b.length - a.length);

// "I think so?", "kind of", "应该吧": an answer that leans one way without saying it.
const HEDGE = /\b(i think|i guess|maybe|probably|perhaps|not sure|seems? (to|like|ok)|kind of|sort of|partly|partially|somewhat|more or less|ish)\b|[?？]$|应该吧|应该是|好像|可能|大概|也许|不确定|不太确定|差不多吧|算是吧|一部分/i;

/** Whether a short answer hedges ("kind of?", "好像可以了吧"): ask yes or no rather than guess. */
export function isHedge(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return t.length > 0 && t.length <= MAX_ACT_LENGTH && HEDGE.test(t);
}

// "I'll keep an eye on it", "will see then", "先观察一下": not yet known, neither fixed nor broken. With words that it
// works ("works now, will keep an eye on it") it is a yes.
const WAIT_AND_SEE = /\b(?:keep an eye on it|keep an eye out|(?:we'?ll|i'?ll|will|let'?s|lets) see|wait and see|see how it goes|see if it (?:happens|comes back|holds)|too early to (?:tell|say)|(?:have ?n[o']?t|not) (?:tried|tested|had a chance)(?: it)?(?: yet)?|(?:will|i'?ll|gonna|going to) (?:try|test|check)(?: it| that| this)? (?:tomorrow|later|tonight|on \w+day|when i'?m back(?: in)?|next week|in the morning|first thing))\b|(?:先|再)?观察(?:一下|几天|看看)|看看再说|先看看|再看看|还没(?:试|测)(?:过)?|过(?:几天|一阵|会儿)再看|(?:明天|回头|回去|晚点|下午|晚上)(?:再)?(?:试试|试一下|看看)/i;
const SAYS_IT_WORKS = /\b(?:works?|working|fixed|sorted|solved|resolved|fine now|good now|all good|back to normal|perfect)\b|好了|可以了|正常了|解决了|没问题了/i;

/** Whether a short answer to "Is it fixed?" says it is too early to know ("hmm ok, I'll keep an eye on it"). */
export function isWaitAndSee(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return t.length > 0 && t.length <= MAX_ACT_LENGTH && WAIT_AND_SEE.test(t) && !SAYS_IT_WORKS.test(t);
}

// "hello? still broken" / "还是不行" while a specialist has the ticket: the person is chasing, not answering.
const STILL_BROKEN = /^(?:(?:hello|hi|hey|anyone|anybody)[\s?!.,]+)?(?:it'?s |its |the \w+ is )?still (?:broken|down|not working|dead|the same|failing|nothing(?: [^.?!]{1,40})?|(?:can'?t|cannot|not able to|unable to) [^.?!]{1,40})[\s?!.]*$|^(?:(?:你好|在吗|人呢)[？?，,！!\s]*)?[\w\u4e00-\u9fff]{0,8}?还是(?:不行|坏的|没好|打不开|用不了|连不上|登不上)[？?！!。.]*$/i;

/** Whether a short message chases a ticket someone already has ("anyone??", "hello? still broken", "还没人管吗"). */
// "anyone looking at this?? still can't get in" / "有人管吗？还是登不上": asking whether anyone is on it.
const ANYONE_ON_IT = /^(?:(?:hello|hi|hey)[\s?!.,]+)?(?:is )?(?:anyone|anybody|someone|somebody) (?:looking at|working on|on|there|around|handling|dealing with)(?: (?:this|it|that|my \w+))?[\s?!.,]*(?:(?:it'?s |its |i )?still [^.?!]{1,30}[\s?!.]*)?$|^(?:到底)?(?:有没有人|有人)(?:管|处理|看|跟进)(?:吗|没有|不)?(?:啊|呀|呢)?[？?！!，,。\s]*(?:还是[^。？?！!]{1,12}[？?！!。]*)?$|^(?:怎么|咋|为什么|为啥)?(?:到现在|现在|这么久|半天)?(?:都|还)?(?:是)?没(?:有)?人(?:理|管|回|回复|联系|处理|跟进)(?:我)?(?:啊|呀|呢)?[？?！!，,。\s]*$/i;

// "hello??", "anyone?", "在吗" or how long they have waited ("都快两个小时了", "it's been 2 hours"): a nudge on its own.
const NUDGE = /^(?:hello|hi|hey|anyone|anybody|helloooo*|ping|\?+|在吗|人呢|你好|有人吗|(?:都|已经)?(?:快|差不多)?(?:[一两俩二三四五六七八九十\d]+|半)(?:个)?多?(?:小时|钟头|天|分钟)了|(?:都|已经)?(?:过去|等)?(?:了)?(?:大)?半天了|(?:都|已经)?(?:一上午|一下午|一整天)了|(?:it'?s been|been waiting(?: for)?) (?:over |almost )?(?:an?|\d+|one|two|three) (?:hours?|days?)(?: now)?)[\s?!.,？！。，]*$/i;
// "anything happening?", "any movement?", "有动静吗": asking whether anything moved, without naming a ticket.
const ANYTHING_MOVED = /^(?:(?:hey|hi|hello|so|ok|okay)[,!]?\s+)?(?:is )?(?:any ?thing|something) (?:happening|moving|going on)(?: (?:with|on) (?:it|this|that|my \w+))?[\s?!.]*$|^any (?:movement|progress|news|joy|luck|update|updates)(?: (?:on|with) (?:it|this|that|my \w+))?[\s?!.]*$|^有(?:动静|进展|消息)(?:吗|了吗|没有)?[？?！!。\s]*$|^(?:单子|工单|这事|这个)?到底(?:啥|什么)情况(?:了)?[？?！!。\s]*$/i;

// Said beside a chase, not on its own: the work it stops ("电脑根本没法用", "太慢了"), nobody in touch ("nobody's contacted me"); the annoyance is an outburst (isOutburst).
const AFTER_WAIT = /^(?:(?:电脑|系统|邮箱|打印机|网络)?(?:根本|完全)?(?:没法|无法|不能)(?:用|工作|干活|上班)(?:了)?|(?:太|真)慢了?(?:吧)?|(?:and )?(?:nobody|no one|no-one)(?:'s| has)? (?:contacted|called|rung|replied to|got back to|gotten back to|come back to|been in touch with) me(?: yet)?)[\s?!.,？！。，]*$/i;

export function isChaser(text: string, act?: Act): boolean {
  const t = text.trim();
  if (act === 'greeting' || (t.length <= 40 && STILL_BROKEN.test(t)) || (t.length <= 80 && ANYONE_ON_IT.test(t))) return true;
  // "hello?? anything happening? still nothing arriving in sales@": a nudge, a question whether anything moved
  // and a "still broken" remark, in any order, each a sentence of its own.
  if (t.length > 120) return false;
  const sentences = t.split(/(?<=[?!.？！。])(?![?!.？！。])\s*|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/).map((x) => x.trim()).filter(Boolean);
  const chases = sentences.filter((x) => ANYTHING_MOVED.test(x) || STILL_BROKEN.test(x) || ANYONE_ON_IT.test(x));
  return chases.length > 0 && sentences.every((x) => NUDGE.test(x) || AFTER_WAIT.test(x) || isOutburst(x) || chases.includes(x));
}

/**
 * The message without its sentences that only ask for a person ("concur keeps spinning. just get me a real
 * person pls" is about concur); the whole text when nothing else is left.
 */
export function withoutAskForPerson(text: string): string {
  const sentences = sentencesOf(text);
  const kept = sentences.filter((s) => !(HUMAN_IN_SENTENCE.test(s) && !NO_HUMAN.test(s)));
  return kept.length > 0 && kept.length < sentences.length ? kept.join(' ').trim() : text;
}

/** Read the dialog act of a whole message: a phrase, a phrase with details after it, or content. */
// "…, never mind" / "…，算了" at the very end of a short message.
const NEVER_MIND_TAIL = /(?:^|[,.;:!?，。；！？]\s*|\s)(?:never ?mind|nvm|forget (?:it|about it)|ignore (?:me|that))[\s.!。！]*$|(?:^|[，,。\s])(?:那)?算了(?:吧)?[\s。！!~～]*$/i;

export function readAct(text: string): ActReading {
  const t = text.normalize('NFKC').trim();
  if (!t) return {};
  // A long report (a mail) says no act but one: a sentence asking for a person ("… I need a person to call me").
  if (t.length > MAX_ACT_LENGTH) {
    const topic = t.length <= 5_000 ? topicBeforeAskForPerson(withoutMailFrame(t)) : undefined;
    return topic ? { act: 'human', details: topic } : {};
  }
  if (/^cmd:(cancel|restart|skip|back|human)$/.test(t)) return { act: t.slice(4) as Act };
  if (isStatusRequest(t) || isStatusRequest(withoutGreeting(t))) return { act: 'status' };
  const emoji = emojiAct(t);
  if (emoji) return withPolarity(emoji);
  const whole = phraseAct(t) ?? phraseAct(undoubled(t));
  if (whole) return withPolarity(whole);
  // "oh maybe my colleague raised it for me, never mind" / "那算了": a closing "never mind" takes back what came before.
  if (t.length <= 120 && NEVER_MIND_TAIL.test(t)) return { act: 'cancel' };
  // "can I talk to an actual human pls. it's about a PO in SAP stuck …" / "有人工吗？报销系统里…": a person asked for first, then the topic.
  const topic = topicAfterAskForPerson(t) ?? topicBeforeAskForPerson(t);
  if (topic) return { act: 'human', details: topic };
  // "no luck, can you get me a real person" / "没用，找个人帮我看看吧": the request for a person wins over the "no".
  if (t.length <= 120 && HUMAN_IN_SENTENCE.test(t) && !NO_HUMAN.test(t)) return { act: 'human' };
  const split = splitHead(t);
  if (split) {
    const combined = combine(split.head, split.rest, split.separated);
    if (combined) return combined;
    // "thanks that works. different thing though - my keyboard …": fixed, and the rest is news.
    const head = spellFixed(split.head);
    if (split.separated && head.length <= 60 && FIXED.test(head) && !NOT_FIXED.test(head)) return withPolarity('resolved', split.rest);
  }
  if (CANCEL_IN_SENTENCE.test(plain(t))) return { act: 'cancel' };
  // A short reply that says it works ("now it works", "all working again thanks a lot") or is still broken ("still the same error").
  const fixedText = spellFixed(t);
  if (t.length <= 60 && FIXED.test(fixedText) && !NOT_FIXED.test(fixedText)) return withPolarity('resolved');
  if (t.length <= 40 && /^(?:still\b|还是|还不|依然|仍然)/i.test(plain(t)) && NOT_FIXED.test(fixedText)) return withPolarity('not_resolved');
  // "hmm actually scrap that, facilities just said … don't need it" / "她调岗的事黄了，算了不用弄了": withdrawn, with a reason.
  if (t.length <= 240 && WITHDRAWN.test(t) && !REPORTS_FAULT.test(t)) return { act: 'cancel' };
  const polarity = sentencePolarity(t);
  return polarity ? { polarity } : {};
}

/**
 * The topic of a message whose first sentence asks for a person: what that sentence says after the ask
 * ("… about my SAP roles"), then the sentences after it. Undefined when the first sentence asks for nothing.
 */
function topicAfterAskForPerson(t: string): string | undefined {
  // The ask ends at a sentence end, a dash, a colon or a comma ("need a human pls - adobe sign says …").
  const end = /[.!?。！？]+\s*|\s+-+\s+|[:：,，]\s*/.exec(t);
  if (!end) return undefined;
  const first = t.slice(0, end.index + end[0].length);
  const ask = HUMAN_IN_SENTENCE.exec(first);
  if (!ask || NO_HUMAN.test(t)) return undefined;
  const said = first.slice(ask.index + ask[0].length).replace(/\b(?:please|pls|plz)\b|[吗呢吧啊]/gi, '').replace(/^[\s,，:：-]+|[\s,，.!?。！？]+$/g, '');
  const rest = t.slice(first.length).trim();
  return [said, rest].filter(Boolean).join('. ') || undefined;
}

/**
 * The topic of a report with a later sentence asking for a person ("VPN drops every 20 minutes, I reinstalled it
 * twice. I don't want another article, just get me an actual person."): the other sentences.
 */
function topicBeforeAskForPerson(t: string): string | undefined {
  // "… frozen three times since 9am. Please don't send me an article - I need a person to call me. Cell 917-555-0182."
  if (NO_HUMAN.test(t) || !sentencesOf(t).slice(1).some((x) => HUMAN_IN_SENTENCE.test(x))) return undefined;
  return withoutAskForPerson(t);
}

/** A message's sentences, each with its end mark. */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?。！？])\s*/).filter((x) => x.trim() !== '');
}

// Taking a request back in a longer sentence; a fault in the same message makes it a report instead.
const WITHDRAWN = /\b(?:scrap (?:that|it|this)|forget (?:it|about it|that|this)|(?:do ?n[o']?t|no longer|not) need (?:it|this|that|one|them)(?: any ?more)?(?! (?:urgently|today|now|until|before|by|fixed))\b|cancel (?:that|it|this|the request|my request|the ticket|my ticket)|please cancel|withdraw (?:it|this|my request|the request))|算了|不用(?:弄|装|办|处理|修|申请|开通|加)?了|不需要了|不要了|取消(?:吧|掉|申请|工单)|撤销(?:申请|工单)|(?:申请|工单|请求|单子)[^，。！？\n]{0,4}(?:撤(?:了|掉|回|销)?吧|撤了|撤回|撤销|取消)|(?:先|就)撤(?:了|掉|回)?吧/i;
const REPORTS_FAULT = /\b(?:can'?t|cannot|won'?t|not working|doesn'?t work|broken|error|fail\w*|crash\w*)\b|坏了|报错|错误|打不开|连不上|登不上|用不了|崩溃|失败/i;

// A reply of nothing but a thumbs-up (or down) answers a yes/no question too.
function emojiAct(t: string): Act | undefined {
  if (/[\p{L}\p{N}]/u.test(t)) return undefined;
  if (/^(?:[👍👌✅🙆🆗💯]|\u{1F44D}\u{1F3FB}|[\u{1F3FB}-\u{1F3FF}\ufe0f\s!！])+$/u.test(t)) return 'affirm';
  if (/^(?:[👎❌🙅]|[\u{1F3FB}-\u{1F3FF}\ufe0f\s!！])+$/u.test(t)) return 'deny';
  if (/^(?:[🙏]|[\u{1F3FB}-\u{1F3FF}\ufe0f\s])+$/u.test(t)) return 'thanks';
  return undefined;
}

function withPolarity(act: Act, details?: string): ActReading {
  const polarity = POLARITY_OF[act];
  return { act, ...(polarity ? { polarity } : {}), ...(details ? { details } : {}) };
}

type Split = { head: string; rest: string; separated: boolean };

function splitHead(t: string): Split | undefined {
  const sep = SEPARATOR.exec(t.slice(0, 60));
  if (sep && sep.index > 0) {
    const rest = t.slice(sep.index + sep[0].length).trim().replace(/^(?:but|though|however|and|不过|但是|可是|但|而且)[\s,，]*/i, '');
    if (rest) return { head: t.slice(0, sep.index).trim(), rest, separated: true };
  }
  const lead = LEAD_WORD.exec(t);
  if (lead && lead[2]) return { head: lead[1], rest: lead[2].trim(), separated: false };
  const lower = t.toLowerCase();
  const zh = ZH_LEADS.find((p) => lower.startsWith(p) && lower.length > p.length);
  if (zh) return { head: zh, rest: t.slice(zh.length).replace(/^[\s,，。!！]+/, '').trim(), separated: false };
  return undefined;
}

// "不用了不用了" / "no no": a phrase said twice is the phrase.
const undoubled = (t: string) => /^(.{1,8}?)[\s,，]*\1$/u.exec(t)?.[1] ?? t;

function combine(head: string, rest: string, separated: boolean): ActReading | undefined {
  const h = phraseAct(head) ?? phraseAct(undoubled(head));
  if (!h || !rest) return undefined;
  const restReading = readRest(rest);
  const r = restReading.act;
  const yes = (a?: Act) => a === 'affirm' || a === 'resolved' || a === 'thanks';
  const no = (a?: Act) => a === 'deny' || a === 'not_resolved';
  const details = rest;
  switch (h) {
    case 'cancel':
    case 'human':
      // "never mind, the cable was loose, all good now": fixed by themselves, not withdrawn.
      if (h === 'cancel' && (r === 'resolved' || (FIXED.test(spellFixed(rest)) && !NOT_FIXED.test(rest)))) return withPolarity('resolved');
      return r === 'cancel' || r === 'human' || r === 'thanks' || r === 'deny' ? { act: h } : separated || r ? { act: h, details } : undefined;
    case 'resolved':
      if (no(r)) return undefined;
      return yes(r) ? withPolarity('resolved') : withPolarity('resolved', details);
    case 'not_resolved':
      return yes(r) && r !== 'thanks' ? undefined : no(r) || r === 'thanks' ? withPolarity('not_resolved') : withPolarity('not_resolved', details);
    case 'thanks':
      if (r === 'resolved' || r === 'not_resolved' || r === 'cancel' || r === 'human') return withPolarity(r);
      if (restReading.polarity === 'no') return withPolarity('not_resolved', details);
      if (r) return withPolarity(r === 'affirm' ? 'affirm' : 'thanks');
      // "Thanks, that was quick" is thanks; "Thanks, my VPN is broken again" is a new description.
      return wordCount(rest) <= 4 ? { act: 'thanks', details } : {};
    case 'affirm': {
      if (r === 'resolved' || (FIXED.test(rest) && !NOT_FIXED.test(rest))) return withPolarity('resolved');
      if (r === 'affirm' || r === 'thanks') return withPolarity('affirm');
      const strong = STRONG_AFFIRM.has(head.toLowerCase()) || /^[\u3400-\u9fff]{2,}$/.test(head);
      if (no(r) || restReading.polarity === 'no') return strong ? { act: 'affirm', details } : withPolarity('not_resolved', details);
      if (!separated && !strong) return undefined;
      return withPolarity('affirm', details);
    }
    case 'deny': {
      if (r === 'not_resolved') return withPolarity('not_resolved', r && restReading.details ? restReading.details : undefined);
      if (r === 'deny' || r === 'thanks' || r === 'skip') return withPolarity('deny');
      if (r === 'resolved' || r === 'affirm') return undefined;
      if (NOT_FIXED.test(rest)) return withPolarity('not_resolved', details);
      if (!separated) {
        const next = rest.toLowerCase().split(/\s+/)[0];
        const zhDeny = /^[\u3400-\u9fff]/.test(head);
        if (zhDeny || NO_DETERMINES.has(next) || !/^(no|nope|nah|not really)$/i.test(head)) {
          return restReading.polarity === 'no' ? withPolarity('deny', details) : undefined;
        }
      }
      return withPolarity('deny', details);
    }
    case 'greeting':
      return r && r !== 'greeting' ? readAct(rest) : undefined;
    default:
      return separated && r === h ? { act: h } : undefined;
  }
}

function wordCount(text: string): number {
  return (text.match(/[A-Za-z']+/g)?.length ?? 0) + Math.ceil((text.match(/[\u3400-\u9fff]/g)?.length ?? 0) / 2);
}

function readRest(rest: string): ActReading {
  const act = phraseAct(rest);
  if (act) return { act };
  const split = splitHead(rest);
  const inner = split ? phraseAct(split.head) : undefined;
  if (inner && split && (inner === 'not_resolved' || inner === 'resolved')) return { act: inner, details: split.rest };
  const polarity = sentencePolarity(rest);
  return polarity ? { polarity } : {};
}
