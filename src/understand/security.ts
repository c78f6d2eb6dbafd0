import type { SecurityKind } from './types';

const DEVICE = '(?:laptop|notebook|macbook|thinkpad|phone|iphone|ipad|tablet|mobile|device|computer|pc|surface|work phone|company phone|yubikey|security key|badge|usb stick|usb drive)';
// "phone number", "laptop charger" name no lost device.
const NOT_DEVICE = '(?!\\s+(?:number|charger|cable|app|settings|case|bill|call|screen|password))';
const ZH_DEVICE = '(?:电脑|笔记本|手机|平板|iPad|ipad|设备|工牌|U盘|u盘|移动硬盘|令牌|thinkpad|ThinkPad|macbook|MacBook|Macbook|laptop|iphone|iPhone|surface|Surface)';

// Every event in the words people use, English and Chinese. Most specific first: "ransomware" beats
// "virus", a password typed into a link beats "phishing", a lost laptop beats "infected".
const EVENTS: [SecurityKind, RegExp[]][] = [
  // A program from a mail run, or a stranger given control of the screen: whatever else the mail was, the
  // computer is the danger now ("解压出来是“传票.exe”，我双击了", "got me to open Quick Assist … they had control").
  ['malware', [
    // Cracked software installed, or the antivirus alert waved through ("破解版的Navicat … 火绒报毒 我点了允许"): whatever else it did, the PC is infected.
    /破解版|注册机|(?:火绒|360|杀毒软件|电脑管家|卡巴斯基|defender)[^。！？\n]{0,10}(?:报毒|报警|提示(?:有)?病毒)|\b(?:cracked|pirated|keygen|warez)\b[^.!?\n]{0,60}\b(?:install(?:ed)?|ran|downloaded)\b|\b(?:install(?:ed)?|ran|downloaded)\b[^.!?\n]{0,60}\b(?:cracked|pirated|keygen)\b/i,
    /\b(?:ran|opened|double[- ]?clicked|clicked on|launched|ran)\b[^.!?\n]{0,40}\.(?:exe|scr|js|vbs|bat|msi|iso|cmd|hta)\b|\.(?:exe|scr|js|vbs|bat|msi|iso|cmd|hta)\b[^.!?\n]{0,40}\b(?:ran|opened|double[- ]?clicked|clicked (?:on )?it|launched)\b|(?:双击|运行|打开|点开)了?[^。！？\n]{0,12}\.(?:exe|scr|js|vbs|bat|msi|iso|cmd|hta)|\.(?:exe|scr|js|vbs|bat|msi|iso|cmd|hta)[^。！？\n]{0,20}(?:双击了|运行了|打开了|点开了|我双击|我点)/i,
    /^(?=[\s\S]*\b(?:external|spooked|scam\w*|fake|suspicious|pretend\w*|claiming|not (?:really )?(?:from )?it|(?:said|saying) (?:they|he|she) (?:were|was) from)\b)(?=[\s\S]*\b(?:(?:had|took|got|gave (?:them|him|her)) (?:remote )?(?:control|access) (?:of|to|over) my (?:screen|laptop|pc|computer|machine|desktop)|(?:quick ?assist|anydesk|teamviewer|screenconnect|ultraviewer)\b[^\n]{0,120}\b(?:code|control|connected|took over)))/i,
    /^(?=[\s\S]*(?:冒充|自称|陌生|骗|假的|不认识))(?=[\s\S]*(?:(?:远程|向日葵|ToDesk|AnyDesk|TeamViewer|快速助手)[^。！？\n]{0,30}(?:控制|操作|连上)(?:了)?(?:我的)?(?:电脑|屏幕)|(?:控制|操作)了我的(?:电脑|屏幕)))/i,
  ]],
  ['ransomware', [
    /\bransom(ware)?\b|\b(files?|documents?|everything)\b[^.!?\n]{0,40}\b(encrypted|renamed to|\.locked|\.crypt|\.encrypted)|\bransom note\b|\.locked\b|\b(?:files?|documents?)\b[^.!?\n]{0,60}\bhave \.[a-z0-9]{3,8} (?:on the end|at the end|added)|\breadme[_-]?(?:decrypt|restore|recover)\w*|\b(?:decrypt|restore)[_-]?(?:files|instructions|readme)\w*|\bend(s|ing)? in \.[a-z0-9]{3,8}\b|\bbitcoin\b|\bhow_to_(recover|decrypt)|\bdecrypt(or|ion)? (key|tool)|比特币|勒索|被加密|文件(名)?(都|全)?(被)?改成|后缀(都|全)?变成|赎金/i,
    /\bransom(?:ware)?\b|\bfiles?\b[^.!?\n]{0,40}\b(?:encrypted|renamed to|end(?:s|ing)? (?:in|with)|extension)\b[^.!?\n]{0,20}\.(?:locked|encrypted|crypt|enc|crypted)\b|\.(?:locked|encrypted|crypt)\b[^.!?\n]{0,40}\bfiles?\b|\b(?:encrypted|locked) (?:all )?(?:my |our |the )?files\b|\bpay (?:in )?(?:bitcoin|btc|crypto)\b|\bdecrypt(?:ion)? key\b|\bransom note\b/i,
    /勒索|文件(?:都|全)?被加密|(?:后缀|扩展名)(?:都|全)?(?:变成|改成|成了)[^，。！？\n]{0,10}\.?(?:locked|encrypted|crypt)|付比特币|赎金/i,
  ]],
  ['credentials_phished', [
    /\b(entered|typed|put|gave|submitted|filled in|keyed in|input)\b[^.!?\n]{0,40}\b(password|credentials|login|pw|pwd)\b|\b(password|credentials)\b[^.!?\n]{0,30}\b(into|on|in) (the|a|that|this) (fake|phishing|suspicious|weird|dodgy)? ?(link|page|site|website|form)|(输入|输了|填了|填写了|提交了|给了)[^，。！？\n]{0,12}(密码|账号密码|凭据)|密码[^，。！？\n]{0,8}(输|填)(进|到|在)?[^，。！？\n]{0,8}(链接|网页|网站|页面)|密码[^，。！？\n]{0,6}(输|填)(进去|了|进)/i,
    /\b(?:entered|typed|put|gave|submitted|filled in|input|used)\b[^.!?\n]{0,25}\b(?:password|credentials|login details|log-?in|username and password|pin|mfa code|2fa code|one[- ]time code)\b[^\n]{0,80}|\b(?:clicked|opened|followed)\b[^.!?\n]{0,60}\b(?:link|email|mail|page|site|attachment)\b[^\n]{0,60}\b(?:entered|typed|put in|gave)\b[^.!?\n]{0,25}\b(?:password|credentials|login)\b/i,
    /(?:输入|输|填|填写|提交|给)(?:了)?[^，。！？\n]{0,6}(?:密码|账号|验证码|口令)[^\n]{0,6}|(?:点|打开)(?:了|开)[^。！？\n]{0,20}(?:链接|网站|网页|邮件)[^。！？\n]{0,20}(?:输入|输|填)(?:了)?[^，。！？\n]{0,6}(?:密码|账号|验证码)/,
      /\b(?:logged|signed) (?:in|on)(?: to it)?\b[^.!?\n]{0,30}\b(?:with|using) my (?:work |company |office |o365 |microsoft |m365 |real )?(?:details|credentials|password|account|login|email and password)\b/i,
    // A page or message that asked for a sign-in, and the person did it ("then it asked me to sign in with okta. i did both").
    /\b(?:asked|made|told|wanted|prompted|got) me to (?:sign|log) ?in\b[^\n]{0,80}?\b(?:i did(?: both| it| that| so)?|and i did|which i did|so i did)\b|\b(?:signed|logged) in\b[^.!?\n]{0,30}\b(?:on|to|through|via) (?:the|that|this|a) (?:fake|weird|dodgy|suspicious|phishing) (?:page|site|link|form)\b/i,
    /(?:让我|要我|要求|提示)[^，。！？\n]{0,12}(?:登录|登陆)[^。！？\n]{0,20}(?:我(?:就|也)?(?:登|登录|登陆|扫)了|照做了|都做了)/,
    // Asked to read out or pass on the code, and did: "asked me to read out the 6 digit code … and i did", "让我把验证码念给他 我就念了".
    /\b(?:asked|wanted|told|got|made) me to (?:read(?: it)?(?: out| back)?|give|tell|send|confirm|share)\b[^.!?\n]{0,60}\b(?:code|passcode|password|pin)\b[^\n]{0,60}\b(?:and i did|i did(?: it| that| so)?|which i did|so i did|i read it|i gave it)\b|(?:让我|要我|叫我)[^。！？\n]{0,10}(?:念|报|读|告诉|发|给)[^。！？\n]{0,16}(?:验证码|动态码|口令|密码)[^\n]{0,30}(?:我(?:就|也)?(?:念|报|读|发|给|说)了|照做了)/i,
    // Told a caller or a message the code or password ("我报给他了", "read the code out to him").
    /(?:验证码|动态码|密码|口令)[^。！？\n]{0,12}(?:报给|告诉|念给|发给|给了)(?:他|她|对方|了)|(?:报|告诉|念|发)给?了?(?:他|她|对方)了?[^。！？\n]{0,6}(?:验证码|动态码|密码)|\b(?:read|told|gave|sent)(?: out)? (?:him|her|them|the caller|the guy|the person|it)?\s?(?:my |the )?(?:mfa |2fa |verification |one[- ]time |sms )?(?:code|password|passcode|pin)\b[^.!?\n]{0,20}\b(?:to (?:him|her|them|the caller|the guy|the person)|over the phone|on the phone)|\b(?:read|told|gave)(?: out)? (?:him|her|them|the caller) (?:my |the )?(?:mfa |2fa |verification |one[- ]time |sms )?(?:code|password|passcode|pin)\b/i,
]],
  ['account_compromise', [
    /\b(hacked|compromised|hijacked|taken over)\b|\bsomeone (else )?(has )?(logged|signed|is logging|got) in(to)? (to )?my\b|\b(unknown|strange|suspicious|unrecognised|unrecognized) (sign[- ]?in|login|log-in)s?\b|\bmy account (is )?sending (spam|emails?|mails?)\b|\b(mfa|2fa|authenticator|push|sign[- ]?in|login|verification) (push |prompts?|requests?|codes?|notifications?)\b[^.!?\n]{0,30}\b(i )?(did ?n[o']?t|did not|never|wasn'?t me|not me)|\bsign[- ]?ins? from (brazil|russia|china|nigeria|another country|abroad|overseas|[a-z]+ (i|that) (don'?t|do not) know)|\b(emails?|mails?|messages?) (from me|in my name)\b[^.!?\n]{0,40}\b(did ?n[o']?t|never|wasn'?t me)|我(根本|从来)?没(有)?发过|不是我(本人)?(发|登|操作)|冒用我的|被黑|盗号|(账号|帐号|邮箱|微信|钉钉|企业微信)(被|让人)(盗|黑|改)|密码被(别人|人)?改|被盗用|有人登录了?我的|(异地|国外|境外|海外)登录|在国外登录|用我的(邮箱|账号|帐号)(给|发|群发)|陌生(设备|地点)?登录|账号(在)?(自动)?(乱)?发(垃圾)?邮件/i,
    /\b(?:hacked|compromised|hijacked|taken over)\b|\bsomeone (?:else )?(?:logged|signed|is logging|has logged|got) (?:in|into)\b|\b(?:login|sign-?in|logins)s? from (?:an? )?(?:unknown|strange|foreign|other|different) (?:location|country|device|ip)\b|\b(?:sent|sending) (?:e-?mails?|messages?|spam) (?:that )?i (?:didn'?t|did not|never) send\b|\bmfa (?:prompts?|requests?|notifications?) i (?:didn'?t|did not) (?:request|start|trigger)\b|\bunknown (?:mfa|login|sign-?in) (?:prompts?|requests?|attempts?)\b|\bpassword (?:was |got )?changed (?:without me|by someone)\b/i,
    /被盗号|盗号|账号被(?:盗|黑|人登录|入侵)|被黑|被入侵|异地登录|陌生(?:设备|地点)登录|有人(?:登录|登进)了我的|不是我发的邮件|密码被(?:人)?改了|收到不是我发起的(?:验证|MFA)/i,
    // A sign-in alert for a new device or a far-away place the person disowns: "在一台新的windows设备上登录了 地点显示莫斯科 … 根本没登过".
    /^(?=[\s\S]*(?:新(?:的)?[^，。！？\n]{0,12}设备|陌生[^，。！？\n]{0,6}设备|不认识的设备|地点(?:显示|是)[^，。！？\n]{1,10}))(?=[\s\S]*登录)(?=[\s\S]*(?:(?:根本|从来)?没(?:有)?(?:登|登录)过|不是我(?:登|本人)?|我(?:人)?(?:一直)?在[^，。！？\n]{1,10}(?:啊|呢|呀)))/,
    /^(?=[\s\S]*\b(?:new|unknown|unrecogni[sz]ed|unfamiliar) (?:device|windows (?:pc|device|laptop)|location|browser)\b)(?=[\s\S]*\b(?:sign(?:ed)?[- ]?in|log(?:ged)?[- ]?in)\b)(?=[\s\S]*(?:\bwasn'?t me\b|\bnot me\b|\bi (?:didn'?t|did not|never|haven'?t)\b|\bi'?m (?:in|at) ))/i,
    // Someone who has left still signing in ("上个月底离职的张伟，昨晚凌晨两点多还在登VPN", "a leaver's account logged in last night").
    /^(?=[\s\S]*(?:离职|已经走了|辞职了))(?=[\s\S]*(?:还在|还能|又)(?:登|登录|登陆|用|上)|[\s\S]*登录记录)/,
    /^(?=[\s\S]*\b(?:left the company|leaver|ex-employee|former (?:employee|colleague|staff member)|(?:quit|resigned|was let go) (?:last|in|on|a few))\b)(?=[\s\S]*\b(?:(?:still )?(?:logging|logged|signing|signed) (?:in|on)|sign-?ins?|logins?) (?:to|on|into|from|at|last|yesterday|this|overnight)\b)/i,
    // "my slack account just posted … I did NOT write that": someone posts or messages as them.
    /\b(?:posted|sent|dm'?e?d|messaged|replied)\b[^\n]{0,200}\bi (?:did ?n[o']?t|did not|never) (?:write|send|post|type) (?:that|this|it|them|those|any of (?:that|it|them))\b|(?:账号|帐号|企业微信|微信|飞书|钉钉|邮箱)[^。！？\n]{0,20}(?:自己|自动)?(?:发了|在发|群发|乱发)[^\n]{0,80}(?:不是我(?:本人)?(?:发|写)的|我(?:根本)?没(?:有)?(?:发|写)(?:过)?)/i,
    // "clients got an 'overdue invoice' email from MY address … I never sent it": someone sends as them.
    /\b(?:e-?mails?|mails?|messages?|invoices?)\b[^\n]{0,80}\bfrom (?:my|our) (?:own )?(?:address|account|mailbox|e-?mail)\b[^\n]{0,80}\bi (?:never|did ?n[o']?t|did not) (?:send|sent|write)\b|用我的(?:邮箱|账号)(?:地址)?[^。！？\n]{0,30}(?:发了|发出|发给)[^\n]{0,40}(?:我没发|不是我发|我没有发)/i,
    // "Sent Items is full of emails I did not send": someone is sending as them.
    /\b(?:e-?mails?|mails?|messages?)\b[^.!?\n]{0,30}\bi (?:did ?n[o']?t|did not|never) (?:send|write|sent)\b|\bsent (?:items|folder)\b[^.!?\n]{0,40}\b(?:didn'?t|did not|never|not mine|not me)\b|已发送[^。！？\n]{0,20}(?:不是我发的|我没发过|我没有发)/i,
      /\b(?:inbox|mail|mailbox|forwarding|outlook) rules?\b[^.!?\n]{0,60}\b(?:never|didn'?t|did not|not mine|don'?t recogni[sz]e|forward)|\bforwards? (?:all )?(?:of )?my (?:e-?)?mails? to (?:an? )?(?:gmail|outside|external|unknown|personal)|不是我(?:建|设置|创建)的规则|规则[^，。！？\n]{0,20}转发到[^，。！？\n]{0,10}(?:外部|陌生|不认识)/i,
    /(?:authenticator|验证器|mfa|MFA|多重验证|双重验证|登录请求|验证请求|登录通知)[^\n]{0,60}(?:没点批准|没(?:有)?批准|一个都没(?:点|批)|都拒绝了?|没在登录|没有登录|不是我)|\b(?:mfa|authenticator|approval|sign[- ]?in|login) (?:requests?|prompts?|notifications?|pushes?)\b[^\n]{0,80}\b(?:didn'?t approve|did not approve|not approving|denied (?:them|all)|keep (?:coming|popping))\b/i,
    /\b(?:mfa|2fa|authenticator|approval|sign[- ]?in|login|verification|duo|okta)\b[^.!?\n]{0,30}\b(?:requests?|prompts?|notifications?|pushes?|codes?)\b[^.!?\n]{0,60}\b(?:not (?:logging|signing) in|(?:wasn'?t|not) me|didn'?t (?:request|ask|start|try)|never (?:asked|requested))|(?:登录|验证|登陆)(?:验证)?(?:请求|提醒|通知|短信|验证码)[^。！？\n]{0,20}(?:没在登录|没有登录|没登录|不是我|我没)/i,
    // A sign-in notice the person disowns: "new sign-in to your account from Brazil, it wasnt me", "登录提醒…不是我".
    /(?<!(?:can'?t|cannot|unable to|won'?t let me|not able to) )\b(?:sign(?:ed)?[- ]?ins?|log(?:ged)?[- ]?ins?|logins?)\b(?! (?:fails?|failed|failing|errors?|issues?|problems?|broken|not working|doesn'?t work))[^!?\n]{0,80}\b(?:(?:it|that) )?(?:wasn'?t me|wasnt me|was not me|not me)\b(?! (?:only|alone|who|that|but|either))|\b(?:sign[- ]?in|log[- ]?in|login)\b[^!?\n]{0,80}\bi (?:didn'?t|did not|never) (?:do that|make (?:it|that)|sign|log)|(?:登录|登陆)[^！？\n]{0,40}(?:不是我(?:本人)?(?:登|操作|干|弄)|不是我(?:本人)?[。！!，,\s]*$|我(?:根本)?没(?:有)?(?:登录|登陆|操作过?))/i,
]],
  ['app_consent', [
    // An app's consent page accepted ("permissions requested … read your mail … I hit Accept"): the app reads the mailbox whatever the password.
    /\bpermissions? requested\b[^\n]{0,200}\b(?:accept(?:ed)?|allow(?:ed)?|approved|granted|said yes)\b|\b(?:app|application|add-?in)\b[^.!?\n]{0,80}\b(?:wanting|wanted|asking|asked|requesting|requested) (?:for )?(?:to )?(?:read|access|permission)\b[^.!?\n]{0,60}\b(?:mail|e-?mails?|files|onedrive|calendar|contacts|inbox)\b[^\n]{0,100}\b(?:accept(?:ed)?|allow(?:ed)?|approved|granted|said yes)\b|\b(?:accepted|allowed|granted|approved|gave)\b[^.!?\n]{0,40}\b(?:app|application|add-?in)\b[^.!?\n]{0,40}\b(?:access|permissions?)\b[^.!?\n]{0,30}\b(?:mail|e-?mails?|files|onedrive|calendar|contacts|inbox|account)\b/i,
    /\b(?:allow|grant|give)\b (?:an? |the )?(?:app|application|add-?in)\b[^.!?\n]{0,60}\bto (?:read|send|access)\b[^.!?\n]{0,40}\b(?:mail|e-?mails?|files|calendar|contacts|inbox)\b[^\n]{0,120}\b(?:accept(?:ed)?|allow(?:ed)?|approved|granted|said yes)\b/i,
    /(?:授权|同意|允许)(?:了)?[^。！？\n]{0,20}(?:应用|app|App|插件)[^。！？\n]{0,20}(?:读取|访问|查看)[^。！？\n]{0,10}(?:邮件|邮箱|文件|日历|通讯录)|(?:应用|app|App|插件)[^。！？\n]{0,20}(?:读取|访问|查看)[^。！？\n]{0,10}(?:邮件|邮箱|文件|日历)[^\n]{0,30}(?:点了|点击了|我就|我)?(?:接受|同意|允许|授权)(?:了)?/,
  ]],
  ['payment_fraud', [
    // Money already paid on a request that turned out to be fake: a "CFO" on chat, changed bank details, gift cards.
    /^(?=[\s\S]*\b(?:paid|transferred|wired|sent (?:the |a )?(?:money|payment|funds|transfer|wire)|made (?:the |a )?(?:payment|transfer)|bought (?:the |some )?gift ?cards?|approved (?:the |a )?(?:payment|transfer))\b)(?=[\s\S]*\b(?:fake|scam(?:mer)?|fraud\w*|impersonat\w*|pretending to be|spoofed|never (?:sent|asked|requested|emailed|messaged|changed|updated)|did ?n[o']?t (?:send|ask|request)|wasn'?t (?:really )?(?:him|her|them|the (?:ceo|cfo|boss|supplier)))\b)/i,
    // Gift cards bought and their codes sent on a boss's say-so from a number that is not theirs.
    /^(?=[\s\S]*\bgift ?cards?\b)(?=[\s\S]*\b(?:bought|purchased|sent (?:him|her|them) (?:the )?(?:codes|photos)|sent (?:photos of )?the codes)\b)(?=[\s\S]*\b(?:(?:isn'?t|is not|wasn'?t|not) (?:his|her|their) (?:usual|normal|real|regular)(?: one| number)?|number (?:isn'?t|is not|wasn'?t) (?:his|her|their)|fake|scam\w*|impersonat\w*|pretending)\b)/i,
    /^(?=[\s\S]*(?:(?:已经?|刚|都)?[^，。！？\n]{0,8}(?:付了|转了|汇了|打了款|打过去了|转过去了|转账了|付款了|汇款了)|(?:转|付|汇)(?:了)?\d+(?:\.\d+)?\s*(?:万|元|块)))(?=[\s\S]*(?:根本没(?:有)?(?:找|让|叫|联系)过我|没(?:有)?(?:让|叫)我(?:转|付|汇)|不是(?:他|她)本人|冒充|假冒|骗子|被骗|诈骗|假的|把我(?:删了|拉黑|踢了|踢出)|不要(?:跟|和|告诉)(?:别人|任何人|其他人)|头像[^，。！？\n]{0,6}名字[^，。！？\n]{0,4}都是))/,
    // The sender vanished or asked for secrecy after the money went: "then he deleted me", "said keep it between us".
    /^(?=[\s\S]*\b(?:paid|transferred|wired|sent (?:the |a )?(?:money|payment|funds|transfer|wire)|made (?:the |a )?(?:payment|transfer))\b)(?=[\s\S]*\b(?:(?:deleted|blocked|removed) me|keep (?:it|this) (?:quiet|confidential|secret|between us)|don'?t tell anyone)\b)/i,
  ]],
  ['lost_device', [
    new RegExp(`\\b(?:lost|misplaced|stolen|can'?t find)\\s+(?:my|our|the|a|an|his|her|their)?\\s*(?:[a-z]+\\s+){0,2}?${DEVICE}\\b${NOT_DEVICE}|\\b${DEVICE}\\b${NOT_DEVICE}[^.!?\\n]{0,30}\\b(?:(?:was|got|has been|been|is) (?:stolen|lost|nicked|taken|missing)|(?:stolen|nicked))\\b|\\b(?:left|forgot) (?:my |our |the |a )?(?:work |company )?${DEVICE}\\b${NOT_DEVICE}[^.!?\\n]{0,30}\\b(?:in|on|at) (?:an? |the |my )?(?:[\\w:.-]+ ){0,2}?(?:taxi|cab|uber|train|bus|plane|flight|airport|restaurant|bar|hotel|subway|metro|station)\\b|\\bsomeone (?:stole|took|nicked) (?:my |our |the )?(?:work |company )?${DEVICE}\\b${NOT_DEVICE}`, 'i'),
    new RegExp(`${ZH_DEVICE}[^，。！？\\n]{0,12}(?:丢了|丢失|被偷|被盗|遗失|不见了|找不到了|落在|丢在|忘在|掉在|落到)|(?:丢了|丢失了?|遗失了?|被偷了?)[^，。！？\\n]{0,6}${ZH_DEVICE}`),
      new RegExp(`\\b(?:stole|stolen|took|taken|nicked|lost|left|snatched)\\b[^.!?\\n]{0,25}\\b(?:bag|backpack|rucksack|briefcase|suitcase|luggage)\\b(?:[^.!?\\n]{0,50}\\b${DEVICE}\\b${NOT_DEVICE}|[^\\n]{0,50}?\\b${DEVICE}\\b${NOT_DEVICE}[^.!?\\n]{0,15}\\b(?:was|were) in (?:it|there|the bag))|\\b(?:bag|backpack|rucksack|briefcase|suitcase|luggage)\\b[^.!?\\n]{0,25}\\b(?:stolen|nicked|taken|lost|snatched)\\b[^.!?\\n]{0,50}\\b${DEVICE}\\b${NOT_DEVICE}`, 'i'),
    new RegExp(`(?:包|背包|书包|双肩包|行李|箱子)[^，。！？\\n]{0,10}(?:被偷|被盗|丢了|丢失|被抢|没了|不见了)[^。？\\n]{0,24}${ZH_DEVICE}`),
    // A break-in, a robbery: "they took my work laptop" is a theft when burglars or the police are in the message.
    new RegExp(`^(?=[\\s\\S]*\\b(?:broken into|broke into|break-?in|burgl\\w*|robbed|mugged|thie(?:f|ves)|police|crime reference)\\b)(?=[\\s\\S]*\\b(?:took|taken|grabbed|snatched|gone with)\\b[^.!?\\n]{0,30}\\b${DEVICE}\\b${NOT_DEVICE})`, 'i'),
]],
  ['intruder', [
    // Someone nobody knows, on the premises, at the network or the servers: "a guy I don't recognise … his own laptop plugged into the network port".
    /^(?=[\s\S]*\b(?:(?:guy|man|woman|person|someone|somebody|bloke|people) (?:i|we) (?:don'?t|do not|didn'?t) (?:recogni[sz]e|know)|stranger|unknown (?:man|woman|person|guy|visitor)|no (?:visitor |staff )?(?:badge|pass|lanyard)|without (?:a )?(?:visitor )?(?:badge|pass)|tailgat\w*|unauthori[sz]ed (?:person|visitor|people))\b)(?=[\s\S]*\b(?:network (?:port|socket|point|cable|jack)|ethernet|lan (?:port|cable)|patch (?:panel|cable)|plugged (?:in|into)|server room|comms room|wiring (?:closet|cupboard)|data cent(?:er|re)|(?:his|her|their) own laptop|rack)\b)/i,
    /^(?=[\s\S]*(?:陌生人|不认识的人|陌生(?:男|女)子?|没(?:有)?(?:戴|挂)?(?:工牌|访客证|胸牌)|没登记的|尾随))(?=[\s\S]*(?:网口|网线|插着|插了|接了|机房|弱电间|交换机|服务器|自己的(?:笔记本|电脑)))/,
  ]],
  ['secret_exposed', [
    // A key or token of a system made public (pushed to a public repository, pasted on a site).
    /\b(?:api|access|secret|aws|azure|gcp|private|ssh|deploy)[ -]?(?:keys?|tokens?)\b[^\n]{0,160}\b(?:public|github|gitlab|pastebin|pushed|committed|leaked|exposed)\b|\b(?:pushed|committed|posted|pasted|uploaded)\b[^\n]{0,160}\b(?:api|access|secret|aws|azure|gcp|private|ssh|deploy)[ -]?(?:keys?|tokens?)\b/i,
    /(?:密钥|秘钥|AccessKey|access key|AK|SK|token|Token)[^。！？\n]{0,30}(?:传到|提交到|推到|泄露|公开|发到)|(?:传到|提交到|推到|发到)[^。！？\n]{0,20}(?:github|gitlab|公开仓库|网上|群里)[^。！？\n]{0,30}(?:密钥|秘钥|AccessKey|AK|SK|token)/i,
  ]],
  ['data_leak', [
    // Company data pasted into a public AI chatbot or a personal account: it has left the company.
    /^(?=[\s\S]*\b(?:pasted|uploaded|put|copied|fed|dumped|shared|gave)\b[^.!?\n]{0,80}\b(?:into|in|to|with) (?:the |a |my )?(?:chat ?gpt|gpt|claude|gemini|bard|deepseek|perplexity|(?:free |public |an? )?(?:ai|llm) (?:tool|chatbot|bot|website|site)|personal (?:gmail|dropbox|google drive|account|e-?mail|onedrive))\b)(?=[\s\S]*\b(?:customers?|clients?|patients?|names|e-?mails|phone numbers|addresses|contracts?|salar(?:y|ies)|personal (?:data|details)|confidential|source code|contract values|card numbers)\b)/i,
    /^(?=[\s\S]*(?:粘贴|贴|复制|上传|发|丢|喂)(?:了|到|进|给)?[^。！？\n]{0,20}(?:ChatGPT|chatgpt|GPT|DeepSeek|deepseek|文心一言|豆包|Kimi|kimi|通义|元宝|个人(?:邮箱|网盘|微信)))(?=[\s\S]*(?:客户|名单|身份证|手机号|电话|合同|工资|薪资|个人信息|源码|源代码|机密))/,
    /\b(sent|emailed|shared|forwarded|mailed)\b[^.!?\n]{0,50}\b(to the wrong|to an? (external|wrong|outside)|wrong (person|recipient|customer|address)|outside the company)|\bdata (leak|breach)\b|\bleaked\b|\b(posted|published|dumped|exposed)\b[^.!?\n]{0,40}\b(public|online|internet|paste)|发错(了)?(人|邮件|给)|误发|发到[^，。！？\n]{0,12}(外部|供应商|客户|别的公司)[^，。！？\n]{0,4}(群|邮箱)?|撤回不了|撤不回|\b(emailed|sent|forwarded|mailed|shared|posted)\b[^.!?\n]{0,80}\b(to|with) (a|an|the|our)? ?(supplier|vendor|customer|client|external|outside|wrong|public)\b[^.!?\n]{0,40}\b(instead|by mistake|accident|wrong)|\binstead of (our|the|my)\b[^.!?\n]{0,40}|(发给|发到|转给|转发给)了?(外部|外面|公司外|错的|别的公司|供应商)|泄露|泄漏|外泄/i,
    /\b(?:data (?:leak|breach)|leaked|breach of|exposed (?:customer|personal|client) data)\b|\b(?:sent|emailed|e-mailed|mailed|forwarded|shared)\b[^.!?\n]{0,50}\bto the wrong (?:person|people|recipient|address|customer|client|email|distribution list|group)\b|\b(?:wrong recipient|misdirected email)\b|\bshared\b[^.!?\n]{0,40}\b(?:publicly|with everyone|externally|with the wrong)\b|\bpublic link\b[^.!?\n]{0,40}\b(?:confidential|salary|customer|personal)\b/i,
    /泄露|泄漏|发错人|发给了?错误的|误发|发错了?(?:邮件|文件)?(?:给|到)|外泄|公开分享了[^，。！？\n]{0,10}(?:机密|客户|工资)/,
    // The wrong file sent out, with personal or payment data in it: "emailed the supplier the wrong spreadsheet - the card numbers".
    /^(?=[\s\S]*\b(?:sent|emailed|e-mailed|mailed|forwarded|attached|shared|uploaded|posted|pasted|dropped)\b)(?=[\s\S]*\b(?:(?:the )?wrong (?:file|attachment|spreadsheet|document|version|sheet|report|export|workbook)|by mistake|accidentally|by accident|in error)\b)(?=[\s\S]*\b(?:card (?:numbers?|details)|credit cards?|bank (?:details|accounts?)|account numbers|names?,? (?:and )?(?:home )?addresses|personal (?:data|details|information)|passports?|national insurance|social security|ssns?|salar(?:y|ies)|payroll|medical|patients?|customer (?:data|list|details|records|information)|dates? of birth)\b)/i,
    /^(?=[\s\S]*(?:发错(?:了)?(?:附件|文件|表格|表|群|人|地方)|(?:附件|文件|表格|表|excel|清单)(?:发|传)错|发到了?[^，。！？\n]{0,12}(?:外包|外部|供应商|客户|别的公司)[^，。！？\n]{0,6}群))(?=[\s\S]*(?:身份证|银行卡|卡号|手机号|住址|地址|工资|薪资|客户(?:信息|资料|名单|数据)|个人信息|病历|患者))/,
  ]],
  ['malware', [
    // A fake update: the page said the app was out of date and the person downloaded or ran what it offered.
    /\b(?:said|says|claimed|told me|warned)\b[^.!?\n]{0,40}\b(?:out of date|outdated|needs? (?:an? )?update|update required|must update)\b[^\n]{0,80}\b(?:download(?:ed)?|install(?:ed)?|ran|run)\b|(?:提示|说|显示)[^，。！？\n]{0,10}(?:版本过低|需要更新|要更新|过期)[^。！？\n]{0,30}(?:下载|安装|运行)了/i,
    /\b(malware|virus|trojan|worm|spyware|keylogger|infected)\b|\bpop-?ups? (everywhere|keep)|病毒|木马|中毒|恶意软件|被植入|报毒|互相传染|到处弹窗/i,
    /\b(?:malware|virus|trojan|worm|spyware|keylogger|infected|rootkit|botnet)\b|\bspreading\b[^.!?\n]{0,40}\b(?:computers?|machines?|network|pcs)\b|\bpop-?ups? (?:everywhere|keep (?:opening|appearing))\b|\bantivirus (?:alert|warning|found|detected|quarantined)\b|\b(?:defender|crowdstrike|sophos) (?:alert|found|detected|quarantined)\b/i,
    // Someone else moving the pointer and opening things: remote control, whatever installed it. A pointer that
    // only jumps or double-clicks is a worn mouse or touchpad.
    /\b(?:mouse|cursor|pointer)\b[^.!?\n]{0,30}\bmov(?:ing|es|ed)\b[^.!?\n]{0,30}\b(?:by itself|on its own|itself)\b[^\n]{0,80}\b(?:open(?:ing|ed|s)?|typ(?:ing|ed)|launch(?:ing|ed)|click(?:ing|ed) on)\b|\bsomeone (?:is |was )?(?:remote(?:ly)? )?controll?ing my (?:computer|laptop|pc|screen|machine)\b/i,
    /鼠标[^，。！？\n]{0,6}(?:自己|自动)[^，。！？\n]{0,4}(?:在)?(?:动|移动|乱动|跑)[^\n]{0,30}(?:打开|点开|输入|弹出|运行)|(?:有人|被人)[^，。！？\n]{0,6}(?:远程)?(?:控制|操控|操作)(?:了)?(?:我的)?(?:电脑|笔记本)/,
    /中毒|病毒|木马|恶意软件|恶意程序|弹窗(?:广告)?(?:不停|一直|到处)|挖矿程序|杀毒软件(?:报警|提示)/,
    // A crypto-miner, or a process nobody installed that comes back when killed.
    /\b(?:xmrig|cryptominer|crypto[- ]?miner|coin ?miner|monero miner)\b|\bmining (?:process|software|malware)\b|\b(?:process|service)\b[^.!?\n]{0,60}\b(?:not ours|(?:we|i) (?:didn'?t|did not|never) install(?:ed)?|nobody installed)\b|挖矿|进程[^。！？\n]{0,30}不是我(?:们)?装的|不是我(?:们)?装的[^。！？\n]{0,10}进程|(?:kill|杀)掉[^。！？\n]{0,10}(?:又起来|又出现|又启动)/i,
    // A found USB stick plugged in (the oldest bait), and the USB worm that turns folders into shortcuts.
    /\b(?:found|picked up|someone left|was handed)\b[^\n]{0,60}\b(?:usb|thumb ?drive|flash ?drive|memory stick|pen ?drive)\b[^\n]{0,80}\b(?:plugged|inserted|stuck|put) (?:it |that |the \w+ )?in|\b(?:folders?|files?)\b[^.!?\n]{0,30}\b(?:turned|changed|became|are now|all) (?:in)?to shortcuts\b/i,
    /(?:捡到|捡了|捡的|地上|停车场|路上)[^。！？\n]{0,20}(?:U盘|u盘|优盘)[^。！？\n]{0,30}(?:插|接)|(?:文件|文件夹)[^，。！？\n]{0,10}(?:都|全|全部)?变成(?:了)?快捷方式|插过[^，。！？\n]{0,8}(?:U盘|u盘|优盘)[^，。！？\n]{0,10}都(?:这样|中|有)/,
  ]],
  ['phishing_report', [
    /\bphish(ing|y)?\b|\b(verify|confirm|update|validate)\b[^.!?\n]{0,20}\b(bank|account|password|payment|card|identity|details|mailbox)\b[^.!?\n]{0,40}\b(link|mail|e-?mail|page|site)\b|\b(link|e-?mail|mail)\b[^.!?\n]{0,60}\b(verify|confirm)\b[^.!?\n]{0,20}\b(bank|account|password|details)\b|\blooks? (fake|dodgy|suspicious|like a scam)\b|\bgift ?cards?\b|(让我|要求|要我)(验证|确认|更新|填写)[^，。！？\n]{0,10}(银行卡|工资卡|账户|账号|密码|信息)|验证(工资卡|银行卡|账户)|(要|让我|叫我)?点(击)?链接(验证|登录|确认|领取)|链接验证|\b(suspicious|weird|strange|fake|dodgy|scam) (e-?mail|mail|message|link|text|call|sms)\b|\bscam\b|\bpretending to be\b|\bimpersonat|钓鱼|可疑(的)?(邮件|链接|短信|电话)|诈骗|冒充|假冒/i,
    /\bphish(?:ing|y)?\b|\bsuspicious (?:e-?mail|mail|link|message|text|sms|attachment|call|website|sender)\b|\bscam(?:mer)? (?:e-?mail|mail|call|message)\b|\b(?:fake|spoofed|spoof) (?:e-?mail|mail|invoice|login page|ceo|sender|microsoft)\b|\bpretending to be\b|\bimpersonat(?:ing|ion)\b|\basked (?:me )?for my (?:password|credentials|mfa code|gift cards?)\b|\bgift cards?\b[^.!?\n]{0,40}\b(?:ceo|boss|manager|urgent)\b|\bclicked (?:on )?(?:a |the |an )?(?:link|attachment)\b[^.!?\n]{0,40}\b(?:suspicious|weird|strange|dodgy|fake)\b/i,
    /钓鱼|可疑(?:的)?(?:邮件|链接|短信|电话|附件|网站)|诈骗|冒充|假冒|索要密码|让我提供密码|骗取|假的(?:登录|微软|邮件)/,
      /\b(?:dodgy|suspicious|fake|weird|sketchy|shady)(?:[- ]looking)? (?:invoice|e-?mail|mail|message|link|attachment|sender|text)s?\b|\blooking (?:dodgy|suspicious|fake|sketchy)\b|@[a-z0-9.-]*(?:micr0soft|micros0ft|micr0s0ft|m1crosoft|rnicrosoft|paypa1|g00gle|arnazon|0ffice|0utlook)|\b(?:re-?validate|re-?activate|re-?verify)\b[^.!?\n]{0,40}\b(?:link|mailbox|account|password)\b|\b(?:link|mailbox|account|password)\b[^.!?\n]{0,40}\b(?:re-?validate|re-?activate|re-?verify)\b/i,
]],
];

// Typing a password is only an event on a page someone sent: "entered my password 3 times, now locked" is not.
// A caller or a message that asked for it counts as much as a page ("someone from 'IT' called", "自称IT的人打电话").
const PHISH_CONTEXT = /\b(text|sms|qr|link|e-?mail|mail|page|site|website|form|phish\w*|suspicious|fake|weird|dodgy|scam|pop-?up|sms|text message|caller|phone call|over the phone|on the phone|(?:someone|somebody|(?:some|a) (?:guy|man|woman|person|bloke|lady)|they|he|she) (?:called|rang|phoned)|claiming|pretending|(?:said|saying) (?:they|he|she) (?:were|was) from)\b|链接|邮件|网站|网页|页面|钓鱼|可疑|短信|二维码|电话|来电|自称|冒充/i;
const ACTED = /\b(tapped|clicked|opened|downloaded|ran|installed|scanned)\b|点了|点击了|点开了|打开了|下载了|扫了/i;
const NOT_CLICKED = /\b(did ?n[o']?t|did not|have ?n[o']?t|never|without) (click|open|enter|type|reply)|\b(nobody|no one|noone|none of us) (has |have )?(clicked|opened|entered|replied)|没(有)?(人)?(点|打开|输入|回复)|未(点击|打开)/i;

/**
 * The security event a message reports, if any. A phishing mail the person did not act on is a report,
 * not a compromise; a password typed anywhere but a link or page is ordinary ("I typed my password and
 * it says wrong"); "lost" needs a device ("lost my train of thought", "dropped my laptop" are not events).
 */
export function findSecurity(raw: string): SecurityKind | undefined {
  const text = raw.slice(0, 5_000);
  for (const [event, patterns] of EVENTS) {
    if (!patterns.some((p) => p.test(text))) continue;
    if (event === 'credentials_phished' && !PHISH_CONTEXT.test(text)) continue;
    if (event === 'credentials_phished' && NOT_CLICKED.test(text)) return 'phishing_report';
    // Acting on a phishing mail (the link clicked, the attachment opened) is a compromise until shown otherwise.
    if (event === 'phishing_report' && ACTED.test(text) && !NOT_CLICKED.test(text)) return 'credentials_phished';
    return event;
  }
  return undefined;
}

const RAN_SOMETHING = /\b(?:downloaded|installed|ran|executed|opened the (?:attachment|file)|(?:made|had|got) me (?:to )?(?:download|install|run))\b|下载了|安装了|运行了|双击了|打开了(?:附件|文件)/i;
const DID_NOT_RUN = /\b(?:did ?n[o']?t|did not|never|without) (?:download|install|run|open)|没(?:有)?(?:下载|安装|运行|打开)/i;

/** Whether the person ran or installed something the message or page offered: a phished sign-in may have brought malware too. */
export function ranSomething(raw: string): boolean {
  const text = raw.slice(0, 5_000);
  return RAN_SOMETHING.test(text) && !DID_NOT_RUN.test(text);
}
