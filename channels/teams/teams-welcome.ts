import type { Lang } from '../../src/types/conversation';

const WELCOME: Record<'personal' | 'team', Record<Lang, string>> = {
  personal: {
    en: "Hi! I'm the IT service desk assistant. Tell me what's wrong or what you need in a sentence or two and I'll log an incident or request for you, or point you to an answer. You can also type **status** to see your tickets, **help** for examples, or **human** to reach a person. I'll message you here when an agent replies or your ticket changes.",
    zh: '您好！我是 IT 服务台助手。请用一两句话描述您遇到的问题或需要的服务，我会为您登记故障或服务请求，或告诉您解决方法。输入 **状态** 查看工单，输入 **帮助** 查看示例，输入 **转人工** 联系工作人员。工作人员回复或工单有变化时，我会在这里通知您。',
  },
  team: {
    en: "Hi everyone! I'm the IT service desk assistant. @mention me with a problem or request and I'll log a ticket and answer in the thread. Chat with me directly for anything private; type **help** for examples.",
    zh: '大家好！我是 IT 服务台助手。@提及我并描述问题或需求，我会登记工单并在该话题中回复。涉及个人信息的问题请私聊我；输入 **帮助** 查看示例。',
  },
};

const MY_TICKETS: Record<Lang, string> = { en: 'Your tickets at a glance: [My tickets]({link})', zh: '随时查看您的工单：[我的工单]({link})' };

/** The short welcome sent when the app is installed: what the bot can do, in the user's language; in a personal chat, the signed "My tickets" link. */
export function welcomeText(lang: Lang, conversationType: string, ticketsLink?: string): string {
  const personal = conversationType === 'personal';
  const text = WELCOME[personal ? 'personal' : 'team'][lang];
  return personal && ticketsLink ? `${text}\n\n${MY_TICKETS[lang].replace('{link}', ticketsLink)}` : text;
}
