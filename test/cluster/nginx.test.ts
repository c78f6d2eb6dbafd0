import { type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { SqliteStore } from '../../src/store/sqlite-store';
import { installSecret } from '../../src/store/install-secret';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { freePort } from '../helpers/server-process';
import { nginxConfig, nginxMissing, startNginx } from './helpers/nginx';
import { chatSession, openSse } from '../helpers/sse';
import { startTestApp, tempDir, waitFor } from '../helpers/test-app';

const run = !nginxMissing || process.env.CI === 'true' ? describe : describe.skip;

run('nginx in front of two instances with docs/nginx/frontdesk.conf', () => {
  test('/healthz reaches both instances; a web chat SSE stream gets its reply through nginx while the stream stays open', async () => {
    const tmp = tempDir('fd-nginx-');
    // Two instances share the installation secret, as instances on one PostgreSQL do: a session made on
    // one is valid on the other. Each keeps its own SQLite file here (this test is about the proxy).
    const seed = path.join(tmp.dir, 'seed.db');
    const store = new SqliteStore(seed);
    installSecret(store.db);
    await store.close();
    const apps: Awaited<ReturnType<typeof startTestApp>>[] = [];
    for (const name of ['web-1', 'web-2']) {
      const file = path.join(tmp.dir, `${name}.db`);
      fs.copyFileSync(seed, file);
      apps.push(await startTestApp({ DATABASE_PATH: file, INSTANCE_NAME: name, TRUST_PROXY: '1' }, { channels: [createWebchatChannel()], turnDeps: fixedTurnDeps() }));
    }
    let nginx: ChildProcess | null = null;
    try {
      const port = await freePort();
      nginx = await startNginx(tmp.dir, nginxConfig(tmp.dir, port, apps.map((a) => a.port)), port);
      const url = `http://127.0.0.1:${port}`;

      // least_conn over keep-alive connections: a few requests reach both instances.
      const seen = new Set<string>();
      await waitFor(async () => {
        const health = (await (await fetch(`${url}/healthz`)).json()) as { instance: string; status: string };
        expect(health.status).toBe('ok');
        seen.add(health.instance);
        return seen.size === 2;
      }, 10_000, 'both instances behind nginx');

      const timeToReply = async (base: string) => {
        const chat = await chatSession(base);
        const stream = openSse(`${base}/api/chat/events`, { cookie: chat.cookie });
        expect(await stream.opened).toBe(200);
        const before = stream.events.length;
        const sentAt = Date.now();
        // Posted to both instances directly: whichever holds the stream answers on it.
        for (const app of apps) {
          const posted = await fetch(`${app.url}/api/chat/messages`, {
            method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: JSON.stringify({ clientMessageId: `m-${app.port}`, text: 'my laptop is broken' }),
          });
          expect(posted.status).toBe(202);
        }
        try {
          await waitFor(() => stream.events.slice(before).some((e) => e.data.includes('INC-')), 4000, 'the reply on the stream');
          return Date.now() - sentAt;
        } catch {
          return null;
        } finally {
          stream.close();
        }
      };
      const throughNginx = await timeToReply(url);
      console.log(`SSE reply through nginx (proxy_buffering off): ${throughNginx} ms`);
      expect(throughNginx).not.toBeNull();

    } finally {
      if (nginx && nginx.exitCode === null) {
        nginx.kill('SIGTERM');
        await new Promise((r) => nginx!.once('exit', r));
      }
      for (const app of apps) await app.app.stop();
      tmp.cleanup();
    }
  }, 60_000);
});
