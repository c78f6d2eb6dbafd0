import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmailChannel, type EmailChannel } from '../../../channels/email/email.channel';
import { storeTicketLookup } from '../../../channels/email/ticket-lookup';
import { createApp, type App } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { dialogEntries } from '../../../dialogs';
import type { MailPorts } from '../../email/helpers/test-app';

/** The helpdesk mailbox of the form tests. */
export const DESK = 'helpdesk@example.com';

/**
 * An app with only the mail channel and the REAL classifier, knowledge base and dialogs (unlike the mail
 * channel's own tests, which use fixed lookups), so a mail runs through the same intake as a chat.
 */
export async function startRealMailApp(ports: MailPorts): Promise<{ app: App; channel: EmailChannel; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-form-app-'));
  const config = parseConfig({
    DATABASE_PATH: path.join(dir, 'frontdesk.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    WEBCHAT_ENABLED: 'false', DISPATCH_BASE_DELAY_MS: '50',
  });
  let app: App | null = null;
  const channel = createEmailChannel({
    address: DESK,
    imap: { host: '127.0.0.1', port: ports.imapPort, secure: false, user: DESK, pass: ports.password, pollIntervalMs: 2_000, reconnectBaseMs: 100, reconnectMaxMs: 1_000 },
    smtp: { host: '127.0.0.1', port: ports.smtpPort, secure: false },
    threadSecret: 'form-test-thread-secret-0123456789',
    attachmentsDir: path.join(dir, 'attachments'),
    maxAttachmentBytes: 64 * 1024,
    lookupTicketThread: (number) => storeTicketLookup(app!.store)(number),
  });
  app = await createApp(config, { channels: [channel], dialogs: dialogEntries, log: createLogger({ level: 'silent' }) });
  await app.start(false);
  return { app, channel, dir };
}

/** A plain-text mail as a mail client sends it. */
export function rawMail(m: { from: string; name: string; subject: string; id: string; inReplyTo?: string; body: string }): string {
  return [
    `From: ${m.name} <${m.from}>`, `To: IT Service Desk <${DESK}>`, `Subject: ${m.subject}`,
    'Date: Thu, 26 Nov 2026 09:12:44 +0100', `Message-ID: <${m.id}>`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`, `References: ${m.inReplyTo}`] : []),
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: 8bit', '', m.body, '',
  ].join('\r\n');
}

/**
 * Answer a mail form the way a person does: "<number>. <answer>" for each numbered question, found by a
 * phrase of its prompt. A question the table does not know fails the test: the form asked something unexpected.
 */
export function answerForm(formText: string, answers: [phrase: string, answer: string][]): string {
  const questions = [...formText.matchAll(/^(\d+)\.\s+(.+)$/gm)].filter((m) => m[2].trim() !== '...');
  return questions.map(([, n, prompt]) => {
    const hit = answers.find(([phrase]) => prompt.toLowerCase().includes(phrase.toLowerCase()));
    if (!hit) throw new Error(`The form asked "${prompt}", which the test has no answer for`);
    return `${n}. ${hit[1]}`;
  }).join('\n');
}
