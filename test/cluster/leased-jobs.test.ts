import fs from 'node:fs';
import path from 'node:path';
import { SqliteLeaseStore } from '../../src/store/sqlite-lease-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { startTestApp, tempDir, waitFor } from '../helpers/test-app';

const LEASED = ['sla', 'auto-close', 'retention', 'broadcasts', 'incidents'];

describe('background work under cluster leases (SQLite: one server per file)', () => {
  test('a started server holds the leases of its background work, says so in /healthz, and releases them at stop', async () => {
    const t = await startTestApp();
    try {
      const health = await waitFor(async () => {
        const body = (await (await fetch(`${t.url}/healthz`)).json()) as { leases: string[] };
        return body.leases.length === LEASED.length ? body : null;
      }, 5000, 'the leases');
      expect(health.leases.sort()).toEqual([...LEASED].sort());
    } finally {
      await t.app.stop();
    }
    const store = new SqliteStore(path.join(t.dir, 'test.db'));
    const leases = new SqliteLeaseStore(store.db);
    for (const name of LEASED) expect(await leases.holder(name, new Date().toISOString())).toBeNull();
    await store.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  });

  test('leases a killed server left behind do not hold the next start back for their TTL', async () => {
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'test.db');
    const store = new SqliteStore(file);
    const leases = new SqliteLeaseStore(store.db);
    // As a process killed with SIGKILL leaves them: held, an hour to go.
    for (const name of LEASED) expect(await leases.acquire(name, 'dead-host:1:0', new Date().toISOString(), 3_600_000)).toBe(true);
    await store.close();
    const t = await startTestApp({ DATABASE_PATH: file });
    try {
      await waitFor(async () => ((await (await fetch(`${t.url}/healthz`)).json()) as { leases: string[] }).leases.length === LEASED.length, 5000, 'the leases taken over');
    } finally {
      await t.stop();
      tmp.cleanup();
    }
  });
});
