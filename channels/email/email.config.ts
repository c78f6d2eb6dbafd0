import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/log';
import type { EmailChannelConfig } from './email.channel';

function list(value: string): string[] {
  return value.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
}

/**
 * The mail channel's settings from the validated configuration. Attachments go beside the database
 * (data/attachments). Without EMAIL_THREAD_SECRET the key is derived from the IMAP password, with a
 * warning: rotating that password would then orphan the threads of mails already sent.
 */
export function emailConfigFrom(config: Config, log?: Logger, overrides: Partial<EmailChannelConfig> = {}): EmailChannelConfig {
  const need = (value: string | undefined, name: string): string => {
    if (!value) throw new Error(`${name} is not set: the mail channel needs it`);
    return value;
  };
  const imapPort = config.EMAIL_IMAP_PORT ?? 993;
  const smtpPort = config.EMAIL_SMTP_PORT ?? 587;
  let threadSecret = config.EMAIL_THREAD_SECRET;
  if (!threadSecret) {
    log?.warn('EMAIL_THREAD_SECRET is not set: deriving it from EMAIL_IMAP_PASSWORD; set a long random value');
    threadSecret = createHash('sha256').update(`frontdesk-thread:${need(config.EMAIL_IMAP_PASSWORD, 'EMAIL_IMAP_PASSWORD')}`).digest('hex');
  }
  return {
    address: need(config.EMAIL_ADDRESS, 'EMAIL_ADDRESS').toLowerCase(),
    imap: {
      host: need(config.EMAIL_IMAP_HOST, 'EMAIL_IMAP_HOST'), port: imapPort, secure: imapPort === 993,
      user: need(config.EMAIL_IMAP_USER, 'EMAIL_IMAP_USER'), pass: need(config.EMAIL_IMAP_PASSWORD, 'EMAIL_IMAP_PASSWORD'),
    },
    smtp: {
      host: need(config.EMAIL_SMTP_HOST, 'EMAIL_SMTP_HOST'), port: smtpPort, secure: smtpPort === 465,
      user: config.EMAIL_SMTP_USER, pass: config.EMAIL_SMTP_PASSWORD,
    },
    threadSecret,
    attachmentsDir: path.join(path.dirname(config.DATABASE_PATH), 'attachments'),
    aliases: list(config.EMAIL_ALIASES),
    maxAttachmentBytes: config.EMAIL_MAX_ATTACHMENT_MB * 1024 * 1024,
    copyPolicy: { internalDomains: list(config.EMAIL_INTERNAL_DOMAINS), maxCopies: config.EMAIL_MAX_CC, thirdParty: config.EMAIL_THIRD_PARTY },
    ...(config.EMAIL_AUTHSERV_ID ? { authservId: config.EMAIL_AUTHSERV_ID } : {}),
    ...overrides,
  };
}
