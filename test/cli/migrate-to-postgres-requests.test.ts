import path from 'node:path';
import { sqliteCoreStores } from '../../src/store/core-stores';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { SqliteStore } from '../../src/store/sqlite-store';
import { runCliCaptured } from '../helpers/cli-capture';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { useTempDir } from '../helpers/test-app';
import { NOW, at, openTicketOn } from '../store/contract-helpers';

const approval = (ticketId: number, n: number) => ({
  ticketId, catalogId: 'shared-folder', request: { folder: `share-${n}` }, requesterEmail: `user${n}@example.com`, approverEmail: 'bob@example.com',
  approverName: 'Bob Chen', step: 0, remindAt: at(60), escalateAt: at(240), createdAt: NOW,
});

describeWithPostgres()('frontdesk migrate --to postgres://… copies self-service state', () => {
  const postgres = usePostgresServer();
  const tmp = useTempDir();

  test('sessions, approvals (ids kept), codes, password pages and the directory audit arrive whole; new ids follow the copied ones', async () => {
    const file = path.join(tmp.dir, 'fd.db');
    const lite = sqliteCoreStores(new SqliteStore(file));
    const opened = [];
    for (let n = 1; n <= 3; n++) opened.push(await openTicketOn(lite.store, n));
    const approvals = [];
    for (const [i, t] of opened.entries()) approvals.push(await lite.requests.createApproval(approval(t.openedTicket!.id, i + 1)));
    await lite.requests.settle(approvals[1].id, 'denied', 'Finance only', at(5));
    await lite.requests.markReminded(approvals[2].id, at(61));
    await lite.requests.saveSession(opened[0].conversation.id, { step: 'code', catalogId: 'account-unlock', personDn: 'uid=alice', ticketId: opened[0].openedTicket!.id }, at(1));
    await lite.requests.saveCode({ subject: 'uid=alice', codeHash: 'ab'.repeat(32), expiresAt: at(10), tries: 2, lockedUntil: null }, at(1));
    await lite.requests.createToken({ tokenHash: 'cd'.repeat(32), ticketId: opened[1].openedTicket!.id, personDn: 'uid=bob', expiresAt: at(15) }, at(2));
    for (let n = 0; n < 4; n++) await lite.requests.audit({ at: at(n), actor: 'slack:U1', action: 'code_sent', target: 'uid=alice', outcome: 'ok', ticketId: opened[0].openedTicket!.id });
    await lite.close();

    const url = await postgres.server.createDatabase();
    const run = await runCliCaptured(['migrate', '--to', url], { DATABASE_PATH: file });
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.countsMatch).toBe(true);
    expect(summary.tables).toMatchObject({ request_sessions: 1, approvals: 3, verification_codes: 1, password_tokens: 1, directory_audit: 4 });
    expect(Object.keys(summary.notCopied)).not.toEqual(expect.arrayContaining(['approvals']));
    expect(summary.droppedColumns).toEqual([]);

    const pg = pgCoreStores(await openPostgres(url));
    try {
      for (const row of approvals) expect((await pg.requests.approval(row.id))!.request).toEqual(row.request);
      expect(await pg.requests.approval(approvals[1].id)).toMatchObject({ status: 'denied', reason: 'Finance only', decidedAt: at(5) });
      expect((await pg.requests.approval(approvals[2].id))!.remindedAt).toBe(at(61));
      expect(await pg.requests.session(opened[0].conversation.id, at(0))).toMatchObject({ step: 'code', personDn: 'uid=alice' });
      expect(await pg.requests.code('uid=alice')).toEqual({ subject: 'uid=alice', codeHash: 'ab'.repeat(32), expiresAt: at(10), tries: 2, lockedUntil: null });
      expect(await pg.requests.token('cd'.repeat(32), at(3))).toMatchObject({ personDn: 'uid=bob', expiresAt: at(15) });
      expect(await pg.requests.actionsSince(at(0), 'uid=alice')).toBe(3);
      // Identities moved past the copied ids.
      const next = await pg.requests.createApproval(approval(opened[0].openedTicket!.id, 9));
      expect(next.id).toBe(approvals[2].id + 1);
      await pg.requests.audit({ at: at(9), actor: 'x', action: 'unlock', target: 'uid=z', outcome: 'ok', ticketId: opened[0].openedTicket!.id });
      expect((await pg.requests.auditOf(opened[0].openedTicket!.id)).map((a) => a.id)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await pg.close();
    }
  });
});
