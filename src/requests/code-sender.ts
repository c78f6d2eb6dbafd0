import type { Lang } from '../types/conversation';

/**
 * Sends a one-time code to a second factor the directory holds (an alternate e-mail; an SMS gateway would
 * implement the same). The code never passes through the outbox or the transcript.
 */
export interface CodeSender {
  send(to: string, code: string, lang: Lang): Promise<void>;
  /** Any other short mail (an approval request with its signed links to an approver without a chat channel). */
  sendMail?(to: string, subject: string, text: string): Promise<void>;
}

/** The text of the code message, both languages. */
export function codeMessage(code: string, lang: Lang): { subject: string; text: string } {
  return lang === 'zh'
    ? { subject: 'IT 服务台验证码', text: `您的验证码是 ${code}，10 分钟内有效。如果不是您本人申请，请忽略此邮件并联系 IT 服务台。` }
    : { subject: 'Your IT service desk code', text: `Your code is ${code}. It is valid for 10 minutes. If you did not ask for it, ignore this message and tell the IT service desk.` };
}
