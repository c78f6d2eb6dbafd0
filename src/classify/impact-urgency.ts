import { findHazard, type HazardKind } from '../understand/hazard';
import type { SecurityEvent } from '../engine/advice';
import type { Impact, TicketType, Urgency } from '../types/ticket';
import { daysUntilDeadline, workingDaysUntil } from './deadline';
import { headCount } from './head-count';
import { readTicketType } from './ticket-type';
import { findSecurity } from '../understand/security';

/** What the message says about scope (impact) and time pressure (urgency), with the cues found. */
export type ImpactUrgencyEstimate = {
  impact?: Impact;
  urgency?: Urgency;
  signals: string[];
  /** A security event: urgency 1, the security path and containment advice. */
  security?: SecurityEvent;
  /** A physical danger (a swollen battery, smoke): urgency 1 and safety advice first. */
  hazard?: HazardKind;
  /** Days until a deadline or start date the message names (0 = today). */
  deadlineDays?: number;
};

const DEPT_EN = '(?:sales|finance|hr|marketing|legal|accounting|accounts|support|design|engineering|data|dev|it ops|ops|operations|procurement|payroll|research|product|qa|customer service|call cent(?:er|re)|admin|reception)';
const DEPT_ZH = '(?:财务|人事|销售|市场|行政|法务|研发|技术|运营|客服|采购|设计|数据|产品|测试|开发|前台|仓库|物流|HR|IT)';

// Whole organisation: an office, a site, all remote staff, customers, "nobody in the company".
const EVERYONE = [
  // Several production lines: a plant's output, not one team's ("two of the three assembly lines stopped", "三条产线全停了").
  /\b(?:two|three|four|several|multiple|both|all)(?: of the(?: \w+)?)? (?:production |assembly |packing |packaging )?lines\b[^.!?\n]{0,30}\b(?:stopped|down|halted|idle|can'?t|cannot)\b|\b(?:production|assembly) lines? (?:has |have |is |are )?(?:stopped|down|halted)\b/i,
  /\b(every(one|body)(?! (?:in|at|from) (?!the (?:company|whole|entire)))|all (the |our )?(users|staff|employees|of us|colleagues|remote|offices|sites|branches|clients|customers)|(for |to )?every (single )?(customer|client|shopper|user|employee)|all remote (staff|workers|employees|colleagues|users|people)|(whole|entire) ([a-z]+ )?(company|office|building|organi[sz]ation|site|campus|hq|branch|floor of)|all (the |our )?(stores|shops|branches|restaurants|warehouses|plants|outlets)|every (store|shop|branch|restaurant|outlet)|company[- ]wide|nobody can|no one can|none of us can|everyone working from home|(customers|clients) (are |keep )?(can['’]?t|cannot|complaining|calling|emailing|phoning|ringing)|(public|company|our) (website|web ?site|web shop|webshop|online shop) (is )?(down|returning|throwing|gives|shows)|(nobody|no one|everyone|everybody) (in|at) (the |our )?([a-z]+ )?(company|office|building|site|org)|badge readers?|door access|main entrance)\b/i,
  /整个公司|全公司|所有人|大家都|全员都|所有同事|整栋楼|整个\S{0,6}?(办公室|分公司|园区|大楼|公司)|(办公室|分公司|公司|大楼|园区|门店|工厂|仓库|厂区)(整个|全部|都)(断|停|瘫|挂|连不|上不|用不|打不|登不)|所有用户|整条(?:产线|生产线|流水线)|(?:[两三四五六七八九十几多]|好几)条(?:产线|生产线|流水线)|(?:产线|生产线|流水线)(?:全|都)(?:停|瘫|挂)|全线(?:停|瘫|都)|全厂|整个(?:工厂|车间|厂区)|所有(?:产线|生产线)|所有远程|全部远程|在家办公的(同事|人)都|全国|谁都(连|登|上|打|用)不|(?:所有|全部|每个|每家)(?:的)?(?:门店|店铺|分店|网点|餐厅|仓库|工厂|分公司|办公室|站点)|客户(都|一直|全|也)|所有客户|全部客户|门禁|大门/,
];
// A team or department, or a resource a team shares.
const TEAM = [
  new RegExp(`\\b(my team|our team|the team|whole (team|department|dept)|entire (team|department)|several (people|users|colleagues|of us)|(the|our|my) (department|dept)|few of us|all of my team|my colleagues|(other|some|a few|many|multiple) (colleagues|people|users|coworkers|co-workers|machines|computers|pcs)|[a-z]+ team|${DEPT_EN}( team| dept| department| folks| people| would| wants| needs| staff|'s)|(whole|entire) ([a-z]+ )?(floor|team|department|dept|office)|(colleagues|others|coworkers) (also|too|as well)|payroll (has to|must|needs to|is due to) (go out|go in|run|be sent|be paid|be submitted|be approved|be processed)|(tender|bid|proposal|rfp) (is )?(due|deadline|has to|must)|(submit|upload|send) (the |our )?(tender|bid|proposal)|(i['’]?m|i am) the only (approver|one who can (approve|sign|run|submit|release))|only i can (approve|sign off|run|submit|release)|(pay|salaries|wages) (have to|must|need to) go out|(everyone|everybody|we all|they all) (here )?(uses?|relies on|depends on|shares) (it|this|that)|none of the ([a-z-]+ ){1,3}(in|on|at) (the|our) [a-z]+ (can|are|work)|none of the ([a-z-]+ ){1,3}(can|are working|work)|(nobody|no one|everyone|everybody|all) in (the |our |my )?[a-z]+|shared (mailbox|drive|folder|inbox|calendar)|team (drive|folder|mailbox|channel|site))\\b`, 'i'),
  new RegExp(`整个部门|我们组|我们部门|我们团队|整个团队|好几个同事|几个同事|全组|整层|多个同事|其他同事也|同事们?也|别人也|部门的人|组里的人|${DEPT_ZH}(部门|部|组|团队)|好多电脑|多台电脑|(?:必须|要|得)发工资|投标|标书|招标文件|只有我(?:能|可以|有权限)(?:审批|审核|签字|提交|发放)|工资(?:发不出|发不了)|整个[\\u4e00-\\u9fff]{1,4}都(?:用|在用|靠|要用)|(?:大家|全组|全部门)都(?:在)?(?:用|靠)(?:它|这台|这个)|整个前台|共用的|所有(?:的)?\\S{1,8}?都(?:连不|上不|用不|打不|登不|坏|不能|没法|无法|不行)`),
];
// An executive's work, or the board's, stands for the business: what stops it weighs like a team's.
const EXECUTIVE = /\b(?:ceo|cfo|coo|cto|cio|managing director|president|chairman|chairwoman|vice president|vp|board members?|executive team|c-suite)(?:'s)?\b|总经理|总裁|董事长|副总|高管|CEO|CFO/i;
// Equipment a room's meetings share: everyone who books the room is affected, but nobody's work as a whole stops.
const ROOM_EQUIPMENT = [
  /\b(?:board|meeting|conference|training) ?room(?: [a-z0-9]{1,3})?(?:'s)? (?:projector|screen|tv|display|phone|camera|speaker|mic|microphone|av|video ?conferenc\w*)\b/i,
  /(?:会议室|会议厅|培训室)(?:的|里)?(?:\S{0,6}(?:坏|不|没)|大屏|屏幕|投影|电视|显示器|电话|摄像头|音响)/,
];
const JUST_ME = [
  /(?<!\b(?:not|isn['’]?t|it['’]?s not|its not)\s)\b(just me|only me|only my (laptop|computer|pc|account|machine|phone)|only on my|just my (laptop|computer|pc|account|machine|phone)|(everyone|everybody|others|the others|other people) (else )?(is|are|seems?) (fine|ok|okay|working)|nobody else|no one else)\b/i,
  /(?<![不并])只有我|(?<!不)就我一个|别人(都)?(没问题|正常|好的)|其他(人|同事)(都)?(正常|没问题|好的)/,
];

// Work stopped for this person: they say so in so many words.
const BLOCKED = [
  /\b(?:stood|standing|sat|sitting) (?:around|idle)\b|\b(?:production |assembly |packing )?lines? (?:has |have |is |are )?(?:stopped|halted|down)\b|\bdoing nothing\b|\b(?:lost|no) (?:internet|network|connectivity)\b|\b(can['’]?t work|cannot work|unable to work|can['’]?t (do|get) (any|my|a) ?(work|thing|job|anything)|nothing works|can['’]?t do anything|can['’]?t (type|log ?in|sign ?in|get in|get into|access) (to |into )?(anything|at all)|at all|nobody can work|no one can work|completely (down|dead|broken|stuck)|(nobody|no one)\b.{0,30}\bcan\b|none of (?:us|our|the|them|my)\b.{0,40}\bcan\b|\d+ calls (?:waiting|in (?:the )?queue|queued|on hold)|(?:call )?queue (?:is )?(?:climbing|growing|building up)|\b(is|are|went|was) (down|dead)\b|urgent(ly)?|asap|a\.s\.a\.p|emergency|critical|outage|production (is )?down|business (is )?stopped|immediately|right now|blocking (me|us|our|my)|blocked|sitting idle|dead in the water|(stood|standing) still|at a standstill|ground to a halt|grinding to a halt|(shift|line|production|warehouse|store|shop) (has |is )?(stopped|halted)|won['’]?t (boot|start up|turn on|power on)|(doesn['’]?t|does not|will not) (boot|turn on|power on)|no bootable device|losing (money|sales|customers|orders|revenue)|can['’]?t (ship|dispatch|invoice|sell|serve customers|take (orders|payments)|process (orders|payments))|orders (are )?(being |getting )?(lost|dropped|failing)|(customer|client) orders|(customers?|clients?) (send|place|submit|e-?mail)\w* (us )?(their |all their )?orders|lost (orders|sales)|(mid|during|at) (quarter|month|year)[- ]end|(quarter|month|year)[- ](end|close)|(customers?|clients?|callers|visitors) (can['’]?t|cannot|are complaining)|calls (?:are )?(?:queu(?:e)?ing|piling up|not (?:getting|coming) through)|(?:trucks?|lorr(?:y|ies)|customers?|clients?|patients?|drivers?|passengers?|guests?|shoppers?)\s+(?:are\s+|is\s+|already\s+|now\s+|all\s+|still\s+)*(?:waiting|queu(?:e|ing)|stuck|stranded|lining up|checking in|arriving)|demo|!!)/i,
  /业务停了|还让不让人(?:干活|工作|上班)|开不了机|无法开机|不能开机|开机没反应|按电源没反应|开不开机|无法工作|没法工作|没法办公|无法办公|干不了活|没法干活|没办法工作|没办法干活|什么也干不了|干不了|啥也干不了|什么都干不了|什么都做不了|啥都登不上|什么都登不上|啥也登不上|什么也登不上|哪个都登不上|完全用不了|根本用不了|完全没反应|一个字都|紧急|很急|急用|着急|急死|急坏了|急[!！，,。 ]|^急|急$|急急|十万火急|马上|立刻|尽快|赶紧|宕机|瘫痪|停摆|全停|都停了|停工|停产|停线|(?:产线|生产线|流水线)(?:全|都)?停了|丢单|订单(?:丢|都丢|全丢|下不了)|客户演示|(?:客户|访客|外面|外部|快递)[^，。！？\n]{0,8}(?:打不进|打进来[^，。！？\n]{0,3}接不到)|接不到(?:任何)?(?:电话|来电)|耽误|影响(业务|客户|生产)|(?:午市|晚市|早市|午餐|晚餐|销售)?高峰(?:期)?(?:马上|快|就)?(?:要)?(?:到|来)了|(?:客人|顾客|病人|患者|司机)(?:都)?在(?:等|排队)|[!！]{2}/,
];
// Something no longer works at all (as opposed to slow): with several people affected, work has stopped.
const STOPPED = [
  /\b(can['’]?t|cannot|can not|unable to|won['’]?t|doesn['’]?t|isn['’]?t|not) (connect|log ?in|sign ?in|get on|get into|get in|get to|access|open|print|send|receive|load|work|working|start|turn on|take calls|answer|get paid)|\b(hasn['’]?t|hasnt|haven['’]?t|havent|has not|have not) (received|sent|arrived|come in|come through|loaded|printed|synced)|\bnot (a single|one) (e-?mail|message|order|call)|\b(down|dead|gone|crashed|broken|offline|bouncing|bounces?|not (going|coming) (out|in)|not showing( up)?|disappeared|vanished|no (internet|network|calls|sound|signal|access)|lost access)\b/i,
  /不了|不能|无法|打不开|登不上|上不了|连不上|收不到|发不出|没反应|没声音|坏了|挂了|崩了|断网|死机|进不去|打不进|用不了|全是退信|宕机|不见了|消失了/,
];
const DEGRADED = [
  /\b(slow|sluggish|intermittent(ly)?|sometimes|on and off|from time to time|work ?around|annoying|laggy|keeps dropping|drops|managing|can live with|for now|almost full|nearly full)\b|\b(9\d|100) ?%/i,
  /有点慢|很慢|特别慢|变慢|时好时坏|偶尔|有时候|断断续续|卡顿|不太稳定|老掉线|可以先用|凑合|将就|很烦|快满|满了/,
];
// Still usable: degraded, not stopped, whatever else broke ("pink line down the screen, still usable").
const STILL_WORKS = /\b(still (usable|works|working|work|functional|running)|can still (work|use|print|log ?in|get in)|otherwise (works|fine)|works otherwise)\b|还能用|还可以用|暂时还能用|能凑合用|目前还正常|其他都正常|还能(登|打|上|用)/i;
const CAN_WAIT = [
  /\b(when you have time|when you get a chance|whenever you get|no rush|not urgent|whenever|low priority|no hurry|next week is fine|next month|end of (the )?month is fine|sometime|some time|not a big deal|not critical|can wait|not important|nice to have)\b/i,
  /不(?:算|是)?(?:很|太|特别|那么)?急|没(?:那么|多|啥)急|不着急|有空|有时间的话|有时间再|不紧急|下周也行|不是很急|不太急|方便的时候|慢慢来|不重要|下个月|下个季度|这个月|本月|暂时没影响|不影响工作/,
];
// A request or a question, not a fault: "can you…", "how do I…", "能帮我…吗", "在哪改…".
const REQUEST = [
  /^(hi,? |hello,? |hey,? )?(can|could|would|may) (you|u|i|we|someone)\b|^(how|what|where|whats|what's|is there|do we|is it possible)\b|\b(i'?d like|i would like|i need|we need|please (add|create|install|change|update|give|set up|order|increase|rotate)|requesting|request for)\b/i,
  /吗[？?]?$|怎么|如何|在哪|能不能|可不可以|可以.{0,12}吗|请帮我|麻烦|申请|需要|想要|想让|帮我(开通|加|装|申请|改)/,
];
const NEGATED_URGENT = /\bnot (urgent|critical|an emergency|important)\b|不紧急|不(?:算|是)?(?:很|太|特别|那么)?急|没(?:那么|多|啥)急|不着急|不重要/i;
const SPREADING = /\bspread(ing|s)?\b|\b(two|three|several|other|\d+) (colleagues|people|co-?workers|users)\b[^.!?\n]{0,40}\b(same|too|also|as well)\b|\bsame (alert|warning|pop-?up|message)\b|\b(other|several|many|multiple) (machines|computers|pcs|laptops)\b|传播|扩散|好多电脑|多台电脑|好几台|几台电脑|其他电脑也|互相传染/i;
const MASS_LEAK = /\b(public|publicly|online|internet|paste ?site|pastebin|dark ?web|thousands|millions)\b|挂到网上|网上|公开|数据库导出|大量/i;

// Faults, as opposed to requests: "能帮我看下吗" about a crash is still a fault.
const FAULT = /\b(crash\w*|freez\w*|error|broken|fails?|failing)\b|崩溃|闪退|报错|卡死|坏了|出错/i;
// Asking for access is about one person, even when the thing is a team's ("access to the Marketing shared drive").
const ACCESS_REQUEST = /\b(?<!lost |no |without )(access to|permission|add me to|give me access)\b|(?<!没有|没了)权限|开通/i;
// "能不能" / "可不可以" ask; they are not "不能" (cannot).
const ASKING = /能不能|可不可以|行不行|能否/g;

const any = (patterns: RegExp[], text: string) => patterns.some((p) => p.test(text));

/** Who is affected: 1 organisation, 2 team, 3 one person (undefined: the text does not say). */
// "我是市场部的周婷", "I'm Sam from the Finance team": who is writing, not who is affected.
const SELF_INTRO = /(?:我是|本人是)[^，。,.!！？?\n]{0,12}?(?:部|组|团队|中心)的?[\u3400-\u9fff]{0,4}|\b(?:i'?m|i am|this is)\s+[a-z]+(?: [a-z]+)? (?:from|in|with) (?:the )?[a-z]+(?: [a-z]+)? (?:team|department|dept)\b/gi;

function readImpact(raw: string): Impact | undefined {
  const text = raw.replace(SELF_INTRO, ' ');
  const count = headCount(text);
  if (any(JUST_ME, text)) return 3;
  if (count !== undefined && count >= 50) return 1;
  if (any(EVERYONE, text)) return 1;
  if (count !== undefined && count >= 2) return 2;
  if (any(TEAM, text) && !ACCESS_REQUEST.test(text)) return 2;
  if (any(ROOM_EQUIPMENT, text) || EXECUTIVE.test(text)) return 2;
  return undefined;
}

/** How soon work must go on: 1 stopped, 2 degraded, 3 can wait (undefined: the text does not say). */
function readUrgency(raw: string, impact: Impact | undefined): Urgency | undefined {
  const text = raw.replace(ASKING, '能');
  const canWait = any(CAN_WAIT, text) || NEGATED_URGENT.test(text);
  // Still usable: degraded for a fault; a request ("want a new headset, this one still works") can wait.
  if (!canWait && STILL_WORKS.test(text)) return readTicketType(text) === 'service_request' ? 3 : 2;
  if (!canWait && any(BLOCKED, text)) return 1;
  // One person's "it doesn't work" is degraded work; a team's or an office's is a stoppage (a meeting room's
  // projector is not, whoever uses the room: the meeting goes on without it).
  if (!canWait && impact !== undefined && impact <= 2 && any(STOPPED, text) && !(impact === 2 && any(ROOM_EQUIPMENT, text))) return 1;
  if (canWait) return 3;
  if (any(DEGRADED, text)) return 2;
  if (any(REQUEST, text) && !any(STOPPED, text) && !FAULT.test(text)) return 3;
  return undefined;
}

/**
 * Read impact and urgency from a message in English or Chinese, the way an ITIL desk would: impact
 * from scope, urgency from work stopped, the person's own cues and deadlines. Returns only what the
 * text says; use {@link withDefaults} to fill the rest. A security event is urgency 1.
 */
export function estimateImpactUrgency(text: string, now: Date = new Date()): ImpactUrgencyEstimate {
  const signals: string[] = [];
  let impact = readImpact(text);
  let urgency = readUrgency(text, impact);
  const deadlineDays = daysUntilDeadline(text, now);
  if (deadlineDays !== undefined) {
    // Working days count, not calendar days: "starts Monday" said on a Friday leaves one day to get it done.
    const workingDays = workingDaysUntil(deadlineDays, now);
    const byDeadline: Urgency = workingDays <= 2 ? 1 : workingDays <= 5 ? 2 : 3;
    if (!urgency || byDeadline < urgency) urgency = byDeadline;
    signals.push(`deadline:${deadlineDays}d`);
  }
  // A swollen battery or smoke cannot wait, whoever it is; smoke from a shared machine or water on a rack is
  // the room's or the floor's danger (and the network a rack serves), not one person's.
  const hazard = findHazard(text);
  if (hazard) {
    urgency = 1;
    if (hazard !== 'device') impact = Math.min(impact ?? 2, 2) as Impact;
    signals.push(`hazard:${hazard}`);
  }
  const security = findSecurity(text);
  if (security) {
    const threat = securityImpact(security, SPREADING.test(text) || (security === 'data_leak' && MASS_LEAK.test(text)));
    if (security === 'phishing_report') {
      // Nobody acted on it: the mail's "urgent" and its fake CEO are the phisher's words, not the reporter's
      // situation. A campaign that reached everyone is worth a team's attention; one mail is one person's.
      impact = impact === 1 ? 2 : 3;
      urgency = 2;
    } else {
      impact = Math.min(threat, security === 'data_leak' ? threat : (impact ?? 3)) as Impact;
      urgency = 1;
    }
    signals.push(`security:${security}`);
  }
  if (impact) signals.unshift(`impact:${impact}`);
  if (urgency) signals.unshift(`urgency:${urgency}`);
  return {
    ...(impact ? { impact } : {}),
    ...(urgency ? { urgency } : {}),
    signals,
    ...(security ? { security } : {}),
    ...(hazard ? { hazard } : {}),
    ...(deadlineDays !== undefined ? { deadlineDays } : {}),
  };
}

/** Fill what the text did not say: impact 3 (one person); urgency 2 for incidents, 3 otherwise. */
export function withDefaults(estimate: ImpactUrgencyEstimate, type: TicketType): { impact: Impact; urgency: Urgency; signals: string[] } {
  return {
    impact: estimate.impact ?? 3,
    urgency: estimate.urgency ?? (type === 'incident' ? 2 : 3),
    signals: estimate.signals,
  };
}

/** How widely a security event threatens the organisation (impact) — all are urgency 1. */
function securityImpact(event: SecurityEvent, spreading: boolean): 1 | 2 | 3 {
  if (event === 'ransomware' || spreading) return 1;
  // A phishing mail nobody acted on is worth a look, not an emergency.
  if (event === 'phishing_report') return 3;
  return 2;
}
