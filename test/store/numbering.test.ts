import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, requireBuild } from '../helpers/server-process';
import { tempDir } from '../helpers/test-app';

jest.setTimeout(60_000);

// Each worker is a separate process with its own connection: real concurrency on one database file.
const WORKER = `
const { SqliteStore } = require(${JSON.stringify(path.join(ROOT, 'dist/src/store/sqlite-store.js'))});
const [file, worker, count] = process.argv.slice(1);
(async () => {
  const store = new SqliteStore(file);
  const now = new Date().toISOString();
  for (let i = 0; i < Number(count); i++) {
    const ref = { channel: 'webchat', conversationId: 'w' + worker + '-' + i, userId: 'u' + worker };
    const accepted = await store.acceptInbound({ ref, platformMessageId: ref.conversationId, text: 'broken' }, now);
    const type = i % 3 === 0 ? 'service_request' : 'incident';
    await store.commitTurn({ conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId,
      mode: 'bot', lang: 'en', state: {}, events: [], outbound: [], now,
      tickets: [{ kind: 'open', draft: { type, category: 'other', impact: 3, urgency: 2, priority: 'P4', summary: 's', description: 'd',
        lang: 'en', responseDueAt: now, resolveDueAt: now } }] });
  }
  await store.close();
})().catch((e) => { console.error(e); process.exit(1); });
`;

test('ticket numbers from four concurrent processes are unique and gap-free per prefix', async () => {
  requireBuild();
  const tmp = tempDir();
  const file = path.join(tmp.dir, 'numbers.db');
  new Database(file).close();
  const runs = [0, 1, 2, 3].map(
    (w) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, ['-e', WORKER, file, String(w), '60'], { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('exit', (code) => resolve(code ?? 1));
      }),
  );
  expect(await Promise.all(runs)).toEqual([0, 0, 0, 0]);
  const db = new Database(file, { readonly: true });
  const numbers = (prefix: string) =>
    db.prepare('SELECT number FROM tickets WHERE number LIKE ? ORDER BY number').all(`${prefix}-%`).map((r) => (r as { number: string }).number);
  const expected = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`);
  expect(numbers('REQ')).toEqual(expected('REQ', 80));
  expect(numbers('INC')).toEqual(expected('INC', 160));
  db.close();
  tmp.cleanup();
});
