import path from 'node:path';
import { ConflictError } from '../../src/errors';
import { note, release, reply, resolve, takeOver, transfer } from '../../src/handoff/agent-actions';
import { TicketStateError } from '../../src/handoff/agent-permissions';
import type { Agent } from '../../src/store/agent-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import type { Lang } from '../../src/types/conversation';
import { tempDir } from '../helpers/test-app';

const alice: Agent = { id: 'alice', name: 'Alice Chen', role: 'agent', groups: ['network'] };
const carol: Agent = { id: 'carol', name: 'Carol Wu', role: 'agent', groups: ['network'] };
const bob: Agent = { id: 'bob', name: 'Bob Li', role: 'agent', groups: ['identity'] };
const root: Agent = { id: 'root', name: 'Ria Admin', role: 'admin', groups: [] };
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let store: SqliteStore;
let cleanup: () => void;
let n = 0;

/** A conversation with one escalated network ticket, written as a bot turn would. */
async function escalatedTicket(lang: Lang = 'en', status: 'escalated' | 'new' = 'escalated') {
  const inbound = await store.acceptInbound({ ref: { channel: 'webchat', conversationId: `c${++n}`, userId: `u${n}` }, platformMessageId: `m${n}`, text: 'VPN down' }, T0.toISOString());
  const conversation = (await store.getConversation(inbound.conversationId))!;
  const result = await store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: inbound.messageId,
    mode: 'bot', lang, state: { phase: 'escalated', greeted: true }, now: T0.toISOString(),
    tickets: [{ kind: 'open', draft: {
      type: 'incident', category: 'network', impact: 1, urgency: 2, priority: 'P2', summary: 'VPN down', description: 'VPN down',
      lang, group: 'network', status, responseDueAt: at(30).toISOString(), resolveDueAt: at(480).toISOString(),
    } }],
    events: [{ ticketId: 'new', actor: 'bot', kind: 'escalated', data: { summary: 'VPN down' } }],
    outbound: [{ kind: 'text', text: 'logged {ticket}' }],
  });
  return result.openedTicket!;
}

const outbox = async (conversationId: number) =>
  (await store.transcript(conversationId)).filter((m) => m.direction === 'out').slice(1).map((m) => m.payload as { kind: string; text: string; choices?: { value: string }[] });

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  store = new SqliteStore(path.join(tmp.dir, 'h.db'));
});
afterEach(async () => {
  await store.close();
  cleanup();
});

describe('agent actions', () => {
  test('take over: the agent owns ticket and conversation, the user is told who joined', async () => {
    const ticket = await escalatedTicket();
    const { ticket: after, result } = await takeOver(store, ticket.number, alice, at(5));
    expect(after).toMatchObject({ agentId: 'alice', status: 'in_progress' });
    expect(result.conversation).toMatchObject({ mode: 'agent', state: { phase: 'escalated', greeted: true } });
    expect((await outbox(ticket.conversationId)).map((m) => m.text)).toEqual([`Alice Chen from the service desk has joined the conversation about **${ticket.number}**.`]);
    expect((await store.ticketEvents(ticket.id)).at(-1)).toMatchObject({ actor: 'agent:alice', kind: 'taken_over' });
  });

  test('messages to a Chinese conversation are in Chinese', async () => {
    const ticket = await escalatedTicket('zh');
    await takeOver(store, ticket.number, alice, at(5));
    await resolve(store, ticket.number, alice, { resolution: '已重置网关会话' }, at(9));
    const [joined, question] = await outbox(ticket.conversationId);
    expect(joined.text).toContain('服务台的 Alice Chen 已加入');
    expect(question.text).toBe(`您的工单 ${ticket.number} 已解决：已重置网关会话。问题解决了吗？`);
  });

  test('reply goes to the user with the agent name; the first one sets the first response time, later ones keep it', async () => {
    const ticket = await escalatedTicket();
    await takeOver(store, ticket.number, alice, at(5));
    const first = await reply(store, ticket.number, alice, '  Try reconnecting now.  ', at(7));
    await reply(store, ticket.number, alice, 'Any better?', at(12));
    expect(first.ticket.firstResponseAt).toBe(at(7).toISOString());
    expect((await store.getTicket(ticket.id))!.firstResponseAt).toBe(at(7).toISOString());
    expect((await outbox(ticket.conversationId)).slice(1).map((m) => m.text)).toEqual(['**Alice Chen**: Try reconnecting now.', '**Alice Chen**: Any better?']);
    await expect(reply(store, ticket.number, alice, '   ', at(13))).rejects.toThrow(/1 to 4000 characters/);
  });

  test('a note is recorded on the ticket and never sent', async () => {
    const ticket = await escalatedTicket();
    await takeOver(store, ticket.number, alice, at(5));
    const { result } = await note(store, ticket.number, alice, 'gateway 2 is flaky', at(6));
    expect(result.outboxIds).toEqual([]);
    expect(await outbox(ticket.conversationId)).toHaveLength(1);
    expect((await store.ticketEvents(ticket.id)).at(-1)).toMatchObject({ kind: 'internal_note', actor: 'agent:alice', data: { text: 'gateway 2 is flaky' } });
  });

  test('release hands the conversation back to the bot and keeps the ticket open', async () => {
    const ticket = await escalatedTicket();
    await takeOver(store, ticket.number, alice, at(5));
    const { ticket: after, result } = await release(store, ticket.number, alice, at(8));
    expect(after).toMatchObject({ agentId: null, status: 'open' });
    expect(result.conversation).toMatchObject({ mode: 'bot', state: { phase: 'ticket_open', greeted: true } });
    expect((await outbox(ticket.conversationId)).at(-1)!.text).toMatch(/handed .* back to me/);
    expect((await store.ticketEvents(ticket.id)).at(-1)!.kind).toBe('released');
  });

  test('transfer to a group empties the owner; to an agent of another group moves the ticket to their group', async () => {
    const ticket = await escalatedTicket();
    await takeOver(store, ticket.number, alice, at(5));
    const toGroup = await transfer(store, ticket.number, alice, { toGroup: 'service-desk' }, at(6));
    expect(toGroup.ticket).toMatchObject({ agentId: null, group: 'service-desk', status: 'escalated' });
    expect(toGroup.result.conversation.mode).toBe('bot');
    const toAgent = await transfer(store, ticket.number, root, { toAgent: bob }, at(7));
    expect(toAgent.ticket).toMatchObject({ agentId: 'bob', group: 'identity', status: 'in_progress' });
    expect(toAgent.result.conversation.mode).toBe('agent');
    expect((await store.ticketEvents(ticket.id)).filter((e) => e.kind === 'transferred').map((e) => e.data)).toEqual([
      { fromAgent: 'alice', fromGroup: 'network', toAgent: null, toGroup: 'service-desk' },
      { fromAgent: null, fromGroup: 'service-desk', toAgent: 'bob', toGroup: 'identity' },
    ]);
  });

  test('resolve asks "Is it fixed?" with yes/no, keeps the other state keys and the owner', async () => {
    const ticket = await escalatedTicket();
    await takeOver(store, ticket.number, alice, at(5));
    const { ticket: after, result } = await resolve(store, ticket.number, alice, { resolution: 'Reset the gateway session.', rootCause: 'stale session' }, at(30));
    expect(after).toMatchObject({ status: 'resolved', resolvedAt: at(30).toISOString(), agentId: 'alice' });
    expect(result.conversation).toMatchObject({ mode: 'bot', state: { phase: 'awaiting_confirmation', greeted: true } });
    const question = (await outbox(ticket.conversationId)).at(-1)!;
    expect(question).toMatchObject({ kind: 'choice', text: `Your ticket ${ticket.number} was resolved: Reset the gateway session. Is it fixed?` });
    expect(question.choices!.map((c) => c.value)).toEqual(['yes', 'no']);
    expect((await store.ticketEvents(ticket.id)).at(-1)).toMatchObject({ kind: 'resolved', data: { note: 'Reset the gateway session.', rootCause: 'stale session' } });
    await expect(reply(store, ticket.number, alice, 'hello?', at(31))).resolves.toBeDefined();
    await expect(takeOver(store, ticket.number, alice, at(32))).rejects.toBeInstanceOf(TicketStateError);
  });

  test('an older ticket changes alone: the conversation that moved on keeps its mode and state', async () => {
    const old = await escalatedTicket();
    const conversation = (await store.getConversation(old.conversationId))!;
    await store.commitTurn({
      conversationId: conversation.id, expectedVersion: conversation.version, mode: 'bot', lang: 'en', state: { phase: 'ticket_open' }, now: at(1).toISOString(),
      tickets: [{ kind: 'open', draft: { type: 'incident', category: 'network', impact: 3, urgency: 3, priority: 'P5', summary: 'printer', description: 'printer', lang: 'en', group: 'network', responseDueAt: at(60).toISOString(), resolveDueAt: at(600).toISOString() } }],
      events: [], outbound: [],
    });
    await takeOver(store, old.number, alice, at(5));
    const { result } = await resolve(store, old.number, alice, { resolution: 'fixed' }, at(6));
    expect(result.conversation).toMatchObject({ mode: 'bot', state: { phase: 'ticket_open' } });
    expect((await outbox(old.conversationId)).at(-1)).toMatchObject({ kind: 'text', text: expect.stringContaining(`${old.number} was resolved: fixed.`) });
  });
});

describe('agent permissions', () => {
  test('agents outside the ticket group are refused; admins are not', async () => {
    const ticket = await escalatedTicket();
    await expect(takeOver(store, ticket.number, bob, at(1))).rejects.toThrow(/network group, not one of yours/);
    await expect(takeOver(store, ticket.number, root, at(1))).resolves.toBeDefined();
  });

  test('only the owner (or an admin) may reply, note, release or resolve; nobody may steal a ticket but an admin', async () => {
    const ticket = await escalatedTicket();
    await expect(reply(store, ticket.number, alice, 'hi', at(1))).rejects.toThrow(/take .* over first/);
    await takeOver(store, ticket.number, alice, at(2));
    for (const run of [
      () => reply(store, ticket.number, carol, 'hi', at(3)),
      () => note(store, ticket.number, carol, 'hi', at(3)),
      () => release(store, ticket.number, carol, at(3)),
      () => resolve(store, ticket.number, carol, { resolution: 'x' }, at(3)),
      () => takeOver(store, ticket.number, carol, at(3)),
      () => transfer(store, ticket.number, carol, { toGroup: 'identity' }, at(3)),
    ]) await expect(run()).rejects.toThrow(/alice/);
    await expect(reply(store, ticket.number, root, 'admin here', at(4))).resolves.toBeDefined();
    await expect(takeOver(store, ticket.number, root, at(5))).resolves.toMatchObject({ ticket: { agentId: 'root' } });
  });

  test('an unknown ticket number is a not-found error', async () => {
    await expect(takeOver(store, 'INC-999999', root, at(1))).rejects.toThrow(/no ticket INC-999999/);
  });
});

describe('concurrency with bot turns', () => {
  /** A store whose first `failures` commits lose the race against a bot turn committed just before. */
  function racingStore(failures: number): Store {
    let left = failures;
    return new Proxy(store, {
      get(target, key) {
        if (key !== 'commitTurn') return Reflect.get(target, key).bind(target);
        return async (commit: Parameters<Store['commitTurn']>[0]) => {
          if (left-- > 0) {
            const c = (await target.getConversation(commit.conversationId))!;
            await target.commitTurn({ ...commit, expectedVersion: c.version, mode: c.mode, state: c.state, tickets: [], outbound: [], events: [] });
          }
          return target.commitTurn(commit);
        };
      },
    }) as Store;
  }

  test('an action that meets a concurrent turn is planned again and committed once', async () => {
    const ticket = await escalatedTicket();
    const { ticket: after } = await takeOver(racingStore(2), ticket.number, alice, at(1));
    expect(after.agentId).toBe('alice');
    expect((await store.ticketEvents(ticket.id)).filter((e) => e.kind === 'taken_over')).toHaveLength(1);
  });

  test('after three retries the conflict is reported', async () => {
    const ticket = await escalatedTicket();
    await expect(takeOver(racingStore(10), ticket.number, alice, at(1))).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getTicket(ticket.id))!.agentId).toBeNull();
  });
});
