import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../store/sqlite-store';
import { applyRetention, type RetentionPolicy } from '../store/retention';
import type { OutboundMessage } from '../types/conversation';

const DAY_MS = 86_400_000;

/** A reply of the size the bot really sends: article suggestions with links and two choices (~700 bytes). */
function reply(n: number): OutboundMessage {
  return {
    kind: 'choice',
    text: `**Suggested articles**\nThese articles may solve it (${n}):\n1. **Connect to the company VPN (GlobalProtect)**: You need the VPN for internal sites, shared drives and remote desktop.\n2. **Windows Update and macOS updates**: Failed? Run the troubleshooter, restart and try again.\n3. **Request or troubleshoot database access**: Be on the office network or VPN.\nConnect to the company VPN: http://localhost:3000/kb/vpn-connect?lang=en\nDid this solve it?`,
    choices: [{ value: 'yes', label: 'Yes, solved' }, { value: 'no', label: 'No, I still need help' }],
  };
}

/** Bytes of the database file and its WAL after a truncating checkpoint. */
function sizeOf(store: SqliteStore, file: string): number {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
}

/**
 * Database size after `messages` inbound messages (each answered, five per conversation, every conversation a
 * ticket) spread over `days`, without and with the retention policy. Prints one JSON object.
 */
export async function measureRetentionSize(messages = 100_000, days = 100, policy: RetentionPolicy = { transcriptDays: 365, sentPayloadDays: 0, auditDays: 730 }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-retention-'));
  const file = path.join(dir, 'size.db');
  const store = new SqliteStore(file);
  try {
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    const perConversation = 5;
    for (let i = 0; i < messages; i++) {
      const now = new Date(start + (i / messages) * days * DAY_MS).toISOString();
      const c = Math.floor(i / perConversation);
      const first = i % perConversation === 0;
      const accepted = await store.acceptInbound({
        ref: { channel: 'webchat', conversationId: `conv-${c}`, userId: `user-${c % 5000}` }, platformMessageId: `m-${i}`,
        text: first ? `my laptop ${c} will not boot since this morning, the screen stays black` : `more detail ${i}: still broken after a restart`,
        user: { name: `Person ${c % 5000}`, email: `person${c % 5000}@example.com` },
      }, now);
      const conversation = (await store.getConversation(accepted.conversationId))!;
      const result = await store.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: conversation.version, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
        state: { phase: first ? 'kb_offer' : 'ticket_open', answers: { device: 'laptop', since: 'this morning' } },
        tickets: first ? [{ kind: 'open', draft: {
          type: 'incident', category: 'hardware', impact: 3, urgency: 2, priority: 'P4', summary: `Laptop ${c} will not boot`,
          description: `my laptop ${c} will not boot since this morning, the screen stays black`, lang: 'en', responseDueAt: now, resolveDueAt: now,
        } }] : [],
        events: first ? [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: { channel: 'webchat', assessment: { impact: 3, urgency: 2 }, dialog: null } }] : [],
        outbound: [reply(i)], now,
      });
      for (const id of result.outboxIds) await store.markSent(id, now);
    }
    const withoutRetention = sizeOf(store, file);
    const end = new Date(start + days * DAY_MS + 3_600_000);
    const removed = applyRetention(store.db, policy, end);
    const withRetention = sizeOf(store, file);
    const shortTranscripts = applyRetention(store.db, { ...policy, transcriptDays: 30 }, end);
    const with30DayTranscripts = sizeOf(store, file);
    return {
      messages, days, policy, removed, thenWith30DayTranscripts: shortTranscripts,
      mb: { withoutRetention: +(withoutRetention / 1e6).toFixed(1), withRetention: +(withRetention / 1e6).toFixed(1), with30DayTranscripts: +(with30DayTranscripts / 1e6).toFixed(1) },
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const messages = Number(process.argv[2] ?? 100_000);
  measureRetentionSize(messages).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`), (error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
