import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { usePostgresServer } from '../helpers/postgres-database';
import { ChatStream, deliver } from './helpers/chat-user';
import { clusterEnv } from './helpers/cluster-load';
import { InstanceSet } from './helpers/instances';
import { describeCluster, numberFrom, requireClusterServers } from './helpers/cluster-suite';
import { StatementCuttingProxy } from './helpers/statement-cutting-proxy';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Messages not yet answered and replies not yet sent, read on the database itself (not through the proxy). */
async function openWork(url: string): Promise<number> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const row = (await db.query<{ n: string }>("SELECT (SELECT count(*) FROM messages WHERE direction = 'in' AND processed_at IS NULL) + (SELECT count(*) FROM outbox WHERE status = 'pending') AS n")).rows[0];
    return Number(row.n);
  } finally {
    await db.end();
  }
}

// Issue #22: an instance exited (code 1) when PostgreSQL went away under load. Whatever statement a connection
// is lost in, the instance must stay up, report the failure where it happened, and carry on once the database
// answers. Here each statement text the instances send has its connection cut once (as a restart would cut it
// at exactly that point), while web chat users keep writing.
describeCluster('every statement of two instances, its connection cut once under load', () => {
  const pg = usePostgresServer();

  test('no instance exits, and every accepted message is answered afterwards', async () => {
    requireClusterServers();
    const url = await pg.server.createDatabase();
    let armed = false;
    let lastCut = 0;
    // One cut at a time (100 ms apart): each is its own lost connection, not one outage.
    const proxy = await new StatementCuttingProxy({ host: pg.server.host, port: pg.server.port }, (sql) => {
      if (!armed || Date.now() - lastCut < 100 || proxy.cuts.includes(sql)) return false;
      lastCut = Date.now();
      return true;
    }).start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-cuts-'));
    fs.chmodSync(dir, 0o755);
    // Web chat only: Slack is not configured.
    const { SLACK_BOT_TOKEN: _token, SLACK_SIGNING_SECRET: _secret, ...env } = clusterEnv(proxy.urlFor(url), dir);
    const instances = await InstanceSet.start(2, env);
    let writing = true;
    const counter = { retried: 0, refused: {} as Record<number, number> };
    const streams: ChatStream[] = [];
    // Six users on both instances, a new conversation (a new ticket) every three messages.
    const users = Array.from({ length: 6 }, async (_, u) => {
      const base = `http://127.0.0.1:${instances.ports[u % 2]}`;
      for (let round = 0; writing; round++) {
        const res = await deliver(() => fetch(`${base}/api/chat/session`, { method: 'POST' }), counter);
        await res.arrayBuffer();
        const cookie = String(res.headers.get('set-cookie')).split(';')[0];
        const stream = new ChatStream(base, cookie);
        streams.push(stream);
        stream.open();
        for (let m = 0; m < 3 && writing; m++) {
          await sleep(200 + Math.random() * 600);
          const text = m === 0 ? `my laptop ${u}.${round} will not boot` : `more detail ${m} on laptop ${u}.${round}`;
          const posted = await deliver(() => fetch(`${base}/api/chat/messages`, {
            method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ clientMessageId: `u${u}r${round}m${m}`, text }),
          }), counter);
          await posted.arrayBuffer();
        }
      }
    });
    try {
      await sleep(2000);
      armed = true;
      const until = Date.now() + numberFrom('CUTS_MS', 25_000);
      while (Date.now() < until && instances.exited().length === 0) await sleep(200);
      armed = false;
      writing = false;
      const exitedEarly = { exited: instances.exited(), lastWords: instances.exitedOutput() };
      expect(exitedEarly).toEqual({ exited: [], lastWords: '' });
      await Promise.all(users);
      // Settle: the instances answer and send everything accepted, with no cut any more.
      const deadline = Date.now() + 60_000;
      while ((await openWork(url)) > 0 && Date.now() < deadline && instances.exited().length === 0) await sleep(250);

      expect({ exited: instances.exited(), lastWords: instances.exitedOutput() }).toEqual({ exited: [], lastWords: '' });
      expect(await openWork(url)).toBe(0);
      // The run cut many different statements, among them the dispatcher's idle wait (the query that ended an
      // instance in #22: its failure rejected the dispatcher's loop, which nothing handled).
      expect(proxy.cuts.length).toBeGreaterThan(15);
      expect(proxy.cuts.filter((sql) => sql.includes('min(greatest(o.next_attempt_at, o.claimed_until))'))).toHaveLength(1);
    } finally {
      writing = false;
      streams.forEach((s) => s.close());
      await instances.dispose();
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
