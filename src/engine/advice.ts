import type { HazardKind } from '../understand/hazard';
import { ranSomething } from '../understand/security';
import type { Lang } from '../types/conversation';
import type { Category } from '../types/ticket';

import type { SecurityKind } from '../understand/types';

/** Kinds of security event the bot recognises (the understanding pass names them). */
export type SecurityEvent = SecurityKind;

type Text = Record<Lang, string>;

/** What to do right now, before any question: the first reply of a security report. */
const CONTAINMENT: Record<SecurityEvent, Text> = {
  credentials_phished: {
    en: 'Do this now: change your password from a device you trust, then sign out of all sessions (Account settings > Sign out everywhere).',
    zh: '请立即：在可信的设备上修改密码，然后退出所有会话（账户设置 > 在所有设备上退出登录）。',
  },
  phishing_report: {
    en: 'Do this now: do not click anything in the mail, do not reply and do not forward it to colleagues. Use "Report phishing" in Outlook, or leave it where it is for the security team.',
    zh: '请立即：不要点击邮件中的任何内容，不要回复，也不要转发给同事。在 Outlook 中点击“报告网络钓鱼”，或保留原样交给安全团队处理。',
  },
  account_compromise: {
    en: 'Do this now: change your password from a device you trust and sign out of all sessions. Do not approve any sign-in request you did not start yourself. If you cannot sign in any more, tell me and we will lock the account for you.',
    zh: '请立即：在可信的设备上修改密码，并退出所有会话。不要批准任何不是您自己发起的登录请求。如果已经无法登录，请告诉我，我们会帮您先锁定账号。',
  },
  app_consent: {
    en: "Do this now: take the app's access away: in My Account (myaccount.microsoft.com) > Apps, revoke it, or tell me and the security team does it now. A new password alone does not stop an app you allowed; sign out of all sessions as well.",
    zh: '请立即：收回这个应用的权限：在“我的账户”（myaccount.microsoft.com）> 应用中撤销它，或告诉我，由安全团队马上处理。只改密码并不能阻止已授权的应用，请同时退出所有会话。',
  },
  payment_fraud: {
    en: "Do this now: call your bank's fraud line and ask them to stop or recall the payment (give the amount, the time and the receiving account), and tell Finance. Keep the chat, mails and call log as they are (they are evidence) and do not reply to the sender.",
    zh: '请立即：拨打银行的反诈或止付电话，申请止付或追回这笔款项（提供金额、时间和收款账户），并通知财务部门。聊天记录、邮件和通话记录请原样保留（它们是证据），不要再回复对方。',
  },
  ransomware: {
    en: 'Do this now: unplug the network cable and turn off Wi-Fi on that computer, but do not shut it down. Do not open more files and do not plug in USB drives.',
    zh: '请立即：拔掉这台电脑的网线并关闭 Wi-Fi，但不要关机。不要再打开其他文件，也不要插入 U 盘。',
  },
  malware: {
    en: 'Do this now: disconnect the computer from the network (unplug the cable, turn off Wi-Fi) and stop using it, but leave it switched on: the security team may need what is running on it. Do not copy files from it to other devices.',
    zh: '请立即：断开这台电脑的网络（拔网线、关闭 Wi-Fi），并停止使用，但不要关机：安全团队可能需要检查正在运行的内容。不要从这台电脑向其他设备复制文件。',
  },
  lost_device: {
    en: 'Do this now: we will mark the device lost so it can be locked and wiped remotely. Change your password from another device, and if it was stolen, report it to the police and keep the reference.',
    zh: '请立即：我们会把设备登记为丢失，以便远程锁定和擦除数据。请用其他设备修改您的密码；如果是被盗，请向警方报案并保留报案回执。',
  },
  intruder: {
    en: 'Do this now: do not confront or challenge the person, and stay safe. Call building security or reception to escort them, and keep them in sight from a distance if you can. Leave the laptop and cable as they are: the network team is blocking that port. Note what they look like and the time.',
    zh: '请立即：不要与此人当面对质或阻拦，注意自身安全。马上联系大楼保安或前台来处理，如能做到请在远处留意其去向。不要拔他的电脑或网线：网络团队会封掉那个网口。请记下此人的外貌特征和时间。',
  },
  secret_exposed: {
    en: 'Do this now: the key has to be disabled and replaced, not only deleted: a public copy is found by scanners within minutes. If you can, deactivate it yourself now; if not, tell me and the security team does it. Keep the repository and commit links for them.',
    zh: '请立即：这个密钥必须停用并更换，只删除是不够的：公开的内容几分钟内就会被扫描工具抓到。如果您有权限，请马上自己停用；没有的话告诉我，由安全团队处理。请保留仓库和提交的链接交给他们。',
  },
  data_leak: {
    en: 'Do this now: stop it spreading. If it was a link or a post, turn the link off (or limit it to named people) and remove the post. If it was an e-mail, ask the recipient to delete it without opening or forwarding it. Do not forward it yourself, keep your own copy, and note who could see it and since when.',
    zh: '请立即：先阻止继续扩散。如果是分享链接或群里发的文件，马上关闭链接（或改为仅指定人员可见）并撤回或删除那条消息；如果是邮件，请联系收件人不要打开、不要转发并删除。您自己不要再转发，保留原件，并记下哪些人能看到、从什么时候开始。',
  },
};

/** What to do right now about a physical danger (src/understand/hazard.ts), before anything else. */
export const SAFETY_ADVICE: Record<HazardKind, Text> = {
  device: {
    en: 'For your safety, do this now: stop using it, unplug the charger, and if you can do so safely shut it down and put it on a hard surface away from anything that burns. Do not charge it again. If there is smoke or fire, leave it and call the building emergency number.',
    zh: '为了安全，请立即：停止使用，拔掉充电器；如果能安全操作，请关机并把它放在远离易燃物的硬质台面上。不要再充电。如果冒烟或起火，请离开并拨打楼宇应急电话。',
  },
  equipment: {
    en: 'For your safety, do this now: keep everyone away from the machine and do not open it. Switch it off at the wall socket only if you can reach it without going near the smoke. If you see flames or the smoke grows, leave the area, raise the fire alarm and call the building emergency number.',
    zh: '为了安全，请立即：让大家远离这台设备，不要打开机盖。只有在不靠近烟雾也能够到墙上插座时，才在插座处断电。如果看到明火或烟越来越大，请离开现场，按下火警报警器并拨打楼宇应急电话。',
  },
  falling: {
    en: 'For your safety, do this now: keep everyone out from under it and away from it, and do not try to push it back or hold it up yourself. Switch it off at the wall only if you can reach the plug without going under it. Tape or block off the area until facilities have made it safe.',
    zh: '为了安全，请立即：让所有人远离它，不要站在它下方，也不要自己去扶或推回去。只有在不经过它下方也能够到插头时，才在墙上插座处断电。在物业/行政处理好之前，请把这片区域围起来或挡住。',
  },
  wiring: {
    en: 'For your safety, do this now: keep everyone away from the wires and do not touch them or anything metal near them. Block the spot off without touching it (a bin or chairs around it), and call facilities or the building electrician to make it safe.',
    zh: '为了安全，请立即：让大家远离这些电线，不要碰电线或旁边的金属物品。在不接触的前提下把这个位置围起来（放个垃圾桶或几把椅子挡住），并马上联系物业或楼宇电工处理。',
  },
  shock: {
    en: 'For your safety, do this now: do not touch the computer, its case or anything metal connected to it, and warn the people near it. Switch it off at the wall socket or the power strip only if you can do so without touching the case; otherwise leave it. If someone was hurt, call first aid.',
    zh: '为了安全，请立即：不要再碰这台电脑的机箱和与它相连的金属部件，并提醒周围的同事。只有在不接触机箱的情况下，才在墙上插座或插线板的开关处断电；否则先不要动它。如果有人受伤，请马上联系急救。',
  },
  water: {
    en: "For your safety, do this now: do not touch the equipment, its cables or the water near it, and keep people out of the room. Don't switch anything off or unplug it while you are standing in water. Call facilities (or the building emergency number) to stop the leak; our team will power the equipment down safely.",
    zh: '为了安全，请立即：不要触碰设备、线缆和附近的积水，并让其他人离开这个房间。站在水里时不要去关电源或拔插头。请马上联系行政/物业（或拨打楼宇应急电话）止水；设备由我们的团队安全断电。',
  },
};

/** One line of prevention advice given when a ticket of the category is closed. */
const PREVENTION: Partial<Record<Category, Text>> = {
  security: {
    en: 'Tip: register a second MFA method (the authenticator app plus a phone number), and report suspicious mail with the "Report phishing" button.',
    zh: '小提示：为账号登记第二种多重验证方式（身份验证器应用加手机号），收到可疑邮件请用“报告网络钓鱼”按钮上报。',
  },
  account: {
    en: 'Tip: register a second MFA method and set up self-service password reset, so a new phone or a forgotten password never locks you out.',
    zh: '小提示：登记第二种多重验证方式并开通自助重置密码，换手机或忘记密码时就不会被锁在外面。',
  },
  data: {
    en: 'Tip: keep work files in OneDrive or the shared drive and turn on backup of your Desktop and Documents folders, so they can always be restored.',
    zh: '小提示：把工作文件保存在 OneDrive 或共享盘，并开启“桌面”和“文档”文件夹的自动备份，这样文件随时都能恢复。',
  },
  hardware: {
    en: 'Tip: restart your laptop at least once a week and keep it on the dock overnight now and then, so updates and firmware install in time.',
    zh: '小提示：笔记本每周至少重启一次，偶尔整晚接在扩展坞上，方便及时安装更新和固件。',
  },
  software: {
    en: 'Tip: install updates when Windows or the app asks, and restart afterwards; most crashes we see are fixed by a pending update.',
    zh: '小提示：Windows 或应用提示更新时请及时安装并重启，大多数崩溃问题都是由未安装的更新修复的。',
  },
  network: {
    en: 'Tip: keep the VPN client up to date and restart it after your laptop wakes from sleep; it avoids most connection drops.',
    zh: '小提示：保持 VPN 客户端为最新版本，电脑从睡眠唤醒后重新连接一次 VPN，可以避免大部分断线问题。',
  },
  email: {
    en: 'Tip: archive old mail regularly (File > Tools > Mailbox Cleanup) so the mailbox never runs full.',
    zh: '小提示：定期归档旧邮件（文件 > 工具 > 邮箱清理），邮箱就不会被占满。',
  },
};

/** Said after the advice when the lure came by mail: the mail is evidence (a QR code or a caller leaves none). */
const KEEP_THE_MAIL: Text = {
  en: 'Do not forward the mail; leave it where it is for the security team.',
  zh: '不要转发这封邮件，保留原样交给安全团队处理。',
};
const MAIL_LURE = /\b(?:e-?mails?|mail|inbox|outlook)\b|邮件|邮箱/i;
/** Said instead when a text message brought it: the text is the evidence, and colleagues may have it too. */
const KEEP_THE_TEXT: Text = {
  en: "Do not forward the text message; keep it (a screenshot is fine) for the security team, and tell me if colleagues got the same one.",
  zh: '不要转发这条短信，请保留（截图也可以）交给安全团队；如果同事也收到了同样的短信，请告诉我。',
};
const TEXT_LURE = /\b(?:sms|text message|texted|a text|imessage|whatsapp)\b|短信|彩信/i;
// A phishing report about a text message: the advice speaks of the text, not of a mail.
const PHISHING_TEXT_REPORT: Text = {
  en: 'Do this now: do not tap the link in the text and do not reply to it. Keep the message (a screenshot is fine) for the security team, and do not forward it to colleagues.',
  zh: '请立即：不要点击短信里的链接，也不要回复。请保留这条短信（截图也可以）交给安全团队，不要转发给同事。',
};

/** Said after the advice for a phished sign-in when something was also downloaded or run. */
const ALSO_DOWNLOADED: Text = {
  en: 'You also downloaded or ran something from it: disconnect that computer from the network (turn off Wi-Fi, unplug the cable) and stop using it until the security team has checked it.',
  zh: '您还下载或运行了其中的文件：请断开那台电脑的网络（关闭 Wi-Fi、拔网线），在安全团队检查之前先停止使用。',
};

/**
 * The containment advice for a security event, in the user's language. The `report` decides the extras: keep
 * the mail (or the text message) that brought the lure, and the malware step when a phished sign-in also ran something.
 */
export function containmentAdvice(event: SecurityEvent, lang: Lang, report = ''): string {
  const lured = event === 'credentials_phished' || event === 'app_consent';
  const byText = TEXT_LURE.test(report);
  const lines = [(event === 'phishing_report' && byText ? PHISHING_TEXT_REPORT : CONTAINMENT[event])[lang]];
  const keep = byText ? KEEP_THE_TEXT : MAIL_LURE.test(report) ? KEEP_THE_MAIL : undefined;
  if (lured && keep) lines[0] += `${lang === 'zh' ? '' : ' '}${keep[lang]}`;
  if (event === 'credentials_phished' && ranSomething(report)) lines.push(ALSO_DOWNLOADED[lang]);
  return lines.join('\n');
}

/** The prevention tip for a category, if there is one. */
export function preventionAdvice(category: Category, lang: Lang): string | undefined {
  return PREVENTION[category]?.[lang];
}

const ALL_ADVICE = [...Object.values(CONTAINMENT), PHISHING_TEXT_REPORT, KEEP_THE_TEXT, ...Object.values(PREVENTION), ...Object.values(SAFETY_ADVICE)].flatMap((t) => [t!.en, t!.zh]);

/** Whether a message gives containment or prevention advice (for the conversation eval). */
export function isAdvice(text: string): boolean {
  return ALL_ADVICE.some((line) => text.includes(line));
}
