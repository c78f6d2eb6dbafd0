import type { Category } from '../types/ticket';

// Words that name an area outright, with a weight; an area's hits add up over its entries.
const CUES: [Category, RegExp, number?][] = [
  ['email', /\b(e-?mails?|mailbox|inbox|outlook|bounc\w*|550|signature|calendar|distribution list|dl)\b|邮件|邮箱|退信|收件箱|日历|签名|发件/gi],
  ['account', /\b(password|pwd|passcode|sso|mfa|2fa|otp|authenticator|locked( out)?|log ?in|sign ?in|aadsts|account|accounts|username|permissions?|access rights|new (hire|starter|joiner)|onboard\w*|offboard\w*)\b|密码|账号|帐号|账户|登录|登陆|登不上|验证码|锁定|被锁|权限|入职|离职/gi],
  ['network', /\b(vpn|wi-?fi|wireless|internet|network|ethernet|lan|dns|proxy|firewall|router|switch|ip address|certificate|ssl|bandwidth|ping|phone lines?|telephony|calls? (drop|dropping))\b|网络|断网|上不了网|网速|无线|wifi|vpn|路由|代理|证书|防火墙|电话都打不进|网线/gi],
  ['data', /\b(shared drive|share drive|network drive|file share|folder|files?|restore|recover|backup|database(?! (?:timeout|error|connection|is busy))|db|s: drive|sharepoint|onedrive|disk (full|space)|storage)\b|共享盘|共享文件夹|文件夹|文件|备份|恢复|数据库|网盘|磁盘|硬盘满|[cCdD]盘/gi],
  ['hardware', /\b(laptop|notebook|desktop|pc|computer|diannao|printer|printing|toner|monitor|screen|display|keyboard|mouse|docking station|(?<!\b(?:at|to|from) the |loading )dock(?! (?:doors?|bays?|workers?|staff))|headset|webcam|camera|projector|tv|badge readers?|battery|charger|bsod|blue screen|hard drive|usb|phone)\b|电脑|笔记本|台式机|打印机|打印|硒鼓|墨盒|显示器|屏幕|键盘|鼠标|扩展坞|耳机|摄像头|投影|电视|投屏|门禁|电池|充电器|充电灯|电源灯|指示灯|开关|开不了机|开不开机|不开机|蓝屏|主机|手机/gi],
  ['software', /\b(erp|crm|sap|jira|confluence|figma|salesforce|slack|zoom|teams|excel|word|powerpoint|office|windows|macos|chrome|edge|firefox|browser|app|application|software|install\w*|update|upgrade|licen[cs]e|plugin|add-?in|portal|website|site|build server|ci|git(hub|lab)?|repo(sitory)?|payroll (system|app)|(?!operating\b|file\b)[a-z]+ (?:system|portal|app)|dashboard|report(s|ing)?|integration)\b|\S{1,6}系统|报销|审批|装(?:一下|个|一个)?\s*[a-zA-Z]|官网|门户|钉钉|飞书|企业微信|微信|工资系统|系统崩|代码仓库|浏览器|软件|插件|安装|升级|报表|集成|用友|金蝶|OA|erp|crm|jira|figma|zoom/gi],
  // A named application settles the area more than a file or a share it touches ("Excel quits on a SharePoint file").
  ['software', /\b(erp|crm|sap|jira|confluence|figma|salesforce|slack|zoom|teams|excel|word|powerpoint|ppt|chrome|firefox|acrobat|photoshop|autocad|visio|mes|wms|plm)\b|钉钉|飞书|企业微信|用友|金蝶/gi, 2],
  // A server's error page is the application's fault, whatever the person was doing ("MES登不上 页面报502").
  ['software', /\b(?:50[234]|bad gateway|service unavailable|internal server error|gateway time-?out)\b/gi, 2],
  ['email', /\b(outlook|thunderbird|gmail)\b/gi, 2],
  // A certificate that fails to verify is the certificate's matter, whatever sign-in it stopped ("登不上 提示证书验证失败").
  ['network', /\bcertificate (?:error|invalid|expired|not trusted|untrusted|validation failed|verification failed)\b|\b(?:invalid|expired|untrusted) certificate\b|证书(?:验证|校验)?(?:失败|错误|过期|无效|不受信任)/gi, 2],
  // A VPN client named is the way in, whatever it says it cannot reach: its own errors name a "portal" or a
  // "gateway" (GlobalProtect: "无法连接到门户"), which are the VPN's, not an application's.
  ['network', /\b(?:globalprotect|anyconnect|forticlient|openvpn|wireguard|pulse secure|zscaler)\b/gi, 3],
  // Without the VPN the files are out of reach: the way in is the problem, not the files ("VPN连不上内网拿不到文件").
  ['network', /\b(?:vpn|globalprotect|anyconnect) (?:won['’]?t|can['’]?t|cannot|doesn['’]?t|isn['’]?t|keeps|not)\b|\b(?:can['’]?t|cannot|unable to) (?:connect to|get on(?:to)?|log ?in to|reach) (?:the )?(?:vpn|globalprotect|anyconnect)\b|(?:vpn|globalprotect)(?:连不上|连接不上|登不上|断|连接失败)|(?:连不上|进不了|上不了)内网/gi, 2],
  // Printing and the shared drives gone together, or "between us and the servers": the way to the servers, not a printer or a share.
  ['network', /\bbetween (?:us|me|the office) and the servers?\b|\bcan['’]?t (?:reach|get to|see) (?:the |any (?:of the )?)?(?:file |print )?servers?\b|\bprint(?:ing)?\b[^.!?\n]{0,30}\b(?:or|and|nor) (?:open |access |get (?:on)?to |reach )?(?:the |our |any )?(?:shared|network|mapped) drives?\b|\b(?:shared|network|mapped) drives?\b[^.!?\n]{0,30}\b(?:or|and|nor) (?:to )?print(?:ing)?\b|打印[^，。！？\n]{0,10}(?:和|跟|也|还有|、)[^，。！？\n]{0,6}共享盘|共享盘[^，。！？\n]{0,10}(?:和|跟|也|还有|、)[^，。！？\n]{0,6}打印/gi, 3],
  // A rejected password or a lock-out is an account matter whatever app it was tried in (one app that fails is that app's).
  ['account', /\bpassword (?:is |was )?(?:wrong|incorrect|expired|not accepted)|\bcan['’]?t (?:log ?in|sign ?in|get into|get in)(?: to)? (?:anything|everything)\b|密码(?:不对|错误|过期)|什么都登不上/gi, 2],
  // A leaver's day: the account disabled, the mail forwarded, the kit collected is one account task ("Tom is leaving us this Friday … disable his account").
  ['account', /\b(?:leaver|offboard\w*|is leaving (?:us|the company)|(?:last|final) (?:working )?day (?:is|will be)|disable (?:his|her|their) (?:account|login|access))\b|离职(?:手续|流程|交接)|(?:停用|禁用|注销)(?:他|她)的(?:账号|帐号|邮箱)/gi, 3],
  // A locked user is the account's state, even when the app's own lock-out text names the app and its administrator.
  ['account', /\blocked out\b|\b(?:user|account) (?:is |has been |was |got )?locked\b|被锁|锁定了|账号锁定|帐号锁定/gi, 3],
  // A part of the machine broken: "the hinge on my Lenovo X1 is cracked", "触控板失灵".
  ['hardware', /\b(?:hinge|trackpad|touchpad|keycaps?|fan noise)\b|转轴|合页|触控板|触摸板/gi, 2],
  // A shared office device is the device's problem, whatever it was doing (scan to e-mail, print a PDF).
  ['hardware', /\b(?:printers?|copiers?|photocopiers?|scanners?|mfp|projectors?|monitors?|docking station|(?<!\b(?:at|to|from) the |loading )dock(?! (?:doors?|bays?|workers?|staff))|headsets?|webcams?|keyboards?|mouse|badge readers?)\b|打印机|复印机|扫描仪|投影|显示器|扩展坞|耳机|摄像头|键盘|鼠标|门禁/gi, 2],
  // The device asked for is the request's subject, whatever apps it should run ("I need a loaner laptop … will VPN and Teams work").
  ['hardware', /\b(?:need|want|request|borrow|order|get|have|collect) (?:a |an |the |one )?(?:loaner|loan|spare|new|replacement|temporary|second|travel) (?:laptop|notebook|pc|computer|monitor|screen|phone|headset|dock(?:ing station)?|keyboard|mouse)s?\b|\bloaner\b|借(?:一台|个|台)(?:电脑|笔记本|手机)|备用(?:电脑|笔记本)/gi, 3],
  // Counted in machines: "申请一台测试用的安卓手机", "两台显示器", "测试机" (a device, whatever it is used for).
  ['hardware', /(?:[一两二三四五六七八九十几]|\d+)台(?!风|湾|阶|词|下|上)|测试机|备用机|样机|\b(?:android|iphone|ipad) (?:phone|device|test device)\b|\btest (?:phone|device|handset)\b/gi, 2],
  // What the device does is its own function, not the mail system's: scan to e-mail, scan to folder, 扫描到邮箱.
  ['hardware', /\bscan(?:s|ned|ning)? to (?:e-?mail|folder|my inbox)\b|扫描(?:到|发到)(?:邮箱|邮件|文件夹)/gi, 2],
];

// The taxonomy puts onboarding under account, whatever equipment the new starter also needs.
const ONBOARDING = /\b(new (hire|starter|joiner|employee|colleague)s?|onboard(ing)?|first day|new (?:[a-z-]+ ){1,3}(starts|starting|is starting|joins|joining|is joining|begins|beginning)( on| next| tomorrow| monday| this)?)\b|新(同事|员工|人)(下周|明天|周.|星期.)?(要)?入职(?!培训|典礼|仪式|活动)|入职(?!培训|典礼|仪式|活动)|新来(?:了)?(?:一|一个|一位|个|位|的)?(?:新)?(?:同事|员工)/i;

// Access to a share, a site's files or a database is the data owner's grant (taxonomy: data), not an account matter.
const DATA_ACCESS = /\b(?:(?:read(?:-only)?|write|read\/write|edit|full|folder) )?access (?:to|on|for) (?:the |our |a |my )?[^.!?\n]{0,40}?\b(?:shared drive|share drive|file share|network drive|folder|sharepoint(?: site)?|database|db|(?:read )?replica|schema)\b|\b(?:403|forbidden|access denied|permission denied)\b[^.!?\n]{0,50}\b(?:sharepoint|shared drive|file share|network drive|folder)\b|(?:共享盘|共享文件夹|文件夹|数据库|NAS|nas)[^，。！？\n]{0,30}权限|权限[^，。！？\n]{0,10}(?:共享盘|共享文件夹|数据库)/i;

// Mail on a phone is the mail service's matter (its profile, its sync), not the phone's.
const MOBILE_MAIL = /\b(?:(?:work |company |office )?e-?mails?|outlook|mailbox|inbox)\b[^.!?\n]{0,40}\b(?:on|in|from) (?:my |the |our )?(?:iphone|ipad|android|phone|mobile|tablet|samsung|pixel)\b|\b(?:iphone|ipad|android|phone|mobile|tablet)(?:'s)? (?:e-?mail|mail|outlook|inbox)\b|手机(?:上)?(?:的)?(?:邮件|邮箱|outlook)|(?:邮件|邮箱|outlook)[^，。！？\n]{0,12}(?:在)?手机上/i;

/** An area the taxonomy fixes by the words alone (onboarding is account, access to a share is data, mail on a phone is email), else undefined. */
export function decisiveCategory(text: string): Category | undefined {
  if (ONBOARDING.test(text)) return 'account';
  if (DATA_ACCESS.test(text)) return 'data';
  return MOBILE_MAIL.test(text) ? 'email' : undefined;
}

/** How many cue words of each area a text has. */
export function categoryCues(text: string): Partial<Record<Category, number>> {
  const counts: Partial<Record<Category, number>> = {};
  for (const [category, pattern, weight = 1] of CUES) {
    const hits = (text.match(pattern)?.length ?? 0) * weight;
    if (hits > 0) counts[category] = (counts[category] ?? 0) + hits;
  }
  return counts;
}

/** The area the text names most clearly, if one stands out; else undefined. */
export function cuedCategory(text: string): Category | undefined {
  return standingOut(categoryCues(text));
}

/** The area with the most cue words, unless another has as many; `cues` as {@link categoryCues} counts them. */
export function standingOut(cues: Partial<Record<Category, number>>): Category | undefined {
  const counts = Object.entries(cues) as [Category, number][];
  if (counts.length === 0) return undefined;
  counts.sort((a, b) => b[1] - a[1]);
  const [first, second] = counts;
  return second && second[1] === first![1] ? undefined : first![0];
}
