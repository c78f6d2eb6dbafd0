import nodemailer from 'nodemailer';
import type { Config } from '../../src/config';
import { codeMessage, type CodeSender } from '../../src/requests/code-sender';
import type { Lang } from '../../src/types/conversation';

/**
 * One-time codes by mail, through the helpdesk's SMTP server (EMAIL_SMTP_*), from EMAIL_ADDRESS. Sent
 * directly, not through the outbox: the code must not be stored anywhere but as its hash.
 */
export function createCodeMailer(config: Config): CodeSender | null {
  if (!config.EMAIL_SMTP_HOST || !config.EMAIL_ADDRESS) return null;
  const port = config.EMAIL_SMTP_PORT ?? 587;
  const transport = nodemailer.createTransport({
    host: config.EMAIL_SMTP_HOST, port, secure: port === 465, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000,
    ...(config.EMAIL_SMTP_USER ? { auth: { user: config.EMAIL_SMTP_USER, pass: config.EMAIL_SMTP_PASSWORD ?? '' } } : {}),
  });
  const from = config.EMAIL_ADDRESS;
  return {
    async send(to: string, code: string, lang: Lang): Promise<void> {
      const { subject, text } = codeMessage(code, lang);
      await transport.sendMail({ from, to, subject, text, headers: { 'Auto-Submitted': 'auto-generated' } });
    },
    async sendMail(to: string, subject: string, text: string): Promise<void> {
      await transport.sendMail({ from, to, subject, text, headers: { 'Auto-Submitted': 'auto-generated' } });
    },
  };
}
