import type { Lang, OutboundMessage } from '../../src/types/conversation';

/** Why a mail was held without a reply, as the loop guard says. */
export type HeldReason = 'loop' | 'rate_cap';

const TEXT: Record<Lang, Record<HeldReason, string>> = {
  en: {
    loop: 'We received your mail, but it looks like a repeat of the one before, so automatic replies to it are paused. Your mail is kept on your request and a member of the service desk will look at it. There is no need to send it again.',
    rate_cap: 'We received your mail. Because a lot of mail came from your address in a short time, automatic replies to it are paused for now. Your mail is kept on your request and a member of the service desk will look at it. There is no need to send it again.',
  },
  zh: {
    loop: '我们已收到您的邮件，但它看起来与上一封重复，因此暂停了对它的自动回复。您的邮件已保存在请求中，服务台工作人员会查看处理，无需重复发送。',
    rate_cap: '我们已收到您的邮件。由于短时间内从您的地址收到了较多邮件，对它的自动回复暂时暂停。您的邮件已保存在请求中，服务台工作人员会查看处理，无需重复发送。',
  },
};

/**
 * The one short mail a sender gets when the loop guard holds its mail (issue #19: "anything held back is
 * visible to agents, and the user is told once where possible"), in the conversation's language.
 */
export function heldNotice(lang: Lang, reason: HeldReason): OutboundMessage {
  return { kind: 'text', text: TEXT[lang][reason] };
}
