import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, freePort, kill, requireBuild, startServer } from '../helpers/server-process';
import { cpuSeconds, mountSmallDisk, requireMount } from './helpers/small-disk';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A web chat session on `url`: returns a function posting one message (its HTTP status). */
async function chat(url: string): Promise<(id: string, text: string) => Promise<number>> {
  const cookie = String((await fetch(`${url}/api/chat/session`, { method: 'POST' })).headers.get('set-cookie')).split(';')[0];
  return async (id, text) => {
    const res = await fetch(`${url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ clientMessageId: id, text }) });
    await res.arrayBuffer();
    return res.status;
  };
}

describe('a full disk and a read-only database (real tmpfs, real server process)', () => {
  test('disk full: 503 to clients, /healthz unhealthy, no hot loop (CPU, logs), and recovery by itself when space returns', async () => {
    if (!requireMount('the disk-full test')) return;
    requireBuild();
    const disk = mountSmallDisk(os.tmpdir(), 6);
    const DATABASE_PATH = path.join(disk.dir, 'full.db');
    const server = await startServer({ DATABASE_PATH, DISPATCH_BASE_DELAY_MS: '50' });
    try {
      // Arrange: a working conversation, then no space left on the device.
      const post = await chat(server.url);
      expect(await post('m0', 'my laptop will not boot')).toBe(202);
      await sleep(500);
      disk.fill();

      // Act: keep writing until the disk refuses (pages with room may take a few more).
      const statuses: number[] = [];
      for (let i = 1; i <= 400 && !statuses.includes(503); i++) statuses.push(await post(`m${i}`, `more detail ${i} `.repeat(40)));
      const health = await fetch(`${server.url}/healthz`);
      const healthBody = await health.json();
      const cpuBefore = cpuSeconds(server.child.pid!);
      const logBefore = server.output().length;
      const during: number[] = [];
      for (let i = 0; i < 10; i++) {
        during.push(await post(`d${i}`, 'still broken'));
        await sleep(300);
      }
      const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
      const logBytes = server.output().length - logBefore;
      console.log(`disk full: statuses before the first 503=${statuses.length}, then ${JSON.stringify(during)}; healthz ${health.status}; cpu ${cpu.toFixed(2)} s in 3 s; log ${logBytes} bytes in 3 s`);

      // Assert: refused with 503 (never 500), unhealthy, idle (no retry loop), quiet logs.
      expect(statuses.at(-1)).toBe(503);
      expect(statuses.filter((s) => s !== 202 && s !== 503)).toEqual([]);
      expect(during.every((s) => s === 503)).toBe(true);
      expect(health.status).toBe(503);
      expect(healthBody).toMatchObject({ status: 'unhealthy', database: { writable: false, code: 'SQLITE_FULL' } });
      expect(cpu).toBeLessThan(1);
      expect(logBytes).toBeLessThan(10_000);

      // Act: space comes back.
      disk.free();
      let healthy = false;
      for (const deadline = Date.now() + 20_000; !healthy && Date.now() < deadline; await sleep(200)) {
        healthy = (await fetch(`${server.url}/healthz`)).status === 200;
      }

      // Assert: healthy again by itself, accepting, and every stored message answered.
      expect(healthy).toBe(true);
      expect(await post('after', 'thanks')).toBe(202);
      let open = -1;
      for (const deadline = Date.now() + 20_000; open !== 0 && Date.now() < deadline; await sleep(200)) {
        const db = new Database(DATABASE_PATH, { readonly: true });
        open = (db.prepare("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL").get() as { n: number }).n;
        db.close();
      }
      expect(open).toBe(0);
    } finally {
      await kill(server.child, 'SIGKILL');
      disk.unmount();
    }
  }, 120_000);

  test('a read-only database is refused at start with one clear line', async () => {
    if (!requireMount('the read-only test')) return;
    requireBuild();
    const disk = mountSmallDisk(os.tmpdir(), 8);
    try {
      // Arrange: a database made by a server, then the filesystem turns read-only.
      const DATABASE_PATH = path.join(disk.dir, 'ro.db');
      const first = await startServer({ DATABASE_PATH });
      await kill(first.child, 'SIGTERM');
      disk.readOnly();

      // Act
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_PATH, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (c) => (stderr += c));
        child.on('exit', (code) => resolve({ code, stderr }));
      });

      // Assert
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/read-only|cannot be written/);
    } finally {
      disk.unmount();
    }
  }, 60_000);
});
void freePort;
