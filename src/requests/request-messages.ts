import { fill } from '../render/fill';
import type { Lang } from '../types/conversation';

/** Every sentence of self-service requests and approvals, in both languages. */
const REQUEST_MESSAGES = {
  started: { en: "I've logged **{ticket}**: {title}.", zh: '已登记 **{ticket}**：{title}。' },
  refusedWebchat: {
    en: "I can't unlock or reset accounts in this web chat: it doesn't know who you are. I've passed **{ticket}** to the service desk, who will check your identity and help you.",
    zh: '网页聊天无法确认您的身份，因此不能在这里解锁或重置账号。已将 **{ticket}** 转给服务台，他们会核实您的身份并协助您。',
  },
  refusedMail: {
    en: "I can't run account actions from this e-mail: your mail server could not confirm it was really sent by you. I've passed **{ticket}** to the service desk, who will verify your identity.",
    zh: '无法通过这封邮件执行账号操作：邮件服务器无法确认邮件确实由您发出。已将 **{ticket}** 转给服务台，他们会核实您的身份。',
  },
  refusedUnknown: {
    en: "I couldn't match your profile to an account in the directory, so I can't do this here. I've passed **{ticket}** to the service desk.",
    zh: '无法将您的资料与目录中的账号对应，因此不能在这里办理。已将 **{ticket}** 转给服务台。',
  },
  directoryDown: {
    en: "The directory isn't answering right now, so nothing was changed. I've passed **{ticket}** to the service desk, who will finish it.",
    zh: '目录服务暂时无响应，未做任何更改。已将 **{ticket}** 转给服务台，由他们完成。',
  },
  codeSent: {
    en: "To make sure it's you, I've sent a 6-digit code to {masked}. It is valid for 10 minutes: type it here.",
    zh: '为确认是您本人，已向 {masked} 发送 6 位验证码，10 分钟内有效，请在这里输入。',
  },
  codeNotSent: {
    en: "I couldn't send you a verification code just now, so I've passed **{ticket}** to the service desk.",
    zh: '暂时无法向您发送验证码，已将 **{ticket}** 转给服务台。',
  },
  codeWrong: { en: "That code isn't right: {left} tries left.", zh: '验证码不正确，还可以尝试 {left} 次。' },
  codeExpired: { en: 'That code has expired. Ask again for a new one.', zh: '验证码已过期，请重新申请。' },
  codeLocked: {
    en: 'Too many wrong codes: self-service account actions are locked for {minutes} minutes. I\'ve passed **{ticket}** to the service desk, who will verify you another way.',
    zh: '验证码错误次数过多：自助账号操作已锁定 {minutes} 分钟。已将 **{ticket}** 转给服务台，他们会用其他方式核实您的身份。',
  },
  stillLocked: {
    en: "Self-service account actions are locked for you for now after too many wrong codes. I've passed **{ticket}** to the service desk.",
    zh: '由于验证码错误次数过多，您的自助账号操作暂时被锁定。已将 **{ticket}** 转给服务台。',
  },
  noSecondFactor: {
    en: "The directory has no second contact for you (such as a personal e-mail), so I can't verify you here. I've passed **{ticket}** to the service desk.",
    zh: '目录中没有您的第二联系方式（如个人邮箱），无法在这里核实身份。已将 **{ticket}** 转给服务台。',
  },
  rateLimited: {
    en: "There have been too many account actions in the last hour, so I've passed **{ticket}** to the service desk instead.",
    zh: '过去一小时内账号操作过多，已将 **{ticket}** 转给服务台处理。',
  },
  unlocked: { en: 'Done: your account is unlocked and you can log on again. **{ticket}** is resolved.', zh: '已完成：您的账号已解锁，可以重新登录。**{ticket}** 已解决。' },
  notLocked: {
    en: "Your account isn't locked, so there was nothing to unlock. If you still can't log on, your password may have expired: say \"reset my password\". **{ticket}** is resolved.",
    zh: '您的账号没有被锁定，无需解锁。如果仍无法登录，可能是密码已过期，请说“重置密码”。**{ticket}** 已解决。',
  },
  resetLink: {
    en: 'Verified. Choose your new password on this one-time page (valid 15 minutes): {url}\nThe password is never typed into this chat.',
    zh: '身份已确认。请在这个一次性页面设置新密码（15 分钟内有效）：{url}\n密码不会出现在聊天中。',
  },
  resetDone: { en: 'Your password has been changed. **{ticket}** is resolved.', zh: '您的密码已修改。**{ticket}** 已解决。' },
  approvalAsked: { en: "I've asked {approver} to approve **{ticket}**. I'll tell you here when they decide.", zh: '已请 {approver} 审批 **{ticket}**，有结果后会在这里通知您。' },
  approverPrompt: { en: '{requester} asks for: {title}{details} (**{ticket}**). Do you approve?', zh: '{requester} 申请：{title}{details}（**{ticket}**）。是否批准？' },
  approverReminder: { en: 'Reminder: {requester} is still waiting for your decision on {title}{details} (**{ticket}**).', zh: '提醒：{requester} 仍在等待您审批：{title}{details}（**{ticket}**）。' },
  approve: { en: 'Approve', zh: '批准' },
  deny: { en: 'Deny', zh: '拒绝' },
  approvedDone: { en: '{approver} approved **{ticket}**. Done: {done}. **{ticket}** is resolved.', zh: '{approver} 已批准 **{ticket}**。已完成：{done}。**{ticket}** 已解决。' },
  approvedManual: { en: '{approver} approved **{ticket}**. It is now with {groups}.', zh: '{approver} 已批准 **{ticket}**，现由 {groups} 处理。' },
  approvedFailed: {
    en: "{approver} approved **{ticket}**, but the directory isn't answering, so nothing was changed yet. The service desk will finish it.",
    zh: '{approver} 已批准 **{ticket}**，但目录服务暂时无响应，尚未做任何更改。服务台会完成后续处理。',
  },
  denied: { en: '{approver} declined **{ticket}**: {reason}', zh: '{approver} 拒绝了 **{ticket}**：{reason}' },
  askReason: { en: 'Why are you declining? {requester} will see your reason.', zh: '请说明拒绝原因，{requester} 会看到。' },
  thanksApproved: { en: 'Approved. {done}', zh: '已批准。{done}' },
  thanksDenied: { en: 'Declined; {requester} has been told.', zh: '已拒绝，并已通知 {requester}。' },
  notYours: { en: 'Only {approver} can decide this request.', zh: '只有 {approver} 可以审批此申请。' },
  selfApproval: { en: "You can't approve your own request.", zh: '不能审批自己的申请。' },
  selfApprovalRouted: { en: "You can't approve your own request, so I've asked {approver} instead.", zh: '不能审批自己的申请，已改请 {approver} 审批。' },
  alreadyDecided: { en: 'This request has already been decided.', zh: '此申请已处理。' },
  timedOut: { en: "{approver} hasn't answered about **{ticket}**, so I've asked {next}.", zh: '{approver} 未回复 **{ticket}** 的审批，已改请 {next} 审批。' },
  timedOutDesk: { en: "{approver} hasn't answered about **{ticket}**, so I've passed it to the service desk.", zh: '{approver} 未回复 **{ticket}** 的审批，已转给服务台处理。' },
  noApprover: { en: "I couldn't find who approves this for you, so I've passed **{ticket}** to the service desk.", zh: '找不到此申请的审批人，已将 **{ticket}** 转给服务台。' },
  unreachable: { en: "{approver} can't be reached on a chat channel, so I've passed **{ticket}** to the service desk to get the approval.", zh: '无法通过聊天联系到 {approver}，已将 **{ticket}** 转给服务台取得审批。' },
  groupNotFound: { en: "I couldn't find \"{name}\" in the directory, so I've passed **{ticket}** to the service desk to check.", zh: '目录中找不到“{name}”，已将 **{ticket}** 转给服务台核实。' },
  cancelled: { en: 'Cancelled: **{ticket}** is withdrawn.', zh: '已取消：**{ticket}** 已撤回。' },
  withGroups: { en: 'The request is now with {groups}.', zh: '申请现由 {groups} 处理。' },
  directoryLate: { en: 'The directory did not answer, so nothing was changed yet: the service desk will finish it.', zh: '目录服务无响应，尚未做任何更改，服务台会完成后续处理。' },
  addedTo: { en: '{person} added to {group}', zh: '已将 {person} 加入 {group}' },
  alreadyIn: { en: '{person} was already in {group}', zh: '{person} 已在 {group} 中' },
} as const satisfies Record<string, Record<Lang, string>>;

/** Keys of the request sentences. */
export type RequestMessageKey = keyof typeof REQUEST_MESSAGES;

/** The sentence `key` in `lang` with its `{name}` placeholders filled. */
export function requestSay(lang: Lang, key: RequestMessageKey, params: Record<string, string | number> = {}): string {
  return fill(REQUEST_MESSAGES[key][lang], params);
}

/** An address shown with most of it hidden: "al***@personal.test". */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 2)}***@${domain ?? ''}`;
}
