import fs from 'node:fs';
import path from 'node:path';
import { openCoreStores } from '../../src/store/open-core-stores';
import { runCliCaptured } from '../helpers/cli-capture';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { useTempDir } from '../helpers/test-app';
import { draft, inbound } from '../store/store-contract';

describeWithPostgres()('frontdesk users export / erase on PostgreSQL (DATABASE_URL)', () => {
  const pg = usePostgresDatabase();
  const tmp = useTempDir();

  test('export and erase work on the PostgreSQL database; the SQLite file is never created', async () => {
    // Arrange: Ana's ticket in PostgreSQL.
    const stores = await openCoreStores({ DATABASE_URL: pg.url, DATABASE_PATH: '' });
    const now = '2026-03-02T09:00:00.000Z';
    const accepted = await stores.store.acceptInbound({ ...inbound('m1', 'printer on floor 3 jams, ana here'), user: { name: 'Ana Lima', email: 'ana@example.com' } }, now);
    await stores.store.commitTurn({
      conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: {},
      tickets: [{ kind: 'open', draft: { ...draft(), summary: 'Printer of Ana' } }], events: [], outbound: [{ kind: 'text', text: 'Logged as {ticket}.' }], now,
    });
    await stores.close();
    const file = path.join(tmp.dir, 'fd.db');
    const env = { DATABASE_URL: pg.url, DATABASE_PATH: file };

    // Act + Assert
    const exported = await runCliCaptured(['users', 'export', 'ana@example.com'], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).users[0]).toMatchObject({ name: 'Ana Lima', tickets: [{ number: 'INC-000001', summary: 'Printer of Ana' }] });
    const unconfirmed = await runCliCaptured(['users', 'erase', 'ana@example.com'], env);
    expect(unconfirmed.code).toBe(1);
    const erased = await runCliCaptured(['users', 'erase', 'ana@example.com', '--yes'], env);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout).erased).toMatchObject({ users: 1, tickets: 1, messages: 2 });
    const again = await runCliCaptured(['users', 'export', 'ana@example.com'], env);
    expect(again.stderr).toContain('no user with email ana@example.com');
    expect(fs.existsSync(file)).toBe(false);
  });
});
