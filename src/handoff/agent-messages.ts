import { fill } from '../render/fill';
import type { Lang } from '../types/conversation';

/** What the user is told when an agent acts, in both languages; `{name}` placeholders are filled by `agentSay`. */
const AGENT_MESSAGES = {
  joined: {
    en: '{agent} from the service desk has joined the conversation about **{ticket}**.',
    zh: '服务台的 {agent} 已加入关于 **{ticket}** 的对话。',
  },
  released: {
    en: 'The service desk has handed **{ticket}** back to me, the assistant. Write here any time; I will add it to the ticket.',
    zh: '服务台已将 **{ticket}** 交回给我（助手）。您可以随时在此留言，我会补充到工单中。',
  },
  transferredToGroup: {
    en: '**{ticket}** has been passed to {group}; they will reply here.',
    zh: '**{ticket}** 已转交给{group}，他们会在这里回复您。',
  },
  transferredToAgent: {
    en: '{agent} from the service desk will continue with **{ticket}**.',
    zh: '服务台的 {agent} 将继续处理 **{ticket}**。',
  },
  resolved: {
    en: 'Your ticket {ticket} was resolved: {resolution}. Is it fixed?',
    zh: '您的工单 {ticket} 已解决：{resolution}。问题解决了吗？',
  },
  resolvedAgain: {
    en: 'We worked on {ticket} again: {resolution}. Is it fixed now?',
    zh: '我们又处理了一次工单 {ticket}：{resolution}。现在好了吗？',
  },
  resolvedNoQuestion: {
    en: 'Your ticket {ticket} was resolved: {resolution}. If it comes back, write "status {ticket}" or describe it again.',
    zh: '您的工单 {ticket} 已解决：{resolution}。如问题再次出现，请输入“状态 {ticket}”或重新描述。',
  },
  priorityRaised: {
    en: 'The service desk has raised the priority of **{ticket}** to {priority}: we will respond by {due}.',
    zh: '服务台已将 **{ticket}** 的优先级提高到 {priority}：我们将在 {due} 前回复您。',
  },
  merged: {
    en: 'The service desk found that **{ticket}** is about the same problem as **{target}** and has merged them: {ticket} is closed and the work goes on in {target}.',
    zh: '服务台发现 **{ticket}** 与 **{target}** 是同一个问题，已将两者合并：{ticket} 已关闭，后续在 {target} 中处理。',
  },
  pendingUser: {
    en: '**{ticket}** is waiting for you: {reason}. Reply here when you can; the service desk continues then.',
    zh: '**{ticket}** 正在等待您：{reason}。方便时请在此回复，服务台随后继续处理。',
  },
  onHold: {
    en: '**{ticket}** is on hold: {reason}. The service desk will come back to you here.',
    zh: '**{ticket}** 已暂停处理：{reason}。服务台会在这里继续联系您。',
  },
  resumed: {
    en: 'The service desk is working on **{ticket}** again.',
    zh: '服务台已恢复处理 **{ticket}**。',
  },
  reopenedByAgent: {
    en: '{agent} from the service desk has reopened **{ticket}** and is working on it again.',
    zh: '服务台的 {agent} 已重新打开 **{ticket}**，正在继续处理。',
  },
  yes: { en: 'Yes, it is fixed', zh: '是的，已解决' },
  no: { en: 'No, still broken', zh: '没有，仍有问题' },
} as const satisfies Record<string, Record<Lang, string>>;

/** Keys of the sentences sent on an agent's behalf. */
export type AgentMessageKey = keyof typeof AGENT_MESSAGES;

/** The sentence `key` in `lang` with its placeholders filled. */
export function agentSay(lang: Lang, key: AgentMessageKey, params: Record<string, string> = {}): string {
  return fill(AGENT_MESSAGES[key][lang], params);
}
