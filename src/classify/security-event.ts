import type { SecurityEvent } from '../engine/advice';

// Most specific first: "ransomware" beats "virus", "typed my password into the link" beats "phishing".
const EVENTS: [SecurityEvent, RegExp][] = [
  ['ransomware', /\bransom(ware)?\b|\b(files?|documents?|everything)\b[^.!?\n]{0,40}\b(encrypted|renamed to|\.locked|\.crypt|\.encrypted)|\bransom note\b|\.locked\b|\bend(s|ing)? in \.[a-z0-9]{3,8}\b|\bbitcoin\b|\bhow_to_(recover|decrypt)|\bdecrypt(or|ion)? (key|tool)|比特币|勒索|被加密|文件(名)?(都|全)?(被)?改成|后缀(都|全)?变成|赎金/i],
  ['credentials_phished', /\b(entered|typed|put|gave|submitted|filled in|keyed in|input)\b[^.!?\n]{0,40}\b(password|credentials|login|pw|pwd)\b|\b(password|credentials)\b[^.!?\n]{0,30}\b(into|on|in) (the|a|that|this) (fake|phishing|suspicious|weird|dodgy)? ?(link|page|site|website|form)|(输入|输了|填了|填写了|提交了|给了)[^，。！？\n]{0,12}(密码|账号密码|凭据)|密码[^，。！？\n]{0,8}(输|填)(进|到|在)?[^，。！？\n]{0,8}(链接|网页|网站|页面)|密码[^，。！？\n]{0,6}(输|填)(进去|了|进)/i],
  ['account_compromise', /\b(hacked|compromised|hijacked|taken over)\b|\bsomeone (else )?(has )?(logged|signed|is logging|got) in(to)? (to )?my\b|\b(unknown|strange|suspicious|unrecognised|unrecognized) (sign[- ]?in|login|log-in)s?\b|\bmy account (is )?sending (spam|emails?|mails?)\b|\b(mfa|2fa|authenticator|push|sign[- ]?in|login|verification) (push |prompts?|requests?|codes?|notifications?)\b[^.!?\n]{0,30}\b(i )?(did ?n[o']?t|did not|never|wasn'?t me|not me)|\bsign[- ]?ins? from (brazil|russia|china|nigeria|another country|abroad|overseas|[a-z]+ (i|that) (don'?t|do not) know)|\b(emails?|mails?|messages?) (from me|in my name)\b[^.!?\n]{0,40}\b(did ?n[o']?t|never|wasn'?t me)|我(根本|从来)?没(有)?发过|不是我(本人)?(发|登|操作)|冒用我的|被黑|盗号|(账号|帐号|邮箱|微信|钉钉|企业微信)(被|让人)(盗|黑|改)|密码被(别人|人)?改|被盗用|有人登录了?我的|(异地|国外|境外|海外)登录|在国外登录|用我的(邮箱|账号|帐号)(给|发|群发)|陌生(设备|地点)?登录|账号(在)?(自动)?(乱)?发(垃圾)?邮件/i],
  ['lost_device', /\b(lost|left|forgot|misplaced|dropped)\b[^.!?\n]{0,30}\b(laptop|phone|iphone|mobile|tablet|ipad|macbook|notebook|device|computer)\b|\b(laptop|phone|iphone|mobile|tablet|ipad|macbook|device|computer|bag)\b[^.!?\n]{0,25}\b(stolen|was nicked|got stolen|is missing|lost)\b|\bstolen\b|(笔记本|电脑|手机|平板|iPad|设备|包)[^，。！？\n]{0,10}(丢了|丢失|遗失|被偷|被盗|落在|找不到了)|(丢了|丢失了|遗失了|弄丢了)[^，。！？\n]{0,10}(笔记本|电脑|手机|平板|设备)/i],
  ['data_leak', /\b(sent|emailed|shared|forwarded|mailed)\b[^.!?\n]{0,50}\b(to the wrong|to an? (external|wrong|outside)|wrong (person|recipient|customer|address)|outside the company)|\bdata (leak|breach)\b|\bleaked\b|\b(posted|published|dumped|exposed)\b[^.!?\n]{0,40}\b(public|online|internet|paste)|发错(了)?(人|邮件|给)|误发|发到[^，。！？\n]{0,12}(外部|供应商|客户|别的公司)[^，。！？\n]{0,4}(群|邮箱)?|撤回不了|撤不回|\b(emailed|sent|forwarded|mailed|shared|posted)\b[^.!?\n]{0,80}\b(to|with) (a|an|the|our)? ?(supplier|vendor|customer|client|external|outside|wrong|public)\b[^.!?\n]{0,40}\b(instead|by mistake|accident|wrong)|\binstead of (our|the|my)\b[^.!?\n]{0,40}|(发给|发到|转给|转发给)了?(外部|外面|公司外|错的|别的公司|供应商)|泄露|泄漏|外泄/i],
  ['malware', /\b(malware|virus|trojan|worm|spyware|keylogger|infected)\b|\bpop-?ups? (everywhere|keep)|病毒|木马|中毒|恶意软件|被植入|报毒|互相传染|到处弹窗/i],
  ['phishing_report', /\bphish(ing|y)?\b|\b(verify|confirm|update|validate)\b[^.!?\n]{0,20}\b(bank|account|password|payment|card|identity|details|mailbox)\b[^.!?\n]{0,40}\b(link|mail|e-?mail|page|site)\b|\b(link|e-?mail|mail)\b[^.!?\n]{0,60}\b(verify|confirm)\b[^.!?\n]{0,20}\b(bank|account|password|details)\b|\blooks? (fake|dodgy|suspicious|like a scam)\b|\bgift ?cards?\b|(让我|要求|要我)(验证|确认|更新|填写)[^，。！？\n]{0,10}(银行卡|工资卡|账户|账号|密码|信息)|验证(工资卡|银行卡|账户)|(要|让我|叫我)?点(击)?链接(验证|登录|确认|领取)|链接验证|\b(suspicious|weird|strange|fake|dodgy|scam) (e-?mail|mail|message|link|text|call|sms)\b|\bscam\b|\bpretending to be\b|\bimpersonat|钓鱼|可疑(的)?(邮件|链接|短信|电话)|诈骗|冒充|假冒/i],
];

// Typing a password is only an event on a page someone sent: "entered my password 3 times, now locked" is not.
const PHISH_CONTEXT = /\b(link|e-?mail|mail|page|site|website|form|phish\w*|suspicious|fake|weird|dodgy|scam|pop-?up|sms|text message)\b|链接|邮件|网站|网页|页面|钓鱼|可疑|短信|二维码/i;
const ACTED = /\b(clicked|opened|downloaded|ran|installed|scanned)\b|点了|点击了|点开了|打开了|下载了|扫了/i;
const NOT_CLICKED = /\b(did ?n[o']?t|did not|have ?n[o']?t|never|without) (click|open|enter|type|reply)|没(有)?(点|打开|输入|回复)|未(点击|打开)/i;

/**
 * The security event a message reports, if any. A phishing mail the person did not act on is a report,
 * not a compromise; "lost" needs a device ("lost my train of thought" is not an event).
 */
export function detectSecurityEvent(text: string): SecurityEvent | undefined {
  for (const [event, pattern] of EVENTS) {
    if (!pattern.test(text)) continue;
    if (event === 'credentials_phished' && !PHISH_CONTEXT.test(text)) continue;
    if (event === 'credentials_phished' && NOT_CLICKED.test(text)) return 'phishing_report';
    // Acting on a phishing mail (the link clicked, the attachment opened) is a compromise until shown otherwise.
    if (event === 'phishing_report' && ACTED.test(text) && !NOT_CLICKED.test(text)) return 'credentials_phished';
    return event;
  }
  return undefined;
}

/** How widely a security event threatens the organisation (impact) — all are urgency 1. */
export function securityImpact(event: SecurityEvent, spreading: boolean): 1 | 2 | 3 {
  if (event === 'ransomware' || spreading) return 1;
  // A phishing mail nobody acted on is worth a look, not an emergency.
  if (event === 'phishing_report') return 3;
  return 2;
}
