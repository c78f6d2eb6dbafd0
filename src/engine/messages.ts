import { fill } from '../render/fill';
import type { Lang } from '../types/conversation';

/** Every sentence the bot says, in both languages. `{name}` placeholders are filled by `say`. */
const MESSAGES = {
  greeting: {
    en: "Hi{name}! I'm the IT service desk assistant. What's wrong, or what do you need? A sentence or two is enough (for example \"Outlook won't open\" or \"I need access to the finance drive\"), and I'll help or log a ticket for you. You can also type \"status\" to see your tickets.",
    zh: '您好{name}！我是 IT 服务台助手。请问遇到了什么问题，或需要什么服务？用一两句话描述即可（例如“Outlook 打不开”“需要开通财务共享盘的权限”），我会帮您解决或为您登记工单。输入“状态”可查看您的工单。',
  },
  askDescription: {
    en: 'Please describe the problem or request in a sentence or two.',
    zh: '请用一两句话描述您的问题或需求。',
  },
  /** "never mind" with nothing under way: nothing is logged, and that is fine. */
  nothingToCancel: {
    en: 'No problem, nothing was logged. If you need anything, just write here.',
    zh: '好的，没有登记任何内容。如有需要，随时在这里告诉我。',
  },
  ticketOpened: {
    en: "I've logged your {kind} as **{ticket}** ({priority}, {category}). Expected first response: {within} (by {dueAt}). Keep this number; type \"status {ticket}\" any time for an update.",
    zh: '已为您登记{kind} **{ticket}**（{priority}，{category}）。预计首次响应：{within}（{dueAt} 前）。请保留此编号，随时输入“状态 {ticket}”查询进度。',
  },
  addedAgain: { en: 'Added to **{ticket}** as well.', zh: '也已补充到 **{ticket}**。' },
  addedToTicket: {
    en: 'I added that to **{ticket}**. To report a different problem, type "new".',
    zh: '已将这条信息补充到 **{ticket}**。如需报告其他问题，请输入“新问题”。',
  },
  /** A message came with a picture (a pasted screenshot): said before the rest of the answer. */
  screenshotReceived: { en: 'Thanks, I received your screenshot ({names}).', zh: '已收到您的截图（{names}）。' },
  fileReceived: { en: 'Thanks, I received your file ({names}).', zh: '已收到您的文件（{names}）。' },
  /** A file with no words before anything is logged: it stays with the conversation, the problem is still unknown. */
  fileAloneDescribe: {
    en: 'It is kept with this conversation, so whoever works on your problem will see it. Please also describe the problem in a sentence or two.',
    zh: '它已保存在本次对话中，处理人员都能看到。请再用一两句话描述一下问题。',
  },
  fileAloneAnswer: {
    en: 'It is kept with this conversation. Please answer the question above to go on.',
    zh: '它已保存在本次对话中。请回答上面的问题以继续。',
  },
  newProblem: {
    en: 'Sure, what is the new problem or request?',
    zh: '好的，请描述新的问题或需求。',
  },
  ticketStatus: {
    en: '**{ticket}**: {summary}\nStatus: {status} · Priority: {priority} · Owner: {owner}',
    zh: '**{ticket}**：{summary}\n状态：{status} · 优先级：{priority} · 负责人：{owner}',
  },
  statusResponseDue: { en: 'Expected first response by {due}.', zh: '预计首次响应时间：{due} 前。' },
  statusFixDue: { en: 'Expected fix by {due}.', zh: '预计解决时间：{due} 前。' },
  statusResponseMissed: { en: 'Sorry, we missed the first-response target ({was}). It is with {owner} at the top of their list; new expected response by {due}.', zh: '抱歉，已超出承诺的首次响应时间（{was}）。现由{owner}优先处理；新的预计响应时间：{due} 前。' },
  statusFixMissed: { en: 'Sorry, we missed the target fix time ({was}). It is with {owner} at the top of their list; new expected fix by {due}.', zh: '抱歉，已超出承诺的解决时间（{was}）。现由{owner}优先处理；新的预计解决时间：{due} 前。' },
  statusUnchanged: {
    en: 'No change since I last checked: **{ticket}** is still {status} with {owner}. {due}',
    zh: '与上次查询相比没有变化：**{ticket}** 仍为“{status}”，负责人：{owner}。{due}',
  },
  statusChased: {
    en: 'Still no change on **{ticket}** ({status}). I have told {owner} that you are waiting for an update. {due}',
    zh: '**{ticket}** 仍然没有新进展（{status}）。我已提醒{owner}您在等进展。{due}',
  },
  statusUpdated: { en: 'Last update: {at}.', zh: '最近更新：{at}。' },
  /** What the notice in force says about the person's problem, quoted to answer their question or status request. */
  latestNotice: { en: 'The latest IT notice on this says: {text}', zh: '关于这个问题，最新的 IT 通知：{text}' },
  statusKnownProblem: {
    en: 'Linked to the known problem **{incident}** ({title}); you will hear here when it is fixed.',
    zh: '已关联已知问题 **{incident}**（{title}），修复后会在这里通知您。',
  },
  ticketNotFound: {
    en: "I can't find a ticket {ticket} of yours. Check the number, or type \"status\" to list your tickets.",
    zh: '没有找到您的工单 {ticket}。请核对编号，或输入“状态”查看您的全部工单。',
  },
  noTickets: {
    en: "You don't have any tickets yet. Describe a problem and I'll log one.",
    zh: '您目前没有工单。描述问题后我会为您登记。',
  },
  ticketList: {
    en: 'Your recent tickets:\n{list}',
    zh: '您最近的工单：\n{list}',
  },
  help: {
    en: 'I can log incidents and requests, look up answers, and tell you the status of your tickets. Try: "my VPN keeps disconnecting", "status", "status INC-000123", "talk to a human".',
    zh: '我可以登记故障和服务请求、查找解决方法、查询工单状态。例如：“VPN 一直断线”、“状态”、“状态 INC-000123”、“转人工”。',
  },
  kbOffer: {
    en: 'These articles may solve it:',
    zh: '以下文章也许能解决您的问题：',
  },
  kbOfferTitle: { en: 'Suggested articles', zh: '推荐文章' },
  kbQuestion: { en: 'Did this solve it?', zh: '问题解决了吗？' },
  kbYes: { en: 'Yes, solved', zh: '是的，已解决' },
  kbNo: { en: 'No, I still need help', zh: '没有，仍需帮助' },
  closedMovingOn: { en: 'Great, I have closed {ticket}. Now the other thing:', zh: '好的，{ticket} 已关闭。再来看另一个问题：' },
  solvedByUser: {
    en: 'Good to hear it works! I have closed {ticket}. Anything else, just tell me.',
    zh: '好的，问题已经解决就好！{ticket} 已关闭。如有其他问题，随时告诉我。',
  },
  kbAnswered: { en: 'Glad that answered it!', zh: '很高兴帮到您！' },
  kbAnsweredMovingOn: { en: 'Glad that answered it. Now the other thing:', zh: '很高兴帮到您。再来看另一个问题：' },
  /** The same, when a rating question follows at once: "anything else?" would come before the question. */
  kbSolvedThenRating: {
    en: "Glad it's sorted! I noted it as solved by self-service ({ticket}).",
    zh: '很高兴问题已解决！已记录为自助解决（{ticket}）。',
  },
  /** When the turn's own messages carry on (a specialist named, or a ticket logged with its questions). */
  kbNotSolvedEscalated: { en: "Sorry it didn't help.", zh: '抱歉没能解决。' },
  kbNotSolved: {
    en: "Sorry it didn't help. A few quick questions so the right person can fix it:",
    zh: '抱歉没能解决。请回答几个简短的问题，以便安排合适的人员处理：',
  },
  /** The same, when the ticket was logged with the articles: its number again, so they know it is still on. */
  kbNotSolvedLogged: {
    en: "Sorry it didn't help. **{ticket}** stays open and a specialist takes it on; a few quick questions so they can fix it:",
    zh: '抱歉没能解决。**{ticket}** 会继续由专员跟进，请回答几个简短的问题，方便他们处理：',
  },
  pickCategory: {
    en: 'Which area is it about? Pick the closest one (or type its number).',
    zh: '这个问题属于哪一类？请选择最接近的一项（或输入编号）。',
  },
  cancelled: {
    en: 'Cancelled, nothing was logged. Describe a problem any time to start again.',
    zh: '已取消，未登记任何内容。随时描述问题即可重新开始。',
  },
  restarted: { en: "OK, let's start over.", zh: '好的，我们重新开始。' },
  escalated: {
    en: 'A specialist from {group} will take over here. Expected first response: {within}. You can keep writing here; everything is added to **{ticket}**.',
    zh: '{group}的专员将在这里接手处理，预计首次响应：{within}。您可以继续在此留言，所有内容都会补充到 **{ticket}**。',
  },
  /** The person asked for a person: say plainly that one is coming. */
  escalatedOnRequest: {
    en: 'Sure, a person will take this over: a specialist from {group} will reply here. Expected first response: {within}. You can keep writing here; everything is added to **{ticket}**.',
    zh: '好的，已为您转人工：{group}的专员将在这里接手处理，预计首次响应：{within}。您可以继续在此留言，所有内容都会补充到 **{ticket}**。',
  },
  addedWhileWaiting: {
    en: 'Added to **{ticket}**. A specialist will reply here.',
    zh: '已补充到 **{ticket}**，专员会在这里回复您。',
  },
  alreadyWithAgent: {
    en: '**{ticket}** is already with the service desk team; they will reply here.',
    zh: '**{ticket}** 已由服务台团队处理，他们会在这里回复您。',
  },
  askCsatSelfServed: {
    en: 'One quick question: how satisfied are you with this help? (1 = very unhappy, 5 = very happy)',
    zh: '最后一个小问题：您对这次的帮助满意吗？（1 = 非常不满意，5 = 非常满意）',
  },
  askCsat: {
    en: 'Great, {ticket} is closed. How satisfied are you with the help you got? (1 = very unhappy, 5 = very happy)',
    zh: '好的，{ticket} 已关闭。您对本次服务满意吗？（1 = 非常不满意，5 = 非常满意）',
  },
  csatSkip: { en: 'Skip', zh: '跳过' },
  csatThanks: { en: 'Thank you for your feedback!', zh: '感谢您的反馈！' },
  reopened: {
    en: "Sorry it isn't fixed yet. I've reopened **{ticket}**; the team will follow up here.",
    zh: '抱歉问题尚未解决。已重新打开 **{ticket}**，团队会在这里继续跟进。',
  },
  knownFromNotice: {
    en: 'This looks like the problem in the current IT notice: the team is already working on it. I have logged your report, so you will hear from me here when it is fixed. If yours is a different problem, just tell me.',
    zh: '这看起来就是当前 IT 通知里的问题，团队正在处理。我已为您登记，修复后会在这里通知您。如果您遇到的是别的问题，请直接告诉我。',
  },
  knownProblem: {
    en: 'This looks like a known problem, **{incident}** ({title}): the team is already working on it. I have linked your report to it, so you will hear from me here as soon as it is fixed. If yours is a different problem, just tell me.',
    zh: '这看起来是一个已知问题 **{incident}**（{title}），团队正在处理。我已把您的报告关联到该问题，修复后会第一时间在这里通知您。如果您遇到的是别的问题，请直接告诉我。',
  },
  askTopic: {
    en: "Sure, I'll get you a person. In one line, what is it about? Then the right team picks it up at the right priority.",
    zh: '好的，马上为您转人工。能用一句话说一下是什么问题吗？这样能由合适的团队按合适的优先级接手。',
  },
  clarify: {
    en: 'Happy to help. What is not working, or what do you need? For example: "Outlook won\'t open", "the VPN keeps dropping", "I need access to the Finance drive".',
    zh: '很乐意帮忙。请问是哪里出了问题，或者您需要什么？例如：“Outlook 打不开”、“VPN 老掉线”、“需要开通财务共享盘的权限”。',
  },
  questionForwarded: {
    en: 'I have no ready answer for that, so I have passed your question to {group}; they will answer here.',
    zh: '这个问题我这里没有现成的答案，已转给{group}，他们会在这里答复您。',
  },
  askAboutThing: {
    en: 'What happens with the {thing}? For example: it does not start, it is slow, or it shows an error (the exact words help).',
    zh: '{thing}具体怎么了？比如开不了机、很慢，或者有报错（有报错的话请把原文告诉我）。',
  },
  clarifyAgain: {
    en: 'What is not working? Tell me which device or app it is (laptop, printer, Outlook, VPN ...) and I will sort it out, or I can pass you to a colleague right away.',
    zh: '是哪里出了问题？告诉我是哪台设备或哪个软件（电脑、打印机、Outlook、VPN……），我来帮您处理；或者我可以马上为您转给同事。',
  },
  /** "OK" / "好的" to "did this solve it?": an acknowledgement, not a yes. */
  kbTryFirst: {
    en: 'Take your time to try it. Once you have: did it solve the problem?',
    zh: '不着急，您先试一下。试过之后告诉我：问题解决了吗？',
  },
  kbYesNo: {
    en: 'Just to be sure: did that solve it? Yes or no?',
    zh: '想跟您确认一下：问题解决了吗？请回答“是”或“否”。',
  },
  confirmWatching: {
    en: 'Sure. {ticket} stays resolved while you keep an eye on it: if it happens again, just tell me here and it goes straight back to the team; if all is well, tell me and I will close it.',
    zh: '好的，您先观察一下，{ticket} 暂时保持“已解决”。如果问题再出现，直接在这里告诉我，马上转回给处理人员；如果一切正常，也跟我说一声，我来关闭。',
  },
  confirmYesNo: {
    en: 'Just to be sure: is the problem in {ticket} solved? Yes or no?',
    zh: '想跟您确认一下：{ticket} 的问题解决了吗？请回答“是”或“否”。',
  },
  csatCommentThanks: {
    en: "Thanks, I've added your comment to the rating.",
    zh: '谢谢，您的意见已和评分一起记录。',
  },
  askedForPerson: { en: 'Asked to talk to a person.', zh: '用户要求转人工。' },
  /** "Can I talk to a person?" while a specialist already has the ticket: yes, and a call if that is easier. */
  personComing: {
    en: 'Yes: **{ticket}** is escalated to {owner}, and a person takes it over here by {due} at the latest. If a call is easier, leave a phone number and they will call you.',
    zh: '好的，**{ticket}** 已升级给{owner}，工作人员会在这里接手，最晚 {due} 前回复您。如果打电话更方便，请留下电话号码，工作人员会给您回电。',
  },
  stillWaiting: {
    en: 'Added to **{ticket}**. It is escalated to {owner}; expect them here by {due}.',
    zh: '已补充到 **{ticket}**。工单已升级给{owner}，预计 {due} 前会在这里回复您。',
  },
  fedUp: {
    en: "I'm sorry this keeps happening, I understand how frustrating it is.",
    zh: '很抱歉这个问题反复出现，给您添麻烦了。',
  },
  chasedWaiting: {
    en: "Sorry for the wait. **{ticket}** is with {owner}; expect them here by {due} at the latest. I've added your message to the ticket.",
    zh: '抱歉让您久等了。**{ticket}** 目前由{owner}处理，最晚 {due} 前会在这里回复您。您的留言已补充到工单。',
  },
  sorryWaiting: {
    en: 'Sorry for the wait: we are past the time we promised for **{ticket}**. It is with {owner} at the top of their list; new expected time: {due}.',
    zh: '抱歉让您久等了，**{ticket}** 已超过我们承诺的时间。目前由{owner}负责并已优先处理，新的预计时间：{due}。',
  },
  csatNudge: {
    en: "Glad it's sorted! If you'd like to rate the help, just type a number from 1 to 5.",
    zh: '很高兴问题解决了！如果愿意给本次服务打分，直接输入 1 到 5 的数字即可。',
  },
  welcome: {
    en: "You're welcome! If anything else comes up, just tell me here.",
    zh: '不客气！如果还有其他问题，随时在这里告诉我。',
  },
  priorityChanged: {
    en: 'With your answers, **{ticket}** is now {priority}. Expected first response: {within} (by {dueAt}).',
    zh: '根据您的回答，**{ticket}** 的优先级调整为 {priority}。预计首次响应：{within}（{dueAt} 前）。',
  },
  loggedFirst: {
    en: 'A few quick questions so the specialist has what they need (answer what you can):',
    zh: '再问几个简短的问题，方便专员处理（能回答的就回答）：',
  },
  ticketCompleted: {
    en: "Thanks, that's everything I need. It is all on **{ticket}**; I'll keep you posted here.",
    zh: '谢谢，信息已经齐全，都已记录在 **{ticket}** 中。有进展我会在这里通知您。',
  },
  withdrawn: {
    en: "OK, I've withdrawn **{ticket}**; nobody will work on it. Describe a problem any time to start again.",
    zh: '好的，已撤销 **{ticket}**，不会再有人处理。随时描述问题即可重新开始。',
  },
  hazardMore: {
    en: "You don't need to answer anything else now. Tell me here at once if something changes (more smoke, water spreading, someone hurt).",
    zh: '现在不需要再回答其他问题。如果情况有变化（烟变大、水在蔓延、有人受伤），请马上在这里告诉我。',
  },
  securityMore: {
    en: 'The security team is on it. Reply here with anything else you noticed (when it happened, what you clicked, a phone number where they can reach you).',
    zh: '安全团队正在处理。如有其他情况请直接在这里回复（发生时间、点了什么、能联系到您的电话）。',
  },
  apology: {
    en: 'Sorry, something went wrong on my side. Please try again, or type "human" to reach a person.',
    zh: '抱歉，系统出了点问题。请重试，或输入“转人工”联系工作人员。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** Keys of the bot's sentences. */
export type MessageKey = keyof typeof MESSAGES;

/** The sentence `key` in `lang` with `{name}` placeholders filled. Unknown placeholders stay visible. */
export function say(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(MESSAGES[key][lang], params);
}

const STATUS_LABELS: Record<string, Record<Lang, string>> = {
  new: { en: 'new', zh: '新建' },
  open: { en: 'open', zh: '处理中' },
  pending_user: { en: 'waiting for you', zh: '等待您回复' },
  escalated: { en: 'escalated to a specialist', zh: '已升级至二线' },
  in_progress: { en: 'in progress', zh: '处理中' },
  resolved: { en: 'resolved', zh: '已解决' },
  closed: { en: 'closed', zh: '已关闭' },
  reopened: { en: 'reopened', zh: '已重新打开' },
};

const CATEGORY_LABELS: Record<string, Record<Lang, string>> = {
  hardware: { en: 'hardware', zh: '硬件' },
  software: { en: 'software', zh: '软件' },
  network: { en: 'network', zh: '网络' },
  account: { en: 'account', zh: '账号' },
  data: { en: 'data', zh: '数据' },
  email: { en: 'email', zh: '邮件' },
  security: { en: 'security', zh: '安全' },
  other: { en: 'other', zh: '其他' },
};

const TYPE_LABELS: Record<string, Record<Lang, string>> = {
  incident: { en: 'incident', zh: '故障' },
  service_request: { en: 'request', zh: '服务请求' },
  question: { en: 'question', zh: '咨询' },
};

/** A ticket status in words. */
export const statusLabel = (status: string, lang: Lang) => STATUS_LABELS[status]?.[lang] ?? status;
/** A category in words. */
export const categoryLabel = (category: string, lang: Lang) => CATEGORY_LABELS[category]?.[lang] ?? category;
/** A ticket type in words. */
export const typeLabel = (type: string, lang: Lang) => TYPE_LABELS[type]?.[lang] ?? type;
