import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store';
import { SqliteRequestStore } from '../../src/requests/sqlite-request-store';
import { Verifier } from '../../src/requests/verification';
import { DirectoryActions } from '../../src/requests/directory-actions';
import { createLogger } from '../../src/log';
import { tempDir } from '../helpers/test-app';

describe('one-time codes and rate limits (real SQLite file)', () => {
  const tmp = tempDir();
  const store = new SqliteStore(path.join(tmp.dir, 'codes.db'));
  const db = new SqliteRequestStore(store.db);
  const verifier = new Verifier(db, randomBytes(32), 30 * 60_000);
  const t0 = new Date('2026-12-06T09:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  afterAll(async () => {
    await store.close();
    tmp.cleanup();
  });

  test('a code is stored only as a hash, works once, and expires after 10 minutes', async () => {
    const code = await verifier.issue('uid=a', t0);
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(await db.code('uid=a'))).not.toContain(code);
    expect(await verifier.check('uid=a', code, at(9.9))).toEqual({ result: 'ok' });
    expect(await verifier.check('uid=a', code, at(9.95))).toEqual({ result: 'expired' });
    const late = await verifier.issue('uid=a', t0);
    expect(await verifier.check('uid=a', late, at(10))).toEqual({ result: 'expired' });
  });

  test('five wrong codes lock the entry; the lock ends after its time', async () => {
    const code = await verifier.issue('uid=b', t0);
    const wrong = code === '123456' ? '654321' : '123456';
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await verifier.check('uid=b', wrong, at(1)));
    expect(answers).toEqual([4, 3, 2, 1].map((left) => ({ result: 'wrong', left })));
    expect(await verifier.check('uid=b', wrong, at(1))).toEqual({ result: 'locked' });
    expect(await verifier.check('uid=b', code, at(2))).toEqual({ result: 'expired' });
    expect(await verifier.locked('uid=b', at(30))).toBe(true);
    expect(await verifier.locked('uid=b', at(31.1))).toBe(false);
  });

  test('directory actions are limited per person and overall, per hour', async () => {
    const actions = new DirectoryActions({} as never, db, { perUserHour: 2, perHour: 3 }, createLogger({ level: 'silent' }));
    await actions.record(t0, 'slack:U1', 'code_sent', 'uid=c', 'ok');
    expect(await actions.allowed('uid=c', at(1))).toBe(true);
    await actions.record(t0, 'slack:U1', 'unlock', 'uid=c', 'ok');
    expect(await actions.allowed('uid=c', at(1))).toBe(false);
    expect(await actions.allowed('uid=d', at(1))).toBe(true);
    await actions.record(t0, 'slack:U2', 'code_sent', 'uid=d', 'ok');
    expect(await actions.allowed('uid=e', at(1))).toBe(false);
    expect(await actions.allowed('uid=c', at(61))).toBe(true);
  });
});

describe('erasure covers self-service rows', () => {
  test('users erase blanks the person\'s approvals, sessions and audit details', async () => {
    const { erasePersonalData } = await import('../../src/store/personal-data');
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'erase.db'));
    try {
      const now = '2026-12-06T09:00:00.000Z';
      await store.acceptInbound({ ref: { channel: 'slack', conversationId: 'D1', userId: 'U1' }, platformMessageId: 'm1', text: 'unlock my account', user: { email: 'alice@example.com', name: 'Alice' } }, now);
      const conversation = (await store.findConversation({ channel: 'slack', conversationId: 'D1' }))!;
      const db = new SqliteRequestStore(store.db);
      await db.saveSession(conversation.id, { step: 'code', personDn: 'uid=alice' }, now);
      store.db.prepare("INSERT INTO tickets (number, type, category, impact, urgency, priority, status, requester_id, conversation_id, summary, description, lang, response_due_at, resolve_due_at, created_at, updated_at) VALUES ('REQ-000001', 'service_request', 'data', 3, 3, 'P4', 'new', ?, ?, 's', 'd', 'en', ?, ?, ?, ?)")
        .run(conversation.userId, conversation.id, now, now, now, now);
      await db.createApproval({ ticketId: 1, catalogId: 'shared-folder', request: { folder: 'finance' }, requesterEmail: 'alice@example.com', approverEmail: 'bob@example.com', approverName: 'Bob', step: 0, remindAt: now, escalateAt: now, createdAt: now });
      await db.audit({ at: now, actor: 'slack:U1', action: 'code_sent', target: 'alice@example.com', outcome: 'ok', detail: 'x' });
      erasePersonalData(store.db, 'alice@example.com', new Date(now));
      expect(await db.session(conversation.id)).toBeNull();
      expect(await db.approval(1)).toMatchObject({ requesterEmail: 'erased', request: {} });
      expect(store.db.prepare('SELECT actor, target, detail FROM directory_audit').get()).toEqual({ actor: 'erased', target: 'erased', detail: null });
    } finally {
      await store.close();
      tmp.cleanup();
    }
  });
});
