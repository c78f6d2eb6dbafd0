// Negative words mark a problem report even when it is phrased as a question ("how do I fix Outlook crashing?").
const PROBLEM_WORDS = /\b(?:can'?t|cannot|won'?t|not working|doesn'?t work|broken|error|fail(?:s|ed|ing)?|crash(?:es|ed|ing)?|stuck|down|freez(?:es|ing)|slow|lost|missing|stopped)\b|不能|不了|无法|打不开|连不上|登不上|坏了|失败|报错|错误|崩溃|闪退|卡死|很慢|不见了|用不了/i;
const EN_HOW_TO = /^(?:hi[,!]?\s+|hello[,!]?\s+|hey[,!]?\s+|quick question[:,]?\s*)?(?:how (?:do|can|should|would) (?:i|we|you|one)|how to|how (?:do|can) i get|where (?:do|can) i (?:find|change|set|get|request|see)|is (?:it|there) (?:possible|a way) to|can (?:i|you) (?:set ?up|share|add|give|let|change|enable|disable|configure|install)|what(?:'s| is) the (?:best )?way to|what do i need to do to|is there a guide|any (?:guide|instructions) (?:for|on)|i(?:'d| would) like to know how)\b/i;
const ZH_HOW_TO = /(?:怎么|怎样|如何|咋)(?:才能|可以|能)?(?:把|设置|共享|添加|加|安装|申请|开通|配置|连接|使用|用|改|修改|更改|重置|找回|导出|导入|创建|设|开启|关闭|取消|删除|让|给|做|预约|订|登记|绑定|同步|下载|备份|转发|映射|授权)|(?:在哪里?|去哪里?|哪里可以)(?:设置|申请|修改|下载|找到|查看)|有没有(?:办法|方法|教程)|(?:求|有)教程/;

// "nothing's broken, just want to know how" / "没坏，就是想问问": a fault denied is no fault.
const NOTHING_WRONG = /\b(?:nothing(?:'s| is)? (?:broken|wrong)|(?:it'?s |it is )?not broken|nothing wrong|no (?:problem|issue) (?:as such|really))\b|没(?:有)?(?:坏|故障)|不是(?:故障|坏了)/gi;

// "怕到时候登不上邮箱", "so I don't get locked out", "in case it stops working": a fault feared, not one that happened.
const FEARED_FAULT = /(?:怕|担心|以免|免得|万一|防止)[^。！？\n，,]{0,16}|\b(?:afraid|worried|in case|so (?:that )?i (?:don'?t|do not|won'?t)|before i (?:get|lose))\b[^.!?\n,]{0,50}/gi;

/** The text without the phrases that deny a fault, for the readers that look for one. */
export function withoutDeniedFault(text: string): string {
  return text.replace(NOTHING_WRONG, ' ').replace(FEARED_FAULT, ' ');
}

/** A how-to question: the person wants to know how to do something, nothing is broken. */
export function isHowTo(text: string): boolean {
  if (text.length > 600) return false;
  const t = text.trim();
  if (PROBLEM_WORDS.test(withoutDeniedFault(t))) return false;
  return EN_HOW_TO.test(t) || ZH_HOW_TO.test(t);
}

// Words that say "something is wrong" without saying what; a message of nothing else is a vague opener.
const VAGUE_EN = /\b(?:it['’]s|idk|somethings|something['’]s|smth|sth|dunno|hi|hello|hey|please|help|me|i|i'?m|i'?ve|have|has|got|need|needs|a|an|the|my|it|this|that|thing|things|stuff|something|everything|is|isn'?t|are|does|doesn'?t|did|didn'?t|do|don'?t|not|no|won'?t|can|can'?t|cannot|you|anyone|someone|there|again|still|just|working|work|works|broken|problem|problems|issue|issues|wrong|bad|weird|strange|urgent|asap|some|with|any|stopped|anymore|quick|question|hlp|pls|plz|sos|trouble|having|keeps|going|on|what|and|or|so|to|of|up|for|nothing|today|ugh|argh|again|all|everything|acting|odd|funny|playing|glitchy|buggy|off|up|lately|recently|being|right|its|system|systems|down|crashed|again|look|looking|take|check|at|see|into|out|log|login|logon|sign|signin|in|q|qq|ques|hiya|heya|yo|morning|afternoon|evening|good|guys|team|folks|anybody|free|available|minute|min|sec|second|moment|mate|happening|happened|happens|ffs|omg)\b/gi;
const VAGUE_ZH = /有空|忙不忙|忙吗|方便吗|在不在|弄不了|搞不了|整不了|弄不好|搞不定|喂|怪怪的|不对劲|奇怪|有点怪|有点事|有事|有个问题|有个事|有件事|想问一下|想问|问个问题|问一下|问下|问问|请教一下|请教|咨询一下|帮帮我|帮帮忙|帮我一下|帮我|帮忙|救命|求助|不好用了?|不好使了?|坏了|出问题了?|有问题|有点问题|用不了|不能用了?|不行了|不行|又|了|啊|呀|吧|一下|我|的|这个|那个|东西|请|你好|您好|在吗|急|怎么办|怎么回事|怎么了|又来了|怎么|是|有|点|老是|总是|一直|还是|都|也|就|突然|好像|什么|情况|个|呢|吗|嘛|哦|系统|抽风|出毛病|毛病|崩了|挂了|卡死了|卡了|问题|看看|看下|看一下|瞧瞧|瞅瞅|瞅一眼|处理一下|弄一下|搞一下|弄弄|登不上去|登不上|登录不了|登不进去|进不去|上不去|下/g;

// "idk how to explain it", "不知道怎么描述": they cannot say what is wrong yet.
const CANNOT_SAY = /\b(?:idk|i don'?t know|dunno|not sure) how to (?:explain|describe|say|put) (?:it|this)\b|\bhard to (?:explain|describe)\b|不知道(?:该)?怎么(?:说|描述|形容|讲)|说不清(?:楚)?/i;

/** A vague opener: "help", "it doesn't work", "帮帮我", "不好用了": no device, application or symptom named. */
export function isVague(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  if (t.length <= 80 && CANNOT_SAY.test(t) && !/[?？]\s*\S/.test(t)) return true;
  if (!t || t.length > 60) return false;
  if (!/[\p{L}]/u.test(t)) return false;
  const rest = t.replace(VAGUE_EN, ' ').replace(VAGUE_ZH, ' ').replace(/[\s\p{P}\p{S}\d]+/gu, '');
  return rest.length === 0;
}

/** Only a device or app is named ("电脑", "the printer", "VPN pls"): without the name, nothing but vague words is left. */
export function namesOnly(text: string, thing: string | undefined): boolean {
  if (!thing || text.length > 40) return false;
  const rest = text.normalize('NFKC').replace(new RegExp(thing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'ig'), ' ');
  // "VPN broken" / "电脑坏了" say what is wrong (it does not work): that is logged and asked about. "acting
  // weird", "有问题", "not right" do not: "what happens?" comes first, or the questions would be the wrong ones.
  if (PROBLEM_WORDS.test(rest) || /\b(?:isn'?t|doesn'?t|won'?t|stopped)\b|\bnot (?!right\b)|坏|不行|不好|用不了|不能|出错|故障/i.test(rest)) return false;
  return rest.replace(/[\s\p{P}\p{S}\d]+/gu, '') === '' || isVague(rest);
}
