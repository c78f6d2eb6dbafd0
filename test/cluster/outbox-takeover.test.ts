import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { freePort, kill, ROOT, startServer } from '../helpers/server-process';
import { SlackApiStandIn } from '../slack/helpers/slack-api-stand-in';
import { postEvent, TEST_SIGNING_SECRET } from '../slack/helpers/signed-request';
import { useTempDir } from '../helpers/test-app';

/**
 * The Slack Web API as seen by an instance about to die: every call goes to the stand-in except
 * chat.postMessage, which is received and never answered (the reply is out for sending at the SIGKILL).
 */
async function hangingPosts(slack: SlackApiStandIn) {
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if ((req.url ?? '').endsWith('/chat.postMessage')) return void held.push(res);
      const forwarded = await fetch(`http://127.0.0.1:${slack.port}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
      res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await forwarded.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, held,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(r)); },
  };
}

describeWithPostgres()('a reply out for sending when its instance is SIGKILLed (frontdesk start on PostgreSQL)', () => {
  const pg = usePostgresServer();
  const tmp = useTempDir();

  test('another instance sends it within seconds (the outbox claim lease), not after the 5-minute default', async () => {
    const url = await pg.server.createDatabase();
    const slack = await new SlackApiStandIn().start();
    const hanging = await hangingPosts(slack);
    const env = { DATABASE_URL: url, DATABASE_PATH: path.join(tmp.dir, 'unused.db'), SLACK_BOT_TOKEN: 'xoxb-takeover', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, DISPATCH_BASE_DELAY_MS: '50' };
    const a = await startServer({ ...env, INSTANCE_NAME: 'web-1', SLACK_API_URL: hanging.url });
    let b: Awaited<ReturnType<typeof startServer>> | null = null;
    try {
      // Arrange: a DM answered on A, whose dispatcher claims the reply and is stuck sending it.
      const body = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'slack', 'event-message-im.json'), 'utf8'));
      expect((await postEvent(a.url, body)).status).toBe(200);
      await slack.waitFor(() => hanging.held.length > 0, 15_000);
      // Act: A dies with the reply claimed; B starts on the same database with a Slack that answers.
      await kill(a.child, 'SIGKILL');
      const killedAt = Date.now();
      b = await startServer({ ...env, INSTANCE_NAME: 'web-2', PORT: String(await freePort()), SLACK_API_URL: slack.url });
      // Assert: B sends the reply once A's claim has run out.
      await slack.waitFor(() => slack.callsOf('chat.postMessage').length > 0, 30_000);
      const takeoverMs = Date.now() - killedAt;
      console.log(`reply of a SIGKILLed instance sent by another after ${takeoverMs} ms`);
      const db = new Client({ connectionString: url });
      await db.connect();
      const rows = (await db.query("SELECT status, claimed_by FROM outbox ORDER BY id")).rows;
      await db.end();
      expect(rows[0]).toMatchObject({ status: 'sent' });
    } finally {
      await kill(a.child, 'SIGKILL');
      if (b) await kill(b.child, 'SIGTERM');
      await hanging.close();
      await slack.stop();
    }
  }, 90_000);
});
