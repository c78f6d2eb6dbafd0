import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { renderForSlack } from '../../channels/slack/slack-blocks';
import { noticeMessage } from '../../src/broadcast/broadcast-notice';
import { hashPassword } from '../../src/console/password';
import { sqliteAgentStore } from '../../src/store/sqlite-agent-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { AGENTS, loginAs, PASSWORD } from '../console/helpers';
import { BIN, kill, ROOT, startServer } from '../helpers/server-process';
import { waitFor } from '../helpers/test-app';
import { SlackApiStandIn } from '../slack/helpers/slack-api-stand-in';
import { TEST_SIGNING_SECRET } from '../slack/helpers/signed-request';
import { tempDb } from './helpers';

const USERS = 240;
const CHANNEL = 'C0KILLNEWS';
const TEXT = 'Mail is down in Shanghai, we are on it';
const dm = (i: number) => `D0K${String(i).padStart(4, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Slack users who wrote to the bot once (already answered), and an admin, in a fresh database file. */
async function seed(file: string): Promise<void> {
  const store = new SqliteStore(file);
  await Promise.all(Array.from({ length: USERS }, (_, i) => store.acceptInbound(
    { ref: { channel: 'slack', conversationId: dm(i), userId: `U0K${String(i).padStart(4, '0')}` }, platformMessageId: `${dm(i)}:1700000000.000100`, text: 'hello' },
    '2026-03-01T08:00:00.000Z',
  )));
  store.db.prepare("UPDATE messages SET processed_at = created_at WHERE direction = 'in'").run();
  await sqliteAgentStore(store).addAgent(AGENTS.find((a) => a.id === 'root')!, await hashPassword(PASSWORD), new Date().toISOString());
  await store.close();
}

/**
 * SIGKILL `child` at a moment that tests our promise, not the platform's: frozen with SIGSTOP, it holds no
 * claim on a delivery, and every post the stand-in received is committed as sent (a post Slack accepted
 * but we never recorded would be resent by any system: that window belongs to the dispatcher's tests).
 */
async function killMidSend(child: ChildProcess, ready: () => boolean, settled: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('no moment to kill the sender mid-send within 15 s');
    if (ready()) {
      child.kill('SIGSTOP');
      await sleep(100); // requests already on the wire reach the stand-in
      if (settled()) {
        await kill(child, 'SIGKILL');
        return;
      }
      child.kill('SIGCONT');
    }
    await sleep(15);
  }
}

describe('a broadcast survives SIGKILLed processes', () => {
  test('server killed mid-send, CLI resume killed mid-send, server restarted: every DM and the channel get the notice exactly once', async () => {
    // Arrange: 240 Slack users, a real `frontdesk start` with Slack pointed at the stand-in.
    const db = tempDb();
    await seed(db.file);
    const api = await new SlackApiStandIn().start();
    const env = {
      DATABASE_PATH: db.file, SLACK_BOT_TOKEN: 'xoxb-kill-test', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: api.url,
      DISPATCH_BASE_DELAY_MS: '50', WEBCHAT_ENABLED: 'false',
    };
    const notice = renderForSlack(noticeMessage({ text: TEXT, followUp: null, incident: null }, 'notice', 'en'))[0].text;
    const posted = () => api.callsOf('chat.postMessage').filter((c) => c.args.text === notice);
    const read = new Database(db.file, { readonly: true });
    const count = (sql: string) => (read.prepare(sql).get() as { n: number }).n;
    const enqueued = () => count('SELECT count(outbox_id) AS n FROM broadcast_deliveries');
    const heldClaims = () => count('SELECT count(*) AS n FROM broadcast_deliveries WHERE outbox_id IS NULL AND claim_expires_at IS NOT NULL');
    const sentRows = () => count(`SELECT count(*) AS n FROM broadcast_deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.status = 'sent'`);
    const children: ChildProcess[] = [];
    let server = await startServer(env);
    children.push(server.child);
    try {
      // Act 1: the admin posts to every Slack user and into the channel; the server sends at 20 a second.
      const admin = await loginAs(server.url, 'root');
      const res = await admin.post('/console/api/broadcasts', { text: TEXT, audience: { channels: ['slack'], slackChannels: [CHANNEL] } });
      expect(((await res.json()) as { audience: number; channels: number })).toMatchObject({ audience: USERS, channels: 1 });
      await killMidSend(server.child, () => enqueued() >= 60, () => heldClaims() === 0 && posted().length === sentRows());
      const afterServerKill = { enqueued: enqueued(), posted: posted().length };

      // Act 2: `frontdesk broadcast resume` while the server is down, itself killed part-way.
      let cliOutput = '';
      const cli = spawn(process.execPath, [BIN, 'broadcast', 'resume', '--rate', '40'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(cli);
      cli.stderr?.on('data', (c) => (cliOutput += c));
      await killMidSend(cli, () => enqueued() >= afterServerKill.enqueued + 40, () => heldClaims() === 0);
      const afterCliKill = { enqueued: enqueued(), posted: posted().length };

      // Act 3: restart; start-up sends what the outbox holds and the deliveries nobody queued yet.
      server = await startServer(env);
      children.push(server.child);
      await waitFor(() => posted().length >= USERS + 1 && sentRows() === USERS + 1, 20_000, `all ${USERS + 1} posts (${server.output()}${cliOutput})`);
      await sleep(300); // a duplicate would show up now

      // Assert: killed mid-send both times, then each DM and the channel exactly once.
      expect(afterServerKill.enqueued).toBeLessThan(USERS / 2);
      expect(afterServerKill.posted).toBeGreaterThan(0);
      expect(afterCliKill.enqueued).toBeGreaterThan(afterServerKill.enqueued);
      expect(afterCliKill.enqueued).toBeLessThan(USERS + 1);
      expect(afterCliKill.posted).toBe(afterServerKill.posted);
      const perChannel = new Map<string, number>();
      for (const call of posted()) perChannel.set(String(call.args.channel), (perChannel.get(String(call.args.channel)) ?? 0) + 1);
      expect(perChannel.size).toBe(USERS + 1);
      expect([...perChannel.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(perChannel.get(CHANNEL)).toBe(1);
      expect(Array.from({ length: USERS }, (_, i) => perChannel.get(dm(i)))).toEqual(Array(USERS).fill(1));
    } finally {
      for (const child of children) await kill(child, 'SIGKILL');
      read.close();
      await api.stop();
      db.cleanup();
    }
  }, 40_000);
});
