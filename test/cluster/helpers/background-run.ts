import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ApiTokens } from '../../../src/api/api-tokens';
import { parseConfig } from '../../../src/config';
import { businessDaysAfter } from '../../../src/lifecycle/close-plan';
import { pgCoreStores } from '../../../src/store/postgres/pg-core-stores';
import { PgDatabase } from '../../../src/store/postgres/pg-database';
import type { BusinessCalendar } from '../../../src/tickets/business-calendar';
import { slaConfigFrom } from '../../../src/turn-deps';
import { freePort } from '../../helpers/server-process';
import { SlackApiStandIn } from '../../slack/helpers/slack-api-stand-in';
import { ChatStream, deliver } from './chat-user';
import type { SentChat } from './cluster-checks';
import { clusterEnv } from './cluster-load';
import { InstanceSet } from './instances';
import { nginxConfig, startNginx, stopNginx } from './nginx';
import { checkSlack, slackUser } from './slack-users';
import { checkBackground, type BackgroundChecks, type Role } from './background-checks';

/** Size of a run: users of each channel (one ticket each), how long instances are killed, and how often. */
export type BackgroundRunOptions = { webUsers: number; slackUsers: number; runSeconds: number; killEveryMs: number; seed?: number };

/** What a run measured. */
export type BackgroundReport = BackgroundChecks & { kills: number; seconds: number; slack: Awaited<ReturnType<typeof checkSlack>> };

/** The tier-2 channel: SLA breaches escalate, and the escalation card posted here is the agents' notice. */
export const TIER2 = 'C0TIER2';
/** Each ticket's part: SLA warning then breach; "Is it fixed?" reminder 1; reminders 1 and 2; reminder 2 then auto-close. */
export const ROLES: Role[] = ['sla', 'remind1', 'remind2', 'close'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The instant `since` such that `days` business days after it is `target` (to a second): the resolution
 * time to give a ticket whose reminder or close should fall due at `target`.
 */
function resolvedAtFor(target: number, days: number, calendar: BusinessCalendar): Date {
  let lo = target - (days + 7) * 86_400_000;
  let hi = target;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (businessDaysAfter(new Date(mid), days, calendar).getTime() < target) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/**
 * Three instances on PostgreSQL behind nginx with the SLA monitor and the auto-close timer checking every
 * second. Each user (web chat with its stream open, or Slack DM) opens a ticket; then every ticket is given a
 * role (ROLES) whose warnings, breach, reminders or close fall due during `runSeconds`, while an instance is
 * SIGKILLed every `killEveryMs` and started again. The due times are set in the database (the monitors read
 * them there); reminders are timed by moving the ticket's resolution back. Then each notice is counted on the
 * ticket's event trail, in the transcript, on the user's stream or Slack DM, and in the tier-2 channel.
 */
export async function runBackgroundUnderKills(databaseUrl: string, options: BackgroundRunOptions): Promise<BackgroundReport> {
  const started = Date.now();
  let seed = (options.seed ?? 7) >>> 0;
  const rnd = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-cluster-bg-'));
  fs.chmodSync(dir, 0o755);
  const slack = await new SlackApiStandIn().start();
  const env = {
    ...clusterEnv(databaseUrl, dir), SLACK_TIER2_CHANNEL: TIER2, LEASE_TTL_SECONDS: '2',
    SLA_CHECK_SECONDS: '1', AUTO_CLOSE_CHECK_SECONDS: '1',
    // Sixty laptops that will not boot are not one outage here: major-incident linking would change the tickets.
    MI_THRESHOLD_USERS: '100000',
    // Every hour of every day is a business hour, so a business day is (almost) a wall-clock day.
    WORKING_DAYS: '0,1,2,3,4,5,6', BUSINESS_HOURS: '00:00-23:59',
  };
  const calendar = slaConfigFrom(parseConfig(env)).calendar;
  const instances = await InstanceSet.start(3, env, (label) => ({ SLACK_API_URL: `${slack.url}${label}/` }));
  let nginx = null;
  const chats: SentChat[] = [];
  const db = new Client({ connectionString: databaseUrl });
  let kills = 0;
  try {
    await db.connect();
    const port = await freePort();
    nginx = await startNginx(dir, nginxConfig(dir, port, instances.ports, undefined, 1024), port);
    const base = `http://127.0.0.1:${port}`;
    const counter = { retried: 0 };
    // Arrange: every user opens a ticket with one message and waits for the answer.
    await Promise.all([
      ...Array.from({ length: options.webUsers }, async (_, u) => {
        const res = await deliver(() => fetch(`${base}/api/chat/session`, { method: 'POST' }), counter);
        await res.arrayBuffer();
        const cookie = String(res.headers.get('set-cookie')).split(';')[0];
        const stream = new ChatStream(base, cookie);
        const chat: SentChat = { label: cookie.split('=')[1], keys: [], stream };
        chats.push(chat);
        stream.open();
        chat.keys.push(`${chat.label}:bg${u}`);
        const posted = await deliver(() => fetch(`${base}/api/chat/messages`, {
          method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ clientMessageId: `bg${u}`, text: `my laptop ${u} will not boot` }),
        }), counter);
        await posted.arrayBuffer();
        await stream.waitForMoreThan(0, 30_000);
      }),
      ...Array.from({ length: options.slackUsers }, async (_, u) => chats.push(await slackUser(base, slack, u, 1, () => 0, counter, [], { n: 0 }))),
    ]);
    const tickets = (await db.query<{ id: string; number: string; conversation_id: string }>('SELECT id, number, conversation_id FROM tickets ORDER BY id')).rows;
    if (tickets.length !== chats.length) throw new Error(`${chats.length} users opened ${tickets.length} tickets`);
    const roles = new Map(tickets.map((t, i) => [Number(t.id), ROLES[i % ROLES.length]]));
    // Resolve the reminder tickets through the REST API (the user is asked "Is it fixed?").
    const token = await apiToken(databaseUrl);
    for (const t of tickets.filter((t) => roles.get(Number(t.id)) !== 'sla')) {
      const res = await deliver(() => fetch(`${base}/api/v1/tickets/${t.number}/resolve`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `resolve-${t.number}` },
        body: JSON.stringify({ resolution: 'Replaced the power supply' }),
      }), counter);
      await res.arrayBuffer();
    }
    const lastMessageId = Number((await db.query<{ n: string }>('SELECT coalesce(max(id), 0) AS n FROM messages')).rows[0].n);
    // Due times spread over the run, from 10 s after the kills start to 15 s before they stop.
    const from = Date.now() + 10_000;
    const span = Math.max(1000, options.runSeconds * 1000 - 25_000);
    const byRole = (role: Role) => tickets.filter((t) => roles.get(Number(t.id)) === role);
    for (const role of ROLES) {
      const mine = byRole(role);
      for (const [k, t] of mine.entries()) {
        const due = from + Math.floor((k * span) / Math.max(1, mine.length));
        if (role === 'sla') {
          // A P1 whose resolution target is 40 s after its creation: the warning (75%) falls due at `due`, the breach 10 s later.
          await db.query(`UPDATE tickets SET priority = 'P1', created_at = $2, resolve_due_at = $3, response_due_at = $2::timestamptz + interval '10 years' WHERE id = $1`,
            [t.id, new Date(due - 30_000).toISOString(), new Date(due + 10_000).toISOString()]);
          continue;
        }
        const since = resolvedAtFor(due, role === 'remind1' ? 1 : role === 'remind2' ? 2 : 3, calendar).toISOString();
        // The audit trail is append-only; the maintenance row lets this one correction through (as retention does).
        await db.query('BEGIN');
        await db.query("INSERT INTO audit_maintenance (id, reason) VALUES (1, 'test: resolution moved back')");
        await db.query("UPDATE ticket_events SET at = $2 WHERE ticket_id = $1 AND kind = 'resolved'", [t.id, since]);
        await db.query('UPDATE tickets SET resolved_at = $2 WHERE id = $1', [t.id, since]);
        await db.query('DELETE FROM audit_maintenance');
        await db.query('COMMIT');
      }
    }
    // Act: the killer, one instance at a time, SIGKILLed and started again after a second.
    const stopAt = Date.now() + options.runSeconds * 1000;
    while (Date.now() < stopAt) {
      await sleep(options.killEveryMs);
      const victim = Math.floor(rnd() * 3);
      await instances.kill(victim);
      kills++;
      await sleep(1000);
      await instances.restart(victim);
    }
    // Settle: every notice written and sent, then time for a late duplicate to show.
    const expected = (role: Role) => ({ sla: 1, remind1: 1, remind2: 2, close: 2 })[role];
    const want = tickets.reduce((n, t) => n + expected(roles.get(Number(t.id))!), 0);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const row = (await db.query<{ out: string; pending: string }>(`SELECT (SELECT count(*) FROM messages WHERE direction = 'out' AND id > $1) AS out,
        (SELECT count(*) FROM outbox WHERE status <> 'sent') AS pending`, [lastMessageId])).rows[0];
      if ((Number(row.out) >= want && Number(row.pending) === 0) || Date.now() > deadline) break;
      await sleep(250);
    }
    // A page reconnecting after a kill gets what it missed (Last-Event-ID); 10 s is ample with an instance up.
    await sleep(10_000);
    const checks = await checkBackground(db, tickets.map((t) => ({ id: Number(t.id), number: t.number, conversationId: Number(t.conversation_id), role: roles.get(Number(t.id))! })),
      lastMessageId, chats, slack, instances.killedLabels, TIER2);
    const slackChecks = await checkSlack(databaseUrl, slack, instances.killedLabels, (channel) => channel !== TIER2);
    chats.forEach((c) => c.stream?.close());
    await instances.stop();
    return { ...checks, slack: slackChecks, kills, seconds: Math.round((Date.now() - started) / 1000) };
  } catch (error) {
    throw new Error(`${(error as Error).message}\ninstance output:\n${instances.output().slice(-4000)}`);
  } finally {
    chats.forEach((c) => c.stream?.close());
    await db.end().catch(() => undefined);
    await instances.dispose();
    await stopNginx(nginx);
    await slack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An API token for the run's resolutions, made on the shared database as `frontdesk tokens add` does. */
async function apiToken(databaseUrl: string): Promise<string> {
  const stores = pgCoreStores(new PgDatabase(databaseUrl, { poolSize: 1 }));
  try {
    return (await new ApiTokens(stores.api).add('cluster-test', ['tickets:read', 'tickets:write'], new Date())).token;
  } finally {
    await stores.close();
  }
}
