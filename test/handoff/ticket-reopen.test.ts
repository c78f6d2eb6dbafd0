import path from 'node:path';
import { AuthError } from '../../src/errors';
import { resolve, takeOver } from '../../src/handoff/agent-actions';
import { TicketStateError } from '../../src/handoff/agent-permissions';
import { reopenTicket } from '../../src/handoff/ticket-reopen';
import type { Agent } from '../../src/store/agent-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { tempDir } from '../helpers/test-app';

const alice: Agent = { id: 'alice', name: 'Alice Chen', role: 'agent', groups: ['network'] };
const carol: Agent = { id: 'carol', name: 'Carol Wu', role: 'agent', groups: ['network'] };
const root: Agent = { id: 'root', name: 'Ria Admin', role: 'admin', groups: [] };
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let store: SqliteStore;
let cleanup: () => void;

/** An escalated network ticket taken over and resolved by Alice (zh conversation). */
async function resolvedTicket() {
  const inbound = await store.acceptInbound({ ref: { channel: 'webchat', conversationId: 'c1', userId: 'u1' }, platformMessageId: 'm1', text: 'VPN 连不上' }, T0.toISOString());
  const conversation = (await store.getConversation(inbound.conversationId))!;
  const result = await store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: inbound.messageId,
    mode: 'bot', lang: 'zh', state: { phase: 'escalated' }, now: T0.toISOString(),
    tickets: [{ kind: 'open', draft: {
      type: 'incident', category: 'network', impact: 1, urgency: 2, priority: 'P2', summary: 'VPN down', description: 'VPN down',
      lang: 'zh', group: 'network', status: 'escalated', responseDueAt: at(30).toISOString(), resolveDueAt: at(480).toISOString(),
    } }],
    events: [{ ticketId: 'new', actor: 'bot', kind: 'escalated', data: {} }],
    outbound: [],
  });
  const ticket = result.openedTicket!;
  await takeOver(store, ticket.number, alice, at(5));
  await resolve(store, ticket.number, alice, { resolution: 'Reset the VPN profile' }, at(10));
  return ticket;
}

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  store = new SqliteStore(path.join(tmp.dir, 'r.db'));
});
afterEach(async () => {
  await store.close();
  cleanup();
});

describe('an agent reopens a ticket', () => {
  test('resolved -> in progress, owned by the agent, audited, the user told in their language', async () => {
    const ticket = await resolvedTicket();
    const { ticket: after, result } = await reopenTicket(store, ticket.number, alice, at(20));
    expect(after).toMatchObject({ status: 'in_progress', agentId: 'alice', resolvedAt: null });
    expect(result.conversation).toMatchObject({ mode: 'agent', state: { phase: 'escalated' } });
    expect((await store.ticketEvents(ticket.id)).at(-1)).toMatchObject({ actor: 'agent:alice', kind: 'reopened', data: { by: 'Alice Chen', from: 'resolved' } });
    const out = (await store.transcript(ticket.conversationId)).filter((m) => m.direction === 'out').at(-1)!;
    expect((out.payload as { text: string }).text).toBe(`服务台的 Alice Chen 已重新打开 **${ticket.number}**，正在继续处理。`);
  });

  test('refused: an open ticket, and another agent\'s resolved one (an admin may)', async () => {
    const ticket = await resolvedTicket();
    await expect(reopenTicket(store, ticket.number, carol, at(20))).rejects.toBeInstanceOf(AuthError);
    await reopenTicket(store, ticket.number, root, at(21));
    await expect(reopenTicket(store, ticket.number, root, at(22))).rejects.toBeInstanceOf(TicketStateError);
  });
});
