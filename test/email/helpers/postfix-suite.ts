import fs from 'node:fs';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { App } from '../../../src/app';
import type { EmailChannelConfig } from '../../../channels/email/email.channel';
import { hasDovecot, readFolder, startDovecot, type Dovecot } from './mail-servers';
import { hasPostfix, startPostfix, type Postfix } from './postfix';
import { HELPDESK, startMailApp } from './test-app';

/** The server a suite needs that is missing here, or null. */
export const missingServer = !hasDovecot ? 'dovecot' : !hasPostfix ? 'postfix (as root)' : null;

/** Dovecot + Postfix + an app whose replies go out through Postfix into Dovecot mailboxes. */
export type MailRig = {
  dovecot: Dovecot;
  postfix: Postfix;
  app: App;
  dir: string;
  /** Every mail in a user's INBOX, parsed. */
  inboxOf(user: string): Promise<ParsedMail[]>;
  /** Every mail the helpdesk sent, as delivered into the users' mailboxes. */
  sentMails(): Promise<ParsedMail[]>;
  stop(): Promise<void>;
};

/** Start the rig for `users` (the helpdesk mailbox is added). */
export async function startRig(users: string[], channel: Partial<EmailChannelConfig> = {}, env: Record<string, string> = {}): Promise<MailRig> {
  if (missingServer) throw new Error(`${missingServer} is required under CI=true (.ci/install-system.sh installs it)`);
  const dovecot = await startDovecot([HELPDESK, ...users]);
  const postfix = await startPostfix(dovecot.lmtpPort);
  const { app, dir } = await startMailApp({ imapPort: dovecot.imapPort, smtpPort: postfix.smtpPort, password: dovecot.password }, {
    channel, env: { MI_THRESHOLD_USERS: '1000', ...env },
  });
  return {
    dovecot, postfix, app, dir,
    async inboxOf(user) {
      const mails = await readFolder(dovecot.imapPort, user, dovecot.password, 'INBOX');
      return Promise.all(mails.map((m) => simpleParser(m.raw)));
    },
    async sentMails() {
      const all: ParsedMail[] = [];
      for (const user of users) {
        const mails = await readFolder(dovecot.imapPort, user, dovecot.password, 'INBOX').catch(() => []);
        for (const m of mails) {
          const parsed = await simpleParser(m.raw);
          if (parsed.from?.value.some((a) => a.address === HELPDESK)) all.push(parsed);
        }
      }
      return all;
    },
    async stop() {
      await app.stop().catch(() => undefined);
      await postfix.stop();
      await dovecot.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
