import { cardProblems } from './helpers/card-schema';
import { addAgents, ALICE, escalated, press, tinaWrites, TINA, toAlice } from './helpers/teams-agent-rig';
import { useTeamsHarness } from './helpers/use-teams-harness';

const h = useTeamsHarness();
const kinds = async (number: string) => (await h.app.store.ticketEvents((await h.app.store.getTicketByNumber(number))!.id)).map((e) => e.kind);
const text = (card: unknown) => JSON.stringify(card);

beforeEach(() => addAgents(h));

test('an agent who writes a ticket number gets its card: Take over, Resolve, and assign / transfer / priority / note in the overflow, with pickers', async () => {
  const number = await escalated(h);
  const before = h.connector.posted().length;
  await tinaWrites(h, number);
  const posted = h.connector.posted().slice(before);
  expect(posted).toHaveLength(1);
  const card = (posted[0].body.attachments as Array<{ content: any }>)[0].content;
  expect(cardProblems(card)).toEqual([]);
  expect(card.actions.map((a: any) => [a.type, a.verb ?? a.card?.actions[0].verb, a.mode ?? 'primary'])).toEqual([
    ['Action.Execute', 'fd_agent.take_over', 'primary'], ['Action.ShowCard', 'fd_agent.resolve', 'primary'],
    ['Action.ShowCard', 'fd_agent.assign', 'secondary'], ['Action.ShowCard', 'fd_agent.transfer', 'secondary'],
    ['Action.ShowCard', 'fd_agent.priority', 'secondary'], ['Action.ShowCard', 'fd_agent.note', 'secondary'],
  ]);
  // Teams refreshes it for Tina when she views it (Universal Actions refresh).
  expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'fd_agent.refresh', data: { ticket: number } }, userIds: [TINA.id] });
  // The pickers: active agents, configured groups.
  expect(card.actions[2].card.body[0].choices.map((c: any) => c.value)).toEqual(['bob', 'tina']);
  expect(card.actions[3].card.body[0].choices.map((c: any) => c.value)).toEqual(expect.arrayContaining(['desktop', 'field-services']));
  // Alice writing a ticket number is an ordinary message: no agent card for her.
  await h.post({ ...(await import('./helpers/teams-test-app')).fixture('personal-message', { id: '1763629999999', text: number }, h.connector.serviceUrl) });
  await h.settle();
  expect(h.connector.posted().slice(before + 1).some((c) => text(c.body).includes('fd_agent.'))).toBe(false);
});

test('take over, assign, transfer, priority, note, resolve and reopen: each refreshes the card in place, is audited, and the user is told where it matters', async () => {
  const number = await escalated(h);
  const take = await press(h, TINA, 'fd_agent.take_over', number);
  expect([take.status, take.body.statusCode, take.body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
  expect(cardProblems(take.body.value)).toEqual([]);
  expect(text(take.body.value)).toContain('Tina Agent took it over.');
  expect((await h.app.store.getTicketByNumber(number))!.agentId).toBe('tina');
  expect(toAlice(h).some((t) => t.includes('Tina Agent'))).toBe(true);

  const priority = await press(h, TINA, 'fd_agent.priority', number, { fd_priority: 'P1' });
  expect(text(priority.body.value)).toContain(`${number} · P1`);
  expect((await h.app.store.getTicketByNumber(number))!.priority).toBe('P1');
  expect(toAlice(h).some((t) => t.includes('raised the priority'))).toBe(true);

  const told = toAlice(h).length;
  const note = await press(h, TINA, 'fd_agent.note', number, { fd_note: 'Docking station firmware 1.2 suspected' });
  expect(text(note.body.value)).toContain('added an internal note');
  expect(toAlice(h).slice(told).some((t) => t.includes('Docking station'))).toBe(false);

  const transfer = await press(h, TINA, 'fd_agent.transfer', number, { fd_group: 'desktop' });
  expect(text(transfer.body.value)).toContain('transferred it to desktop');
  expect((await h.app.store.getTicketByNumber(number))!.group).toBe('desktop');

  // A transfer leaves the ticket in the group's queue, unowned: Tina takes it again to resolve it.
  expect((await h.app.store.getTicketByNumber(number))!.agentId).toBeNull();
  expect((await press(h, TINA, 'fd_agent.take_over', number)).body.type).toBe('application/vnd.microsoft.card.adaptive');
  const resolve = await press(h, TINA, 'fd_agent.resolve', number, { fd_resolution: 'Rolled the BIOS update back' });
  expect(resolve.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect((await h.app.store.getTicketByNumber(number))!.status).toBe('resolved');
  expect(toAlice(h).some((t) => t.includes('Rolled the BIOS update back'))).toBe(true);
  // A finished ticket's card offers Reopen only.
  expect(resolve.body.value.actions.map((a: any) => a.verb)).toEqual(['fd_agent.reopen']);

  const reopen = await press(h, TINA, 'fd_agent.reopen', number);
  expect(text(reopen.body.value)).toContain('reopened it');
  // Reopened and taken by the agent who reopened it (the console's reopen).
  expect(await h.app.store.getTicketByNumber(number)).toMatchObject({ status: 'in_progress', agentId: 'tina' });
  // Reopened, the ticket is Tina's again; she hands it to Bob.
  const assign = await press(h, TINA, 'fd_agent.assign', number, { fd_assignee: 'bob' });
  expect(text(assign.body.value)).toContain('assigned it to Bob Builder');
  expect((await h.app.store.getTicketByNumber(number))!.agentId).toBe('bob');

  expect(await kinds(number)).toEqual(expect.arrayContaining(['taken_over', 'transferred', 'resolved', 'reopened']));
  expect((await kinds(number)).length).toBeGreaterThanOrEqual(8);
});

test('errors reach the clicking agent only; a non-agent is refused; nothing changes (EN and ZH)', async () => {
  const number = await escalated(h);
  const posted = h.connector.posted().length;
  const events = (await kinds(number)).length;
  const alice = await press(h, ALICE, 'fd_agent.take_over', number);
  expect([alice.status, alice.body.type]).toEqual([200, 'application/vnd.microsoft.activity.message']);
  expect(alice.body.value).toMatch(/Only service-desk agents/);
  const aliceZh = await press(h, ALICE, 'fd_agent.take_over', number, {}, 'zh-CN');
  expect(aliceZh.body.value).toMatch(/只有服务台坐席/);
  const empty = await press(h, TINA, 'fd_agent.priority', number, {});
  expect(empty.body.value).toMatch(/Pick one of P1 to P5/);
  const nowhere = await press(h, TINA, 'fd_agent.transfer', number, { fd_group: 'nowhere' });
  expect(nowhere.body.value).toMatch(/^Not done: .*nowhere/);
  const reopenOpen = await press(h, TINA, 'fd_agent.reopen', number, {}, 'zh-CN');
  expect([reopenOpen.body.type, reopenOpen.body.value]).toEqual(['application/vnd.microsoft.activity.message', expect.stringMatching(/^未完成：/)]);
  const unknown = await press(h, TINA, 'fd_agent.delete', number);
  expect(unknown.body.statusCode).toBe(400);
  // Nothing posted in any chat, nothing on the ticket.
  expect(h.connector.posted().length).toBe(posted);
  expect((await kinds(number)).length).toBe(events);
  expect((await h.app.store.getTicketByNumber(number))!.agentId).toBeNull();
});

test('a refresh (Teams asks when the agent views the card) answers the ticket as it stands now, changed elsewhere; not for a non-agent', async () => {
  const number = await escalated(h);
  // Changed since the card was made: taken over (as from the console) by Bob.
  const { takeOver } = await import('../../src/handoff/agent-actions');
  await takeOver(h.app.store, number, (await h.app.agentStore.getAgent('bob'))!, new Date());
  const fresh = await press(h, TINA, 'fd_agent.refresh', number);
  expect(fresh.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(fresh.body.value)).toEqual([]);
  expect(fresh.body.value.body[2].facts[1]).toEqual({ title: 'Owner', value: 'Bob Builder' });
  expect((await press(h, ALICE, 'fd_agent.refresh', number)).body.type).toBe('application/vnd.microsoft.activity.message');
});
