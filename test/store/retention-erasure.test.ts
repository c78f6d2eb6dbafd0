import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runUsersCommand } from '../../src/cli/users.command';
import { SqliteStore } from '../../src/store/sqlite-store';
import { applyRetention } from '../../src/store/retention';
import { draft, inbound } from './store-contract';
import { tempDir } from '../helpers/test-app';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T09:00:00.000Z');
const at = (day: number) => new Date(T0 + day * DAY).toISOString();

/** A conversation by `user` on `day` that opens a ticket and gets a reply; the reply is then sent. */
async function ticketConversation(store: SqliteStore, user: string, day: number, email = `${user}@example.com`) {
  const accepted = await store.acceptInbound({ ...inbound(`m-${user}-${day}`, `my laptop ${user} is broken, call +49 170 1234567`, `c-${user}-${day}`, user), user: { name: `Name ${user}`, email } }, at(day));
  const result = await store.commitTurn({
    conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
    state: { answers: { phone: '+49 170 1234567' } }, tickets: [{ kind: 'open', draft: { ...draft(), summary: `Laptop of ${user}`, description: `${user} says it is broken` } }],
    events: [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: { channel: 'webchat', text: `${user} wrote this` } }],
    outbound: [{ kind: 'text', text: `Logged as {ticket} for ${user}. `.repeat(20) }], now: at(day),
  });
  for (const id of result.outboxIds) await store.markSent(id, at(day));
  return result;
}

describe('retention', () => {
  test('old transcripts, sent payload copies and audit events go; tickets, numbers and recent data stay', async () => {
    // Arrange: conversations 400, 100 and 0 days before "now" (day 400).
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'retention.db'));
    store.clearPayloadOnSend = false; // RETENTION_SENT_PAYLOAD_DAYS > 0: sent copies kept until the pass
    await ticketConversation(store, 'old', 0);
    await ticketConversation(store, 'mid', 300);
    await ticketConversation(store, 'new', 400);
    const count = (sql: string) => Number((store.db.prepare(sql).get() as { n: number }).n);

    // Act
    const result = applyRetention(store.db, { transcriptDays: 365, sentPayloadDays: 1, auditDays: 200 }, new Date(at(400.5)));

    // Assert
    expect(result).toMatchObject({ messagesDeleted: 2, payloadsCleared: 2, outboxRowsDeleted: 1, auditEventsDeleted: 1 });
    expect(count('SELECT count(*) AS n FROM messages')).toBe(4);
    expect(count("SELECT count(*) AS n FROM outbox WHERE message_json != '{}'")).toBe(1);
    expect(count('SELECT count(*) AS n FROM ticket_events')).toBe(2);
    expect((store.db.prepare('SELECT number FROM tickets ORDER BY id').all() as { number: string }[]).map((r) => r.number)).toEqual(['INC-000001', 'INC-000002', 'INC-000003']);
    // The audit trail is still append-only for everyone else.
    expect(() => store.db.prepare('DELETE FROM ticket_events').run()).toThrow('append-only');
    await store.close();
    tmp.cleanup();
  });
});

test('by default a sent outbox row drops its copy of the reply at once; the transcript keeps the reply', async () => {
  // Arrange
  const tmp = tempDir();
  const store = new SqliteStore(path.join(tmp.dir, 'copy.db'));

  // Act
  const result = await ticketConversation(store, 'ana', 0);

  // Assert
  expect(store.db.prepare('SELECT message_json FROM outbox WHERE id = ?').get(result.outboxIds[0])).toEqual({ message_json: '{}' });
  const transcript = await store.transcript(result.conversation.id);
  expect(transcript.at(-1)).toMatchObject({ direction: 'out', delivery: 'sent', payload: { kind: 'text', text: expect.stringContaining('Logged as INC-000001') } });
  await store.close();
  tmp.cleanup();
});

describe('users export / erase (subject access, GDPR erasure)', () => {
  async function run(args: string[], env: Record<string, string>) {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => (out += c));
    const code = await runUsersCommand(args, { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env, cwd: '/' });
    return { code, out };
  }

  test('export returns the person\'s data; erase removes it everywhere and keeps ticket numbers and KPI fields', async () => {
    // Arrange: Ana with a ticket and a CSAT score, Bo untouched.
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'gdpr.db');
    const store = new SqliteStore(file);
    const ana = await ticketConversation(store, 'ana', 0, 'Ana.Lima@example.com');
    await ticketConversation(store, 'bo', 0);
    store.db.prepare('UPDATE tickets SET csat = 5 WHERE id = ?').run(ana.openedTicket!.id);
    // A search of hers the knowledge base could not answer (the gaps report counts it).
    store.db.prepare("INSERT INTO kb_gaps (at, conversation_id, channel, lang, query) VALUES (?, ?, 'webchat', 'en', 'ana printer driver')").run(at(0), ana.conversation.id);
    const env = { DATABASE_PATH: file };

    // Act + Assert: subject access by email (any case).
    const exported = await run(['export', 'ana.lima@example.com'], env);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.out);
    expect(data.users[0]).toMatchObject({ name: 'Name ana', email: 'Ana.Lima@example.com' });
    expect(data.users[0].conversations[0].messages[0].text).toContain('my laptop ana is broken');
    expect(data.users[0].tickets[0]).toMatchObject({ number: 'INC-000001', summary: 'Laptop of ana' });

    // Act + Assert: erase needs --yes, then removes every personal trace of Ana.
    expect((await run(['erase', 'ana.lima@example.com'], env)).code).toBe(1);
    const erased = await run(['erase', 'ana.lima@example.com', '--yes'], env);
    expect(erased.code).toBe(0);
    const dump = (store.db.prepare(`SELECT group_concat(x, ' ') AS all_text FROM (
      SELECT coalesce(name, '') || coalesce(email, '') || platform_user_id AS x FROM users
      UNION ALL SELECT text || coalesce(payload_json, '') FROM messages
      UNION ALL SELECT ref_json || message_json FROM outbox
      UNION ALL SELECT platform_conversation_id || ref_json || state_json FROM conversations
      UNION ALL SELECT summary || description || slots_json FROM tickets
      UNION ALL SELECT data_json FROM ticket_events
      UNION ALL SELECT query FROM kb_gaps)`).get() as { all_text: string }).all_text;
    expect(dump).not.toMatch(/ana/i);
    expect(dump).toMatch(/bo@example\.com/);
    expect(store.db.prepare('SELECT number, category, priority, csat FROM tickets ORDER BY id').all()).toEqual([
      { number: 'INC-000001', category: 'hardware', priority: 'P4', csat: 5 },
      { number: 'INC-000002', category: 'hardware', priority: 'P4', csat: null },
    ]);
    expect(store.db.prepare('SELECT count(*) AS n FROM kb_gaps').get()).toEqual({ n: 1 });
    expect(store.db.prepare("SELECT kind FROM ticket_events WHERE ticket_id = ? ORDER BY id").all(ana.openedTicket!.id)).toEqual([{ kind: 'opened' }, { kind: 'personal_data_erased' }]);
    await expect(run(['export', 'ana.lima@example.com'], env)).rejects.toThrow('no user with email');
    await store.close();
    tmp.cleanup();
  });
});
