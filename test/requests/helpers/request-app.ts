import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { dialogEntries } from '../../../dialogs';
import { catalogEntries } from '../../../dialogs/catalog';
import { createCodeMailer } from '../../../channels/email/code-mailer';
import { createSlackChannel } from '../../../channels/slack/slack.channel';
import { createWebchatChannel, webchatConfigFrom } from '../../../channels/webchat/webchat.channel';
import { SlackApiStandIn, type DirectoryUser } from '../../slack/helpers/slack-api-stand-in';
import { TEST_SIGNING_SECRET, postEvent, postInteraction } from '../../slack/helpers/signed-request';
import { dmEvent, fixture } from '../../slack/helpers/fixtures';
import { freePort, startSmtpCapture, type SmtpCapture } from '../../email/helpers/mail-servers';
import { emailOf, startSlapd, type Slapd } from '../../directory/helpers/slapd';

/** Slack people of the test workspace, with the seeded directory's addresses. */
export const SLACK_USERS: DirectoryUser[] = [
  { id: 'U0ALICE', realName: 'Alice Moreau', email: emailOf('alice') },
  { id: 'U0BOB', realName: 'Bob Chen', email: emailOf('bob') },
  { id: 'U0CAROL', realName: 'Carol Diaz', email: emailOf('carol') },
  { id: 'U0DAVE', realName: 'Dave Kim', email: emailOf('dave') },
  { id: 'U0ERIN', realName: 'Erin Wu', email: emailOf('erin') },
  { id: 'U0GUS', realName: 'Gus Park', email: emailOf('gus') },
  { id: 'U0FRANK', realName: 'Frank Li', email: emailOf('frank') },
  { id: 'U0MALLORY', realName: 'Mallory Stranger', email: 'mallory@elsewhere.test' },
];
const dmOf = (user: string) => `D${user.slice(1)}DM`;

/**
 * A clock tests move forward for reminders and timeouts. Between moves it runs with real time: a wait the
 * dispatcher plans from it (Slack's pace, a Retry-After) must come due, as it does in production.
 */
export class TestClock {
  private offset = 0;
  now = (): Date => new Date(this.ms);
  get ms(): number {
    return Date.now() + this.offset;
  }
  set ms(value: number) {
    this.offset = value - Date.now();
  }
  advance(minutes: number): void {
    this.offset += minutes * 60_000;
  }
}

/** Frontdesk with Slack (stand-in), the web chat, a private slapd and an SMTP capture for one-time codes; logs to a file. */
export type RequestApp = {
  app: App; api: SlackApiStandIn; slapd: Slapd; smtp: SmtpCapture; clock: TestClock; url: string; dir: string; logFile: string;
  /** A DM from a Slack user; resolves when the bot's next reply to that DM arrives (its text). */
  say(user: string, text: string): Promise<string>;
  /** Click a button of the bot's last message in the user's DM whose value matches; resolves with the bot's reply. */
  click(user: string, value: RegExp): Promise<string>;
  /** Texts the bot posted into a user's DM, in order. */
  posted(user: string): string[];
  /** The last one-time code mailed to an address. */
  codeFor(address: string): Promise<string>;
  /** Stop; `keepFiles` keeps the database (a restart test starts a new app on it). */
  stop(options?: { keepFiles?: boolean }): Promise<void>;
  /** The SQLite file. */
  databasePath: string;
};

let counter = 0;

/** Start everything; `env` overrides settings (approval times...). */
export async function startRequestApp(env: Record<string, string> = {}, slapd?: Slapd): Promise<RequestApp> {
  const ldap = slapd ?? (await startSlapd());
  const smtp = await startSmtpCapture();
  const api = await new SlackApiStandIn(SLACK_USERS).start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-requests-'));
  const logFile = path.join(dir, 'frontdesk.log');
  const port = await freePort();
  const clock = new TestClock();
  const config = parseConfig({
    PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'debug', DATABASE_PATH: path.join(dir, 'test.db'), DISPATCH_BASE_DELAY_MS: '20',
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    EMAIL_ADDRESS: 'desk@example.com', EMAIL_IMAP_HOST: '127.0.0.1', EMAIL_IMAP_USER: 'desk', EMAIL_IMAP_PASSWORD: 'imap-secret', EMAIL_SMTP_HOST: '127.0.0.1', EMAIL_SMTP_PORT: String(smtp.port),
    APPROVAL_CHECK_SECONDS: '3600', APPROVAL_REMIND_MINUTES: '60', APPROVAL_TIMEOUT_MINUTES: '240',
    ...ldap.env, ...env,
  });
  const slack = createSlackChannel({ botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, slackApiUrl: api.url });
  const log = createLogger({ level: 'debug', secrets: config.secrets, destination: pino.destination({ dest: logFile, sync: true }) });
  const app = await createApp(config, { channels: [slack, createWebchatChannel(webchatConfigFrom(config))], dialogs: dialogEntries, catalog: catalogEntries, codeSender: createCodeMailer, clock: clock.now, log });
  await app.start();
  const url = `http://127.0.0.1:${port}`;
  const posted = (user: string) => api.callsOf('chat.postMessage').filter((c) => c.args.channel === dmOf(user)).map((c) => String(c.args.text));
  const nextReply = async (user: string, before: number) => api.waitFor(() => posted(user).length > before && posted(user)[before], 10_000);
  const codesSeen = new Map<string, number>();
  return {
    app, api, slapd: ldap, smtp, clock, url, dir, logFile, posted,
    async say(user, text) {
      const before = posted(user).length;
      const ts = `17000${String(++counter).padStart(5, '0')}.000100`;
      const res = await postEvent(url, dmEvent(text, ts, user, dmOf(user)));
      if (res.status !== 200) throw new Error(`Slack event answered ${res.status}`);
      return nextReply(user, before);
    },
    async click(user, value) {
      const buttons = (c: { args: Record<string, unknown> }) => ((c.args.blocks ?? []) as Array<{ elements?: Array<{ value?: string }> }>).flatMap((b) => b.elements ?? []);
      // The approval question is posted by the dispatcher after the requester's turn: wait for it.
      const message = await api.waitFor(() => [...api.callsOf('chat.postMessage')].reverse().find((c) => c.args.channel === dmOf(user) && buttons(c).some((e) => value.test(e.value ?? ''))), 10_000);
      const blocks = message.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>;
      const button = blocks.flatMap((b) => b.elements ?? []).find((e) => value.test(e.value))!;
      const ts = `1700009${String(++counter).padStart(3, '0')}.000001`;
      const click = fixture('block-actions');
      click.user = { ...click.user, id: user };
      click.container = { ...click.container, channel_id: dmOf(user), message_ts: ts };
      click.channel = { id: dmOf(user), name: 'directmessage' };
      click.message = { ...click.message, ts: click.container.message_ts };
      click.actions = [{ action_id: button.action_id, block_id: 'fd_choices', text: { type: 'plain_text', text: button.text.text }, value: button.value, type: 'button', action_ts: ts }];
      const before = posted(user).length;
      const res = await postInteraction(url, click);
      if (res.status !== 200) throw new Error(`click answered ${res.status}`);
      return nextReply(user, before);
    },
    async codeFor(address) {
      const seen = codesSeen.get(address) ?? 0;
      const deadline = Date.now() + 10_000;
      for (;;) {
        const mails = smtp.mails.filter((m) => m.to.includes(address));
        if (mails.length > seen) {
          codesSeen.set(address, mails.length);
          return /\b(\d{6})\b/.exec(mails[mails.length - 1].raw)![1];
        }
        if (Date.now() > deadline) throw new Error(`no code mailed to ${address}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    databasePath: config.DATABASE_PATH,
    async stop(options = {}) {
      await app.stop();
      await api.stop();
      await smtp.stop();
      if (!slapd) await ldap.dispose();
      if (!options.keepFiles) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
