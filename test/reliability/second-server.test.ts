import { spawn } from 'node:child_process';
import path from 'node:path';
import { BIN, ROOT, freePort, kill, requireBuild, startServer } from '../helpers/server-process';
import { tempDir } from '../helpers/test-app';

/** `frontdesk start` expected to stop by itself: its exit code and output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the second server did not stop by itself; output: ${stdout}${stderr}`));
    }, 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('one server per SQLite database (real processes)', () => {
  test('a second `frontdesk start` on the same file refuses with one line; after a kill -9 of the first, a new one starts', async () => {
    // Arrange: a first server on the database.
    requireBuild();
    const tmp = tempDir();
    const DATABASE_PATH = path.join(tmp.dir, 'one.db');
    const first = await startServer({ DATABASE_PATH });
    try {
      // Act: a second server on the same file, another port.
      const second = await runToExit({ DATABASE_PATH, PORT: String(await freePort()) });

      // Assert: refused, one clear line, no stack trace; the first keeps serving.
      expect(second.code).toBe(2);
      const lines = second.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('in use by another running Frontdesk server');
      expect(second.stderr).not.toMatch(/\n\s+at /);
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

      // Act: the first dies by SIGKILL; the lock is the kernel's, so it goes with the process.
      await kill(first.child, 'SIGKILL');
      const third = await startServer({ DATABASE_PATH });

      // Assert
      expect((await fetch(`${third.url}/healthz`)).status).toBe(200);
      await kill(third.child, 'SIGTERM');
    } finally {
      await kill(first.child, 'SIGKILL');
      tmp.cleanup();
    }
  }, 60_000);
});
