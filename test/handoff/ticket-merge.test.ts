import path from 'node:path';
import { AuthError, NotFoundError } from '../../src/errors';
import { takeOver } from '../../src/handoff/agent-actions';
import { TicketStateError } from '../../src/handoff/agent-permissions';
import { mergeTicket } from '../../src/handoff/ticket-merge';
import type { Agent } from '../../src/store/agent-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { commitOnTicket } from '../../src/tickets/ticket-turn';
import { tempDir } from '../helpers/test-app';

const alice: Agent = { id: 'alice', name: 'Alice Chen', role: 'agent', groups: ['network'] };
const carol: Agent = { id: 'carol', name: 'Carol Wu', role: 'agent', groups: ['network'] };
const bob: Agent = { id: 'bob', name: 'Bob Li', role: 'agent', groups: ['identity'] };
const T0 = new Date('2026-03-02T09:00:00Z');

let store: SqliteStore;
let cleanup: () => void;
let n = 0;

async function ticket() {
  const inbound = await store.acceptInbound({ ref: { channel: 'webchat', conversationId: `c${++n}`, userId: `u${n}` }, platformMessageId: `m${n}`, text: 'VPN down' }, T0.toISOString());
  const conversation = (await store.getConversation(inbound.conversationId))!;
  const result = await store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: inbound.messageId,
    mode: 'bot', lang: 'en', state: { phase: 'escalated' }, now: T0.toISOString(),
    tickets: [{ kind: 'open', draft: { type: 'incident', category: 'network', impact: 1, urgency: 2, priority: 'P2', summary: 'VPN down', description: 'VPN down', lang: 'en', group: 'network', status: 'escalated', responseDueAt: T0.toISOString(), resolveDueAt: T0.toISOString() } }],
    events: [], outbound: [],
  });
  return result.openedTicket!;
}

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  store = new SqliteStore(path.join(tmp.dir, 'm.db'));
});
afterEach(async () => {
  await store.close();
  cleanup();
});

describe('merging duplicate tickets (server-side rules)', () => {
  test('a retry after a crash between the two turns finishes the merge without recording it twice', async () => {
    const [target, duplicate] = [await ticket(), await ticket()];
    // The first attempt wrote the target's side and stopped before closing the duplicate.
    await commitOnTicket(store, target.id, 'agent:alice', T0, () => ({ events: [{ kind: 'merged_from', data: { by: 'Alice Chen', ticket: duplicate.number, requesterId: duplicate.requesterId, watcher: true } }] }));
    const { ticket: closed } = await mergeTicket(store, duplicate.number, target.number, alice, T0);
    expect(closed.status).toBe('closed');
    expect((await store.ticketEvents(target.id)).filter((e) => e.kind === 'merged_from')).toHaveLength(1);
    // The user is told once, in their language.
    expect((await store.transcript(duplicate.conversationId)).filter((m) => m.direction === 'out').map((m) => m.text))
      .toEqual([`The service desk found that **${duplicate.number}** is about the same problem as **${target.number}** and has merged them: ${duplicate.number} is closed and the work goes on in ${target.number}.`]);
  });

  test('same rights as a transfer: another group\'s ticket is unknown, another agent\'s ticket is theirs, a closed ticket is final', async () => {
    const [target, duplicate, other] = [await ticket(), await ticket(), await ticket()];
    await expect(mergeTicket(store, duplicate.number, target.number, bob, T0)).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeTicket(store, duplicate.number, 'INC-999999', alice, T0)).rejects.toBeInstanceOf(NotFoundError);
    await takeOver(store, target.number, carol, T0);
    await expect(mergeTicket(store, duplicate.number, target.number, alice, T0)).rejects.toBeInstanceOf(AuthError);
    await mergeTicket(store, duplicate.number, other.number, alice, T0);
    // Merged (closed): neither merged again nor a target.
    await expect(mergeTicket(store, duplicate.number, other.number, alice, T0)).rejects.toBeInstanceOf(TicketStateError);
    await expect(mergeTicket(store, other.number, duplicate.number, alice, T0)).rejects.toBeInstanceOf(TicketStateError);
    expect((await store.ticketEvents(target.id)).filter((e) => e.kind === 'merged_from')).toEqual([]);
  });
});
