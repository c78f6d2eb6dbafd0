import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmailChannel, type EmailChannel, type EmailChannelConfig } from '../../../channels/email/email.channel';
import { createWebchatChannel } from '../../../channels/webchat/webchat.channel';
import { storeTicketLookup } from '../../../channels/email/ticket-lookup';
import { createApp, type App } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { fixedTurnDeps } from '../../helpers/fixed-deps';

/** The helpdesk mailbox used by every mail test. */
export const HELPDESK = 'helpdesk@example.com';
/** Secret of the thread tokens in tests. */
export const THREAD_SECRET = 'test-thread-secret-0123456789abcdef';

/** Where the test servers listen. */
export type MailPorts = { imapPort: number; smtpPort: number; password: string };

/** An app with only the mail channel, its database and attachments in `dir` (a temp folder by default). */
export async function startMailApp(
  ports: MailPorts,
  options: { dir?: string; env?: Record<string, string>; channel?: Partial<EmailChannelConfig>; webchat?: boolean; address?: string } = {},
): Promise<{ app: App; channel: EmailChannel; dir: string; url: string }> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fd-mail-app-'));
  const config = parseConfig({
    DATABASE_PATH: path.join(dir, 'frontdesk.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    WEBCHAT_ENABLED: 'false', DISPATCH_BASE_DELAY_MS: '50', ...options.env,
  });
  let app: App | null = null;
  const address = options.address ?? HELPDESK;
  const channel = createEmailChannel({
    address,
    imap: {
      host: '127.0.0.1', port: ports.imapPort, secure: false, user: address, pass: ports.password,
      pollIntervalMs: 2_000, reconnectBaseMs: 100, reconnectMaxMs: 1_000,
    },
    smtp: { host: '127.0.0.1', port: ports.smtpPort, secure: false },
    threadSecret: THREAD_SECRET,
    attachmentsDir: path.join(dir, 'attachments'),
    maxAttachmentBytes: 64 * 1024,
    lookupTicketThread: (number) => storeTicketLookup(app!.store)(number),
    ...options.channel,
  });
  // Fixed lookups: the first mail opens a ticket at once, so tests assert on mail behaviour, not on dialogs.
  const channels = options.webchat ? [channel, createWebchatChannel()] : [channel];
  app = await createApp(config, { channels, turnDeps: fixedTurnDeps() });
  // With web chat the app listens (on a free port), so a test can chat beside the mailbox.
  const port = await app.start(Boolean(options.webchat));
  return { app, channel, dir, url: `http://127.0.0.1:${port ?? 0}` };
}

/** Wait until `check` returns a value (not undefined/false), polling. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
