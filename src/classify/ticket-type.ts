import { withoutDeniedFault } from '../understand/intent';
import type { TicketType } from '../types/ticket';

// Something that worked no longer does: a fault, whatever the sentence's form ("can you check why Outlook crashes?").
const FAULT = [
  /\b(can['’]?t|cant|cannot|can not|unable to|won['’]?t|wont|doesn['’]?t|doesnt|isn['’]?t|not) (connect|log ?in|sign ?in|get (in|on|into)|access|open|load|print|send|receive|see|start|boot|turn on|work|working|sync|join|hear|type|save|find my)\b|\b(error|errors|forbidden|denied|crash\w*|freez\w*|frozen|broken|fail(s|ed|ing|ure)?|bsod|blue screen|stuck|down|dead|offline|bounc\w*|not responding|stopped working|keeps (dropping|crashing|freezing|disconnecting)|disconnect\w*|no (internet|network|sound|signal|connection|access)|lost (access|connection)|expired and|locked( out)?|went wrong|nothing works|lost (the|our|my|all)|no longer (have|has|see|work)|suddenly|keeps (?:saying|showing|telling me|asking|popping up)|(?:trial|licen[cs]e|subscription) (?:has |have |is )?expired|(?:bitlocker|recovery key) (?:screen|prompt)|asking for (?:a |the |my )?(?:\d+[- ]digit )?(?:bitlocker )?recovery key|noise|noisy|clicking sound|(is|are|got|gets) (very |really |super )?slow|slow(ly)?)\b|\b[45]\d\d\b(?! ?(gb|mb|tb|kb|users|people|ppl|staff))/i,
  /不了|不能用|不能(?:编辑|保存|修改|打开|登录|上网|打印)|未经授权|未激活|(?:还是|依然|仍然)一样|无法|打不开|登不上|登录不了|上不了|连不上|收不到|发不出|没反应|没声音|坏了|挂了|崩了|崩溃|闪退|死机|卡死|报错|出错|错误|失败|断网|掉线|进不去|打不进|用不了|脱机|响声|异响|被锁|锁定了|没(?:有)?权限了|权限没了|突然(?:没|不|打不开|用不了|进不去)|蓝屏|黑屏|很慢|变慢|特别慢|宕机|异常/,
];
// Asking for something new: access, equipment, a change, a setup.
const REQUEST = [
  // Leave to order something new: "my manager has said it's fine to order a second monitor", "领导同意买".
  /\b(?:fine|ok|okay|approved|agreed|happy|signed off)\b[^.!?\n]{0,25}\bto (?:order|buy|get|purchase|install)\b|(?:同意|批准)(?:了)?[^，。！？\n]{0,6}(?:买|采购|申请|配)/i,
  // Equipment an assessment recommended, or a purchase already approved: "occupational health recommended a vertical mouse … my manager approved it".
  /\b(?:recommended|prescribed|advised|suggested)\b[^.!?\n]{0,20}?\b(?:a |an |me (?:a |an )?)?(?:[\w-]+ ){0,2}(?:mouse|keyboard|chair|desk|monitor|screen|headset|footrest|laptop stand|monitor arm|riser|dock(?:ing station)?)\b|\b(?:workstation|dse|ergonomic|display screen) (?:assessment|review|equipment)\b|\b(?:has |have )?(?:already )?(?:approved|signed off) (?:it|this|the (?:request|purchase|order))\b|(?:建议|推荐)(?:我)?(?:配|用|换|申请)[^，。！？\n]{0,8}(?:鼠标|键盘|椅子|显示器|支架|耳机)/i,
  /^(request|requesting|new request)\b|\b(please|pls|plz|kindly|could you|can you|can u|could u|would you|can someone|can i get|can i have|could i get|i'?d like|would like|i want|wants?|i need|we need|need|needs|requesting|request for)\b.{0,40}\b(add|create|set ?up|install|order|give|grant|provide|change|update|rename|restore|recover|rotate|increase|extend|enable|remove|delete|move|transfer|book|reserve|onboard|offboard|refresh|run|reset|unlock|new)\b|\b(i'?d like|would like|i want|wants?|i need|we need|need|needs|requesting|request for|(?:can|could|may) (?:i|we) (?:get|have|order))\b.{0,30}\b(access|license|licence|laptop|monitor|screen|keyboard|mouse|headset|dock|docking station|account|mailbox|distribution list|approval|permission)\b|^(please |pls |plz )?(update|add|create|install|set ?up|give|grant|order|change|remove|reset|rotate|enable)\b|^can (the|my|our|we)\b.{0,50}\bbe (rotated|changed|updated|added|increased|extended|moved|renamed|installed|set ?up|reset|restored)\b|\b(new (hire|starter|joiner|employee)|onboarding|offboarding|leaver|out of (toner|paper|ink)|toner)\b/i,
  /申请|开通|帮我(开|加|装|申请|改|重置|恢复|设置|配|订|建|创建|移|删)|请(帮忙|给|为)?(我)?(开通|添加|安装|申请|创建|设置|配置|恢复)|想(要|申请|开通|换|加|改|装|安装)|(?:装|安装)(?:个|一个|一下)\s*[A-Za-z]|换个新|需要(一个|一台|新|开通|安装|申请|加|权限)|新(同事|员工|人)入职(?!培训|典礼|仪式|活动)|入职(?!培训|典礼|仪式|活动)|离职|借(一|个|台)|(能|可以).{0,3}(扩|加|开|装|换|改|恢复|删|重置)|换(电脑|笔记本|显示器|手机|新)|要(换|改)(?!合同|文件|文档|稿|报告|方案|材料|ppt|表格|代码)|想让|没墨|缺纸|没纸|硒鼓|墨盒/,
];
// Only asking to know something: "how do I…", "where is…", "什么是…".
const QUESTION = [
  /\b(show|tell|teach) me how\b|(?:^|[,;:.!?]\s*)(hi,? |hello,? |hey,? |quick question[:,]? )?(h(?:o)?w (do|can|should|would) (i|we|you)|how to|what(['’]?s| is| are) the|whats the|where (is|are|do|can)|which|who (is|do)|when (is|does|will)|is there (a|an|any)|is it (possible|ok|okay|allowed))\b/i,
  /^(请问)?.{0,20}(怎么|如何|在哪|哪里|哪个|是什么|是多少|有没有|是否).{0,30}[？?吗]?$/,
  // A clause asking where or how, in a longer message ("录像文件一般存在哪啊？昨天……不知道去哪找").
  /(?:怎么|如何|在哪|哪里|去哪|是什么|有没有)[^，。！？\n]{0,12}[？?]/,
];

const any = (patterns: RegExp[], text: string) => patterns.some((p) => p.test(text));

// An access error on something they could open before ("you need permission to access this site" since
// yesterday, colleagues can open it): access lost is a fault, though the words ask for permission.
const ACCESS_ERROR = /\b(?:you need permission|you do(?:n['’]?t| not) have (?:permission|access)|access (?:is )?denied|(?:not|no longer) authori[sz]ed|no longer have access|lost (?:my )?access)\b|(?:提示|显示|报|弹出|说)(?:我)?(?:没有|无)(?:访问)?权限|权限(?:被)?(?:收回|取消)了|突然没(?:有)?权限/i;
const WORKED_BEFORE = /\b(?:since|anymore|any more|suddenly|used to|no longer|yesterday|this morning|(?:colleagues|others|everyone else|my team) can)\b|从.{0,8}开始|之前|以前|突然|(?:同事|别人|其他人)都能|昨天|今天早上/i;

// Needing one's own device for something ("i need the laptop for the workshop tomorrow") asks for nothing new.
const NEEDS_OWN = /\b(?:i |we )?need (?:the|my|our|this|that) (?:work |company )?(?:laptop|computer|pc|machine|phone|monitor|screen|mac|macbook|thinkpad)\b(?= (?:for|to|by|back|today|tomorrow|working|fixed))/gi;

// Asking whether they may do it themselves, or how to use access they already have: a question, though it names
// an install or a request ("can I install draw.io myself or do I need to raise a request?", "已经有共享邮箱的权限了 … 要怎么加进来？").
const SELF_SERVE_QUESTION = /\b(?:can|could|may) i (?:install|add|set up|download|get|change|enable|do)\b[^.!?\n]{0,60}\b(?:myself|on my own|by myself)\b|\bdo i (?:need|have) to (?:raise|log|open|submit|file|put in) (?:a |an )?(?:request|ticket)\b|(?:能|可以)(?:自己|自行)(?:装|安装|下载|设置|加|添加)|(?:要|需要|得)(?:提|开|走)(?:个)?(?:工单|申请|单子)吗/i;
const ALREADY_GRANTED = /\balready (?:have|got|been given|been granted) (?:the )?(?:access|permissions?|rights?)\b|(?:已经|已)(?:有|开通|开|申请|批)(?:了|好了)?[^。！？\n]{0,20}(?:的)?权限/i;

/**
 * The ticket type the words settle, or undefined when they do not (then the classifier decides): a fault
 * is an incident, asking for something new a service request, asking to know something a question.
 * Both a fault and a request ("I can't log in, can you reset my password?") is left to the classifier.
 */
export function readTicketType(text: string): TicketType | undefined {
  if (ACCESS_ERROR.test(text) && WORKED_BEFORE.test(text)) return 'incident';
  const fault = any(FAULT, withoutDeniedFault(text));
  if (!fault && /\b(show|tell|teach) me how\b/i.test(text)) return 'question';
  if (!fault && (SELF_SERVE_QUESTION.test(text) || (ALREADY_GRANTED.test(text) && any(QUESTION, text)))) return 'question';
  const request = any(REQUEST, text.replace(NEEDS_OWN, ' '));
  if (fault && !request) return 'incident';
  if (request && !fault) return 'service_request';
  if (!fault && !request && any(QUESTION, text)) return 'question';
  return undefined;
}
