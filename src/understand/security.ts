import type { SecurityKind } from './types';

const DEVICE = '(?:laptop|notebook|macbook|thinkpad|phone|iphone|ipad|tablet|mobile|device|computer|pc|surface|work phone|company phone|yubikey|security key|badge|usb stick|usb drive)';
// "phone number", "laptop charger" name no lost device.
const NOT_DEVICE = '(?!\\s+(?:number|charger|cable|app|settings|case|bill|call|screen|password))';
const EN: [SecurityKind, RegExp][] = [
  ['ransomware', /\bransom(?:ware)?\b|\bfiles?\b[^.!?\n]{0,40}\b(?:encrypted|renamed to|end(?:s|ing)? (?:in|with)|extension)\b[^.!?\n]{0,20}\.(?:locked|encrypted|crypt|enc|crypted)\b|\.(?:locked|encrypted|crypt)\b[^.!?\n]{0,40}\bfiles?\b|\b(?:encrypted|locked) (?:all )?(?:my |our |the )?files\b|\bpay (?:in )?(?:bitcoin|btc|crypto)\b|\bdecrypt(?:ion)? key\b|\bransom note\b/i],
  ['credentials_phished', /\b(?:entered|typed|put|gave|submitted|filled in|input|used)\b[^.!?\n]{0,25}\b(?:password|credentials|login details|log-?in|username and password|pin|mfa code|2fa code|one[- ]time code)\b[^\n]{0,80}|\b(?:clicked|opened|followed)\b[^.!?\n]{0,60}\b(?:link|email|mail|page|site|attachment)\b[^\n]{0,60}\b(?:entered|typed|put in|gave)\b[^.!?\n]{0,25}\b(?:password|credentials|login)\b/i],
  ['account_compromise', /\b(?:hacked|compromised|hijacked|taken over)\b|\bsomeone (?:else )?(?:logged|signed|is logging|has logged|got) (?:in|into)\b|\b(?:login|sign-?in|logins)s? from (?:an? )?(?:unknown|strange|foreign|other|different) (?:location|country|device|ip)\b|\b(?:sent|sending) (?:e-?mails?|messages?|spam) (?:that )?i (?:didn'?t|did not|never) send\b|\bmfa (?:prompts?|requests?|notifications?) i (?:didn'?t|did not) (?:request|start|trigger)\b|\bunknown (?:mfa|login|sign-?in) (?:prompts?|requests?|attempts?)\b|\bpassword (?:was |got )?changed (?:without me|by someone)\b/i],
  ['malware', /\b(?:malware|virus|trojan|worm|spyware|keylogger|infected|rootkit|botnet)\b|\bspreading\b[^.!?\n]{0,40}\b(?:computers?|machines?|network|pcs)\b|\bpop-?ups? (?:everywhere|keep (?:opening|appearing))\b|\bantivirus (?:alert|warning|found|detected|quarantined)\b|\b(?:defender|crowdstrike|sophos) (?:alert|found|detected|quarantined)\b/i],
  ['lost_device', new RegExp(`\\b(?:lost|misplaced|stolen|can'?t find)\\b[^.!?\\n]{0,25}\\b${DEVICE}\\b${NOT_DEVICE}|\\b${DEVICE}\\b${NOT_DEVICE}[^.!?\\n]{0,30}\\b(?:was|got|has been|been|is) (?:stolen|lost|nicked|taken|missing)\\b|\\b(?:left|forgot) (?:my |our |the |a )?(?:work |company )?${DEVICE}\\b${NOT_DEVICE}[^.!?\\n]{0,30}\\b(?:in|on|at) (?:a |the |my )?(?:taxi|cab|uber|train|bus|plane|flight|airport|restaurant|bar|hotel|subway|metro|station)\\b|\\bsomeone (?:stole|took|nicked) (?:my |our |the )?(?:work |company )?${DEVICE}\\b${NOT_DEVICE}`, 'i')],
  ['data_leak', /\b(?:data (?:leak|breach)|leaked|breach of|exposed (?:customer|personal|client) data)\b|\b(?:sent|emailed|e-mailed|mailed|forwarded|shared)\b[^.!?\n]{0,50}\bto the wrong (?:person|people|recipient|address|customer|client|email|distribution list|group)\b|\b(?:wrong recipient|misdirected email)\b|\bshared\b[^.!?\n]{0,40}\b(?:publicly|with everyone|externally|with the wrong)\b|\bpublic link\b[^.!?\n]{0,40}\b(?:confidential|salary|customer|personal)\b/i],
  ['phishing_report', /\bphish(?:ing|y)?\b|\bsuspicious (?:e-?mail|mail|link|message|text|sms|attachment|call|website|sender)\b|\bscam(?:mer)? (?:e-?mail|mail|call|message)\b|\b(?:fake|spoofed|spoof) (?:e-?mail|mail|invoice|login page|ceo|sender|microsoft)\b|\bpretending to be\b|\bimpersonat(?:ing|ion)\b|\basked (?:me )?for my (?:password|credentials|mfa code|gift cards?)\b|\bgift cards?\b[^.!?\n]{0,40}\b(?:ceo|boss|manager|urgent)\b|\bclicked (?:on )?(?:a |the |an )?(?:link|attachment)\b[^.!?\n]{0,40}\b(?:suspicious|weird|strange|dodgy|fake)\b/i],
];
const ZH_DEVICE = '(?:电脑|笔记本|手机|平板|iPad|ipad|设备|工牌|U盘|u盘|移动硬盘|令牌)';
const ZH: [SecurityKind, RegExp][] = [
  ['ransomware', /勒索|文件(?:都|全)?被加密|(?:后缀|扩展名)(?:都|全)?(?:变成|改成|成了)[^，。！？\n]{0,10}\.?(?:locked|encrypted|crypt)|付比特币|赎金/i],
  ['credentials_phished', /(?:输入|输|填|填写|提交|给)(?:了)?[^，。！？\n]{0,6}(?:密码|账号|验证码|口令)[^\n]{0,6}|(?:点|打开)(?:了|开)[^。！？\n]{0,20}(?:链接|网站|网页|邮件)[^。！？\n]{0,20}(?:输入|输|填)(?:了)?[^，。！？\n]{0,6}(?:密码|账号|验证码)/],
  ['account_compromise', /被盗号|盗号|账号被(?:盗|黑|人登录|入侵)|被黑|被入侵|异地登录|陌生(?:设备|地点)登录|有人(?:登录|登进)了我的|不是我发的邮件|密码被(?:人)?改了|收到不是我发起的(?:验证|MFA)/i],
  ['malware', /中毒|病毒|木马|恶意软件|恶意程序|弹窗(?:广告)?(?:不停|一直|到处)|挖矿程序|杀毒软件(?:报警|提示)/],
  ['lost_device', new RegExp(`${ZH_DEVICE}[^，。！？\\n]{0,12}(?:丢了|丢失|被偷|被盗|遗失|不见了|找不到了|落在)|(?:丢了|丢失了?|遗失了?|被偷了?)[^，。！？\\n]{0,6}${ZH_DEVICE}`)],
  ['data_leak', /泄露|泄漏|发错人|发给了?错误的|误发|发错了?(?:邮件|文件)?(?:给|到)|外泄|公开分享了[^，。！？\n]{0,10}(?:机密|客户|工资)/],
  ['phishing_report', /钓鱼|可疑(?:的)?(?:邮件|链接|短信|电话|附件|网站)|诈骗|冒充|假冒|索要密码|让我提供密码|骗取|假的(?:登录|微软|邮件)/],
];
const NEGATED_CREDENTIALS = /\b(?:didn'?t|did not|never|haven'?t|have not|not)\s+(?:\w+\s+){0,2}(?:enter|type|put|give|submit|fill)|没(?:有)?(?:输入|输|填|给)/i;

/** The security event a message reports, if any; a password typed into a phishing page beats a plain phishing report. */
export function findSecurity(text: string): SecurityKind | undefined {
  const t = text.slice(0, 5_000);
  for (const [kind, re] of [...EN, ...ZH]) {
    const m = re.exec(t);
    if (!m) continue;
    if (kind === 'credentials_phished') {
      // "didn't enter my password" is a report, not a compromise; a password typed anywhere else is ordinary ("I typed my password and it says wrong").
      if (NEGATED_CREDENTIALS.test(t)) continue;
      if (!/\b(?:link|e-?mail|mail|page|site|website|phish|suspicious|fake|form|attachment|popup|pop-up)\b|链接|网站|网页|钓鱼|邮件|可疑|假的|二维码/i.test(t)) continue;
    }
    return kind;
  }
  return undefined;
}
