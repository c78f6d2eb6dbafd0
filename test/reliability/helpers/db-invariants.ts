import Database from 'better-sqlite3';
import { MAX_TEXT_LENGTH } from '../../../src/types/conversation';

/** What the database looks like after a run, and every rule it broke (empty = consistent). */
export type DbReport = {
  inbound: number;
  unprocessed: number;
  outbox: { sent: number; pending: number; failed: number; retried: number };
  tickets: number;
  problems: string[];
};

const count = (db: Database.Database, sql: string, ...args: unknown[]) => Number((db.prepare(sql).get(...args) as { n: number }).n);

/**
 * The "nothing half-stored" rules: integrity and foreign keys, every inbound message answered, every
 * outbox row mirrored by exactly one outbound message row, ticket numbers unique and gap-free per prefix
 * and equal to their counter, no text over the limit. `answered`: no inbound message left unprocessed;
 * `settled`: that plus an outbox fully sent, each row in one attempt.
 */
export function checkDatabase(file: string, options: { answered?: boolean; settled?: boolean } = {}): DbReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
    const unprocessed = count(db, "SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL");
    if ((options.answered || options.settled) && unprocessed > 0) problems.push(`${unprocessed} inbound messages never answered`);
    const orphanOut = count(db, "SELECT count(*) AS n FROM messages m WHERE m.direction = 'out' AND m.outbox_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = m.outbox_id)");
    const unmirrored = count(db, "SELECT count(*) AS n FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.outbox_id = o.id)");
    if (orphanOut + unmirrored > 0) problems.push(`outbox and messages disagree (${orphanOut} orphans, ${unmirrored} unmirrored)`);
    const dupIn = count(db, "SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE direction = 'in' GROUP BY channel, platform_message_id HAVING count(*) > 1)");
    if (dupIn > 0) problems.push(`${dupIn} inbound messages stored twice`);
    const tooLong = count(db, 'SELECT count(*) AS n FROM messages WHERE direction = ? AND length(text) > ?', 'in', MAX_TEXT_LENGTH);
    if (tooLong > 0) problems.push(`${tooLong} inbound texts over ${MAX_TEXT_LENGTH} characters`);
    const orphanTickets = count(db, 'SELECT count(*) AS n FROM conversations c WHERE c.ticket_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id)');
    if (orphanTickets > 0) problems.push(`${orphanTickets} conversations point at missing tickets`);
    const numbers = (db.prepare('SELECT number FROM tickets').all() as Array<{ number: string }>).map((r) => r.number);
    if (new Set(numbers).size !== numbers.length) problems.push('duplicate ticket numbers');
    for (const prefix of ['INC', 'REQ']) {
      const mine = numbers.filter((n) => n.startsWith(`${prefix}-`)).map((n) => Number(n.slice(4))).sort((a, b) => a - b);
      if (mine.some((n, i) => n !== i + 1)) problems.push(`${prefix} numbers have gaps: ${mine.slice(0, 10).join(',')}...`);
      const counter = db.prepare('SELECT value FROM counters WHERE name = ?').get(prefix) as { value: number } | undefined;
      if ((counter?.value ?? 0) !== mine.length) problems.push(`${prefix} counter ${counter?.value ?? 0} but ${mine.length} tickets`);
    }
    const outbox = {
      sent: count(db, "SELECT count(*) AS n FROM outbox WHERE status = 'sent'"),
      pending: count(db, "SELECT count(*) AS n FROM outbox WHERE status = 'pending'"),
      failed: count(db, "SELECT count(*) AS n FROM outbox WHERE status = 'failed'"),
      retried: count(db, "SELECT count(*) AS n FROM outbox WHERE status = 'sent' AND attempts != 1"),
    };
    if (options.settled && outbox.pending + outbox.failed > 0) problems.push(`outbox not drained: ${outbox.pending} pending, ${outbox.failed} failed`);
    if (options.settled && outbox.retried > 0) problems.push(`${outbox.retried} sent rows needed more than one attempt`);
    return { inbound: count(db, "SELECT count(*) AS n FROM messages WHERE direction = 'in'"), unprocessed, outbox, tickets: numbers.length, problems };
  } finally {
    db.close();
  }
}
