import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type net from 'node:net';
import { answers, madeUpCookie, openStreams, startLimitedServer, stillOpen } from '../helpers/flood';
import { BIN, kill, requireBuild, ROOT } from '../helpers/server-process';
import { tempDir } from '../helpers/test-app';

jest.setTimeout(180_000);

const PASSWORD = 'flood test password';

describe('a flood of event-stream connections against `frontdesk start` under ulimit -n 1024', () => {
  test('3,000 stream requests (made-up and issued sessions): capped, refused, counted; /healthz and the console login keep answering', async () => {
    requireBuild();
    const tmp = tempDir();
    const env = { DATABASE_PATH: path.join(tmp.dir, 'flood.db'), STREAMS_MAX: '100', STREAMS_PER_ADDRESS: '1000', STREAMS_PER_SESSION: '5' };
    execFileSync(process.execPath, [BIN, 'agents', 'add', 'root', '--name', 'Root', '--role', 'admin'], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, FRONTDESK_AGENT_PASSWORD: PASSWORD }, stdio: 'pipe',
    });
    const server = await startLimitedServer(ROOT, env, 1024);
    const sockets: net.Socket[] = [];
    try {
      // Arrange: 60 sessions the server issued, 5 streams each would be 300 (past the overall cap of 100).
      const issued: string[] = [];
      for (let i = 0; i < 60; i++) issued.push(String((await fetch(`${server.url}/api/chat/session`, { method: 'POST' })).headers.get('set-cookie')).split(';')[0]);
      // Act: 300 streams on issued sessions (6 per session: one over the per-session cap), 2,700 made-up.
      sockets.push(...(await openStreams(server.port, 360, (i) => issued[i % 60])));
      sockets.push(...(await openStreams(server.port, 2640, madeUpCookie)));
      // Assert: the server holds at most the cap; everything else was answered and closed.
      await new Promise((r) => setTimeout(r, 500));
      expect(stillOpen(sockets)).toBeLessThanOrEqual(100);
      expect(await answers(`${server.url}/healthz`, 3000)).toBe(true);
      const health = await (await fetch(`${server.url}/healthz`)).json();
      expect(health).toMatchObject({ status: 'degraded', streams: { open: 100, max: 100, degraded: true } });
      const login = await answers(`${server.url}/console/login`, 3000, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'root', password: PASSWORD }),
      });
      expect(login).toBe(true);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const refused = (reason: string) => Number(new RegExp(`frontdesk_stream_refusals_total\\{reason="${reason}",frontdesk_instance="[^"]+"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
      expect(refused('unknown_session')).toBe(2640);
      expect(refused('overall') + refused('session')).toBe(260);
      expect(metrics).toMatch(/frontdesk_open_streams\{frontdesk_instance="[^"]+"\} 100/);
      expect(server.output()).toMatch(/event streams refused/);
      // Streams freed are available again.
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => setTimeout(r, 500));
      expect((await (await fetch(`${server.url}/healthz`)).json()).status).toBe('ok');
    } finally {
      sockets.forEach((s) => s.destroy());
      await kill(server.child, 'SIGKILL');
      tmp.cleanup();
    }
  });
});
