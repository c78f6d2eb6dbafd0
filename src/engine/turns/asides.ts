/**
 * Answers to an aside on an open ticket, given before the conversation goes on: questions about evidence on a
 * security ticket, someone who acted on the lure after the report, and the way round a dead device.
 */
import type { Lang } from '../../types/conversation';
import type { Ticket } from '../../types/ticket';

type Text = Record<Lang, string>;

// A question, not a report: "should I…", "can I…", "要不要…", "…吗", a question mark.
const ASKS = /[?？]|\b(?:should|shall|can|could|may|do|must) (?:i|we)\b|要不要|需不需要|该不该|可不可以|能不能|可以|需要|吗|么/i;
// Passing the link or the mail on, even as a warning ("forward it to the team so they know", "转给同事们提醒一下").
const FORWARD = /\b(?:forward|send|share|post)\w*\b[^.!?\n]{0,40}\b(?:colleagues|everyone|everybody|team|others|people|coworkers)\b|\bwarn (?:my |the )?(?:colleagues|everyone|everybody|team|others|people)\b|转发|转给|发给(?:同事|大家|别人|其他人)|提醒(?:一下)?(?:同事|大家|其他人)/i;
const DELETE = /\b(?:delete|remove|erase|clear|wipe)\b|删(?:掉|除)?|清(?:掉|除|空)/i;
// Something others received (a post in a channel, messages sent in the person's name): a link others may still click.
const SEEN_BY_OTHERS = /\b(?:post(?:ed)?|channel|#\w+|dms?|messages? (?:it |that )?sent|general)\b|群(?:里|消息)?|频道|发出去的/i;
// How to change a password (the mail's, the account's): "how do I change my email password?", "邮箱的要怎么弄".
const PASSWORD_HOW = /\bhow\b[^.?!\n]{0,40}\bpassword|\bpassword\b[^.?!\n]{0,30}\bhow\b|(?:改|修改|重置|换)[^。？?\n]{0,6}密码[^。？?\n]{0,6}(?:怎么|如何|怎样)|密码[^。？?\n]{0,12}(?:怎么|如何|怎样)|(?:邮箱|邮件)[^。？?\n]{0,4}(?:要)?怎么(?:弄|办|改)/i;

// A building pass or badge that went with the device: "should I cancel the building pass as well?", "门禁卡要挂失吗".
const BUILDING_PASS = /\b(?:building|door|office|access|security|id) ?(?:pass|badge|card|fob)\b|\bbadge\b|门禁卡|工牌|门卡|胸卡/i;
// The USB stick that brought it: "usb is still in, take it out?", "U盘要拔掉吗".
const THE_STICK = /\b(?:usb|stick|thumb ?drive|flash ?drive|memory stick)\b|U盘|u盘|优盘/i;

const CANCEL_PASS: Text = {
  en: "Yes, please report the pass lost to facilities (or reception) now, so it is blocked before anyone uses it; they issue a new one. I've added it to the ticket so the security team knows.",
  zh: '需要：请现在就向行政（或前台）挂失，让这张卡在被人使用前失效，他们会给您补办新卡。我已把这一点记到工单里，安全团队也会知道。',
};
const KEEP_THE_STICK: Text = {
  en: "Yes, take it out now and put it aside: don't plug it into anything else, and don't throw it away, the security team will want to look at it. Keep the computer switched on and off the network until they contact you.",
  zh: '可以，现在就拔下来放在一边：不要再插到任何电脑上，也不要扔掉，安全团队需要检查它。电脑保持开机、保持断网，等安全团队联系您。',
};
const DONT_FORWARD: Text = {
  en: "Please don't forward the link or the message, not even as a warning: a colleague might click it. The security team warns everyone and blocks the link.",
  zh: '请不要转发这个链接或消息，即使是为了提醒同事也不要：别人可能会误点。安全团队会统一提醒大家并封锁这个链接。',
};
const SCREENSHOT_THEN_DELETE: Text = {
  en: 'Take a screenshot of it first (with the link visible): the security team needs it as evidence. Then delete it, so nobody else clicks; the security team tells the people who received it.',
  zh: '请先截图保存（包括其中的链接），安全团队需要它作为证据；然后再删除，免得其他人误点。安全团队会通知收到消息的人。',
};
const KEEP_EVIDENCE: Text = {
  en: "Please don't delete it: keep the chat, mails and call logs as they are. The security team (and the bank or the police, if money was involved) need them as evidence.",
  zh: '请不要删除：聊天记录、邮件和通话记录都请原样保留，安全团队（涉及资金时还有银行和警方）需要它们作为证据。',
};
const CHANGE_PASSWORD: Text = {
  en: "Your mailbox signs in with your company account, so changing that account's password covers mail too: do it from a device you still have, on the company's self-service password page. After that, mail on any device someone else holds has to sign in again, and the security team also signs those sessions out.",
  zh: '公司邮箱用的就是公司账号登录，所以修改公司账号的密码就同时改了邮箱密码：请用手头的设备在公司的自助改密码页面修改。改完后，别人手里设备上的邮箱需要重新登录，安全团队也会让那些登录全部退出。',
};

/**
 * The answer to a question about evidence while a security ticket is open: "should I forward the link to
 * warn people?" (no), "should I delete the post / the chat?" (a post others may click: screenshot, then
 * delete; anything else: keep it as evidence), and "how do I change my mail password?" (the company account's,
 * from a device they still hold), a building pass taken with the device (report it to facilities) and the USB
 * stick that brought malware (take it out, keep it for the security team). Undefined when the message asks none of these.
 */
export function securityQuestionAnswer(ticket: Pick<Ticket, 'category' | 'status'>, text: string, lang: Lang): string | undefined {
  if (ticket.category !== 'security' || ticket.status === 'resolved' || ticket.status === 'closed' || !ASKS.test(text)) return undefined;
  if (FORWARD.test(text)) return DONT_FORWARD[lang];
  if (DELETE.test(text)) return (SEEN_BY_OTHERS.test(text) ? SCREENSHOT_THEN_DELETE : KEEP_EVIDENCE)[lang];
  if (PASSWORD_HOW.test(text)) return CHANGE_PASSWORD[lang];
  if (BUILDING_PASS.test(text)) return CANCEL_PASS[lang];
  if (THE_STICK.test(text)) return KEEP_THE_STICK[lang];
  return undefined;
}

// "the deck is in onedrive also i think", "文件都在 OneDrive 上": the work itself is reachable from another device.
const IN_THE_CLOUD = /\b(?:in|on) (?:my |our |the )?(?:onedrive|sharepoint|teams|google drive|dropbox|the cloud|office 365|m365)\b|(?:在|存在|存到|放在|同步到)(?:了)?(?:我的)?\s*(?:onedrive|sharepoint|teams|云盘|网盘|云端)/i;
const REACH_IT_ELSEWHERE: Text = {
  en: 'Good: then you can open it from any other computer, or your phone: go to office.com, sign in with your work account and open it from OneDrive. If you need a laptop for the meantime, the service desk can lend you one; just say so here.',
  zh: '好的：那您可以在任何一台其他电脑或手机上打开它：访问 office.com，用工作账号登录，在 OneDrive 里打开即可。如果这段时间需要一台电脑，服务台可以先借您一台备用机，在这里说一声就行。',
};

/**
 * The way round a broken device while it is fixed: when the person says their files are in OneDrive (or
 * SharePoint, Teams, a cloud drive), open them from any other device. Undefined when the ticket is no open
 * device fault or the message says nothing of the kind.
 */
export function workaroundAnswer(ticket: Pick<Ticket, 'category' | 'status' | 'type'>, text: string, lang: Lang): string | undefined {
  if (ticket.category !== 'hardware' || ticket.type !== 'incident' || ticket.status === 'resolved' || ticket.status === 'closed') return undefined;
  return IN_THE_CLOUD.test(text) ? REACH_IT_ELSEWHERE[lang] : undefined;
}

// "小王刚说他好像点开了那个附件", "Tom clicked the link too": someone acted on the lure after the report.
const SOMEONE_ACTED = /\b(?:opened|clicked|ran|downloaded|tapped|scanned)\b[^.!?\n]{0,30}\b(?:attachment|link|file|it|the (?:qr|code))\b|(?:点开|打开|点击|点|下载|运行|扫)了?[^。！？\n]{0,8}(?:附件|链接|文件|二维码)/i;
const ACTED_ON_IT: Text = {
  en: "Then that computer needs checking: ask them to disconnect it from the network now (unplug the cable, turn off Wi-Fi) and stop using it, and not to type any password into anything that opened. If they did type one, they change it from another device. I've added it to the ticket for the security team.",
  zh: '那台电脑需要检查：请让他马上断开网络（拔网线、关闭 Wi-Fi）并先停止使用，也不要在打开的页面里输入任何账号密码；如果已经输过，请用另一台设备修改密码。我已把这一点补充到工单里，安全团队会跟进。',
};

/** Someone acted on the lure after a security report ("a colleague opened the attachment"): what to do now. */
export function actedAnswer(ticket: Pick<Ticket, 'category' | 'status'>, text: string, lang: Lang): string | undefined {
  if (ticket.category !== 'security' || ticket.status === 'resolved' || ticket.status === 'closed') return undefined;
  return SOMEONE_ACTED.test(text) && !/\b(?:did ?n[o']?t|did not|never|nobody|no one)\b[^.!?\n]{0,12}\b(?:open|click)|没(?:有)?(?:人)?(?:点|打开)/i.test(text) ? ACTED_ON_IT[lang] : undefined;
}
