import path from 'node:path';
import Database from 'better-sqlite3';
import { chatSession } from '../helpers/sse';
import { freePort, kill, startServer } from '../helpers/server-process';
import { tempDir, waitFor } from '../helpers/test-app';

jest.setTimeout(60_000);

// "talk to a human about ..." logs a ticket on the spot, so every session ends with a numbered ticket.
const PROBLEMS = ['vpn fails with error 809', 'printer on floor 2 offline', 'outlook keeps asking for password', 'laptop fan very loud', 'cannot open the shared drive']
  .map((p) => `I want to talk to a human: ${p}`);

describe('crash safety of a real server process', () => {
  test('SIGKILL with turns and replies in flight: after restart every message is answered exactly once', async () => {
    const tmp = tempDir();
    const db = path.join(tmp.dir, 'crash.db');
    // The first process never sends: its replies stay in the outbox when it is killed.
    const PORT = String(await freePort());
    const first = await startServer({ PORT, DATABASE_PATH: db, DISPATCH_START_DELAY_MS: '600000' });
    const sessions = await Promise.all(PROBLEMS.map(() => chatSession(first.url)));
    await Promise.all(sessions.map(async (chat, i) => {
      expect((await chat.post('hello')).status).toBe(202);
      expect((await chat.post(PROBLEMS[i])).status).toBe(202);
    }));
    await kill(first.child, 'SIGKILL');

    const second = await startServer({ PORT, DATABASE_PATH: db, DISPATCH_START_DELAY_MS: '1500' });
    const streams = sessions.map((chat) => chat.events());
    try {
      await Promise.all(streams.map((s) => s.opened));
      const replies = (i: number) => streams[i].events.filter((e) => e.event === 'message');
      // Greeting + acknowledgement, and an escalation note when the ticket goes straight to tier-2.
      await waitFor(() => streams.every((_, i) => replies(i).length >= 2), 20_000, 'all replies');
      await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive now
      for (const [i] of streams.entries()) {
        const ids = replies(i).map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(replies(i).length).toBeGreaterThanOrEqual(2);
        expect(JSON.parse(replies(i)[1].data).message.text).toMatch(/(INC|REQ)-00000[1-5]/);
      }
      await kill(second.child, 'SIGTERM');
      const check = new Database(db, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.prepare("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL").get()).toEqual({ n: 0 });
      const sent = check.prepare("SELECT count(*) AS n, sum(attempts) AS tries FROM outbox WHERE status = 'sent'").get() as { n: number; tries: number };
      expect(sent.tries).toBe(sent.n);
      // Every queued reply reached its page exactly once: as many events as sent rows, no id twice.
      expect(streams.reduce((n, _, i) => n + replies(i).length, 0)).toBe(sent.n);
      expect(check.prepare("SELECT count(*) AS n FROM outbox WHERE status != 'sent'").get()).toEqual({ n: 0 });
      const numbers = check.prepare('SELECT number FROM tickets ORDER BY id').all().map((r) => (r as { number: string }).number);
      expect(numbers).toHaveLength(5);
      for (const prefix of ['INC', 'REQ']) {
        const mine = numbers.filter((n) => n.startsWith(prefix)).sort();
        expect(mine).toEqual(mine.map((_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`));
      }
      check.close();
    } finally {
      streams.forEach((s) => s.close());
      await kill(second.child, 'SIGKILL');
      tmp.cleanup();
    }
  });

  test('SIGTERM drains the outbox before exiting', async () => {
    const tmp = tempDir();
    const db = path.join(tmp.dir, 'term.db');
    const server = await startServer({ DATABASE_PATH: db, DISPATCH_START_DELAY_MS: '600000' });
    const chat = await chatSession(server.url);
    await chat.post('my monitor flickers');
    await waitFor(() => {
      const check = new Database(db, { readonly: true });
      const row = check.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number };
      check.close();
      return row.n >= 1;
    }, 10_000, 'reply queued');
    expect(await kill(server.child, 'SIGTERM')).toBe(0);
    const check = new Database(db, { readonly: true });
    const rows = check.prepare('SELECT status FROM outbox').all() as { status: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    check.close();
    tmp.cleanup();
  });
});
