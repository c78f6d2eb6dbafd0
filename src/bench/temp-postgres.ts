import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's PostgreSQL 15 binaries (package `postgresql`). */
const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away PostgreSQL for a bench run when DATABASE_URL is not given: initdb and pg_ctl in a temp
 * folder on a free port (as `postgres` when run as root, which PostgreSQL refuses), durability off.
 */
export async function startTempPostgres(): Promise<{ url: string; stop(): void }> {
  if (!fs.existsSync(path.join(PG_BIN, 'pg_ctl'))) throw new Error('PostgreSQL 15 is not installed (Debian package postgresql); or set DATABASE_URL');
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const file = path.join(PG_BIN, program);
    execFileSync(asRoot ? 'runuser' : file, asRoot ? ['-u', 'postgres', '--', file, ...args] : args, { stdio: 'pipe', timeout: 60_000 });
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-bench-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'fd', '-E', 'UTF8', '--no-sync', '--locale=C']);
  run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`, '-l', path.join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://fd@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
