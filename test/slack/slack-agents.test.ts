import { commitOnTicket } from '../../src/tickets/ticket-turn';
import { dmEvent } from './helpers/fixtures';
import { postEvent, postInteraction } from './helpers/signed-request';
import { resolveSubmission, threadMessage, tier2Click, TIER2 } from './slack-agents-helpers';
import { useTier2Rig, type Escalated } from './slack-tier2-rig';

describe('tier-2 agents working from Slack', () => {
  // tina@ and bob@ are agents of the hardware group; carol@ is nobody.
  const t = useTier2Rig({ agents: ['tina', 'bob'] });

  const dmTexts = () => t.posts('D0ALICEDM').map((c) => String(c.args.text ?? JSON.stringify(c.args.blocks)));
  const ephemeral = (user: string) => t.api.callsOf('chat.postEphemeral').filter((c) => c.args.channel === TIER2 && c.args.user === user).map((c) => String(c.args.text));
  const inThread = (ts: string) => t.posts(TIER2).filter((c) => c.args.thread_ts === ts).map((c) => String(c.args.text));
  const ticketEvents = async (number: string) => {
    const ticket = (await t.app.store.getTicketByNumber(number))!;
    return t.app.store.ticketEvents(ticket.id);
  };

  /** Alice reports a P2 problem by DM; the escalation appears in the tier-2 channel. */
  async function escalate(): Promise<Escalated> {
    const escalated = await t.escalate();
    expect(escalated.status).toBe(200);
    return escalated;
  }

  it('posts an escalated ticket with its context summary and Take over / Resolve buttons, once', async () => {
    // Act
    const { number, ts } = await escalate();
    await postEvent(t.baseUrl, dmEvent('It shows a black screen', '1700002000.000002'));
    await t.api.waitFor(() => inThread(ts).some((text) => text.includes('black screen')));
    // Assert
    const escalations = t.posts(TIER2).filter((c) => !c.args.thread_ts);
    expect(escalations).toHaveLength(1);
    const blocks = JSON.stringify(escalations[0].args.blocks);
    expect(blocks).toContain('Alice Moreau');
    expect(blocks).toContain('Why escalated:* high priority');
    expect(blocks).toContain('Articles tried:* none');
    const buttons = (escalations[0].args.blocks as any[]).find((b) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => [b.action_id, b.value ?? b.options?.[0].value])).toEqual([['fd_t2_take', number], ['fd_t2_resolve', number], ['fd_t2_more', `assign:${number}`]]);
    expect(ts).toMatch(/^\d+\.\d+$/);
  });

  it('Take over silences the bot, relays the owner\'s replies, keeps others\' messages internal', async () => {
    // Arrange
    const { number, ts } = await escalate();
    await t.api.waitFor(() => dmTexts().some((text) => text.includes(number)));
    // Act: Tina takes it over from Slack.
    expect((await postInteraction(t.baseUrl, tier2Click('U0AGENT', 'fd_t2_take', number, ts))).status).toBe(200);
    await t.api.waitFor(() => inThread(ts).some((text) => text.includes('took over')));
    await t.api.waitFor(() => dmTexts().some((text) => text.includes('Tina Agent from the service desk has joined')));
    const dmCountAfterJoin = t.posts('D0ALICEDM').length;
    // Alice writes: the bot stays silent, the thread sees it. ("Any news?" is a status request, which issue #16 has answered even now.)
    await postEvent(t.baseUrl, dmEvent('It is still black after the restart', '1700002000.000003'));
    await t.api.waitFor(() => inThread(ts).some((text) => text.includes('It is still black after the restart')));
    // Tina replies in the thread; Bob (another agent) and Carol (not an agent) write too.
    await postEvent(t.baseUrl, threadMessage('U0AGENT', 'Hold the power button for 30 seconds', ts));
    await t.api.waitFor(() => dmTexts().some((text) => text.includes('Hold the power button for 30 seconds')));
    await postEvent(t.baseUrl, threadMessage('U0BOB', 'Known BIOS issue on this model', ts));
    await postEvent(t.baseUrl, threadMessage('U0CAROL', 'me too', ts));
    await t.api.waitFor(() => ephemeral('U0CAROL').some((text) => text.includes('not a registered agent')));
    await t.app.engine.idle();
    // Assert
    const kinds = (await ticketEvents(number)).map((e) => [e.kind, e.actor]);
    expect(kinds).toEqual(expect.arrayContaining([['taken_over', 'agent:tina'], ['user_message', expect.stringMatching(/^user:/)], ['agent_reply', 'agent:tina'], ['internal_note', 'agent:bob']]));
    expect((await ticketEvents(number)).find((e) => e.kind === 'internal_note')?.data).toEqual({ text: 'Known BIOS issue on this model' });
    const afterJoin = dmTexts().slice(dmCountAfterJoin);
    expect(afterJoin).toHaveLength(1);
    expect(afterJoin[0]).toContain('Hold the power button');
    expect(dmTexts().join('\n')).not.toMatch(/BIOS|me too/);
    expect((await t.app.store.getTicketByNumber(number))).toMatchObject({ status: 'in_progress', agentId: 'tina' });
  });

  it('the relay prefix lets a non-owner speak to the user; Resolve asks for the resolution in a modal, then the user "Is it fixed?"', async () => {
    // Arrange
    const { number, ts } = await escalate();
    await postInteraction(t.baseUrl, tier2Click('U0AGENT', 'fd_t2_take', number, ts));
    await t.api.waitFor(() => inThread(ts).some((text) => text.includes('took over')));
    // Act
    await postEvent(t.baseUrl, threadMessage('U0BOB', '>> I am Tina\'s colleague, a new laptop is on its way', ts));
    await t.api.waitFor(() => dmTexts().some((text) => text.includes('a new laptop is on its way')));
    await postEvent(t.baseUrl, threadMessage('U0AGENT', 'Did that work?', ts));
    await t.api.waitFor(() => dmTexts().some((text) => text.includes('Did that work?')));
    const click = tier2Click('U0AGENT', 'fd_t2_resolve', number, ts);
    await postInteraction(t.baseUrl, click);
    const opened = await t.api.waitFor(() => t.api.callsOf('views.open')[0]);
    expect(opened.args.trigger_id).toBe(click.trigger_id);
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ status: 'in_progress' });
    // An empty answer keeps the modal open with an error under the field.
    const empty = await postInteraction(t.baseUrl, resolveSubmission('U0AGENT', opened.args.view as Record<string, any>, '  '));
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { fd_resolution: expect.stringContaining('what fixed it') } });
    expect((await postInteraction(t.baseUrl, resolveSubmission('U0AGENT', opened.args.view as Record<string, any>, 'Replaced the laptop'))).status).toBe(200);
    // Assert: the resolution is what the agent wrote in the modal, not their last chat line.
    const question = await t.api.waitFor(() => t.posts('D0ALICEDM').find((c) => JSON.stringify(c.args.blocks ?? '').includes('Is it fixed?')));
    expect(JSON.stringify(question.args.blocks)).toContain('Replaced the laptop');
    expect(JSON.stringify(question.args.blocks)).not.toContain('Did that work');
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ status: 'resolved' });
  });

  it('the escalation post is one living card: updated in place with status and owner, no buttons once resolved', async () => {
    // Arrange
    const { number, ts } = await escalate();
    const updatesOf = () => t.api.callsOf('chat.update').filter((c) => c.args.channel === TIER2 && c.args.ts === ts);
    const fields = (call: { args: Record<string, unknown> }) => JSON.stringify((call.args.blocks as any[]).filter((b) => b.fields));
    const buttons = (call: { args: Record<string, unknown> }) => (call.args.blocks as any[]).find((b) => b.type === 'actions')?.elements.map((e: any) => e.action_id) ?? [];
    // Act: Tina takes it over.
    await postInteraction(t.baseUrl, tier2Click('U0AGENT', 'fd_t2_take', number, ts));
    const taken = await t.api.waitFor(() => updatesOf()[0]);
    // Assert
    expect(fields(taken)).toContain('in progress');
    expect(fields(taken)).toContain('Tina Agent');
    expect(buttons(taken)).toEqual(['fd_t2_take', 'fd_t2_resolve', 'fd_t2_more']);
    // Act: she resolves it through the modal.
    await postInteraction(t.baseUrl, tier2Click('U0AGENT', 'fd_t2_resolve', number, ts));
    const opened = await t.api.waitFor(() => t.api.callsOf('views.open')[0]);
    await postInteraction(t.baseUrl, resolveSubmission('U0AGENT', opened.args.view as Record<string, any>, 'Reseated the RAM'));
    // Assert: the same post, no buttons left; no second escalation post.
    const resolved = await t.api.waitFor(() => updatesOf()[1]);
    expect(fields(resolved)).toContain('resolved');
    expect(buttons(resolved)).toEqual([]);
    expect(t.posts(TIER2).filter((c) => !c.args.thread_ts)).toHaveLength(1);
    // A click on the old card's Take over after resolution is refused to the clicker alone.
    await postInteraction(t.baseUrl, tier2Click('U0BOB', 'fd_t2_take', number, ts));
    await t.api.waitFor(() => ephemeral('U0BOB')[0]);
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ status: 'resolved', agentId: 'tina' });
  });

  it('a priority change made elsewhere (the REST API\'s `updated` event) updates the living card in place', async () => {
    // Arrange
    const { number, ts } = await escalate();
    const ticket = (await t.app.store.getTicketByNumber(number))!;
    expect(ticket.priority).not.toBe('P1');
    // Act: what PATCH /api/v1/tickets/:id {priority: "P1"} commits (src/api/ticket-writes.ts), then announces.
    const result = await commitOnTicket(t.app.store, ticket.id, 'agent:api:ops', new Date(), () => ({
      fields: { priority: 'P1' }, events: [{ kind: 'updated', data: { changes: { priority: { from: ticket.priority, to: 'P1' } } } }],
    }));
    t.app.engine.events.emit('committed', result!);
    // Assert: the same post now shows P1; no second escalation post.
    const update = await t.api.waitFor(() => t.api.callsOf('chat.update').find((c) => c.args.channel === TIER2 && c.args.ts === ts));
    expect(JSON.stringify(update.args.blocks)).toContain(`${number} · P1`);
    expect(t.posts(TIER2).filter((c) => !c.args.thread_ts)).toHaveLength(1);
  });

  it('an unknown Slack user cannot take a ticket over', async () => {
    // Arrange
    const { number, ts } = await escalate();
    // Act
    await postInteraction(t.baseUrl, tier2Click('U0CAROL', 'fd_t2_take', number, ts));
    // Assert
    await t.api.waitFor(() => ephemeral('U0CAROL').some((text) => text.includes('You are not a registered agent')));
    expect(inThread(ts).join('\n')).not.toContain('registered agent');
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ status: 'escalated', agentId: null });
  });

  it('keeps the thread <-> ticket mapping and the agent link across a restart', async () => {
    // Arrange
    const { number, ts } = await escalate();
    await postInteraction(t.baseUrl, tier2Click('U0AGENT', 'fd_t2_take', number, ts));
    await t.api.waitFor(() => inThread(ts).some((text) => text.includes('took over')));
    // Act
    await t.restart();
    await postEvent(t.baseUrl, threadMessage('U0AGENT', 'Back after the restart: please try safe mode', ts));
    // Assert
    await t.api.waitFor(() => dmTexts().some((text) => text.includes('please try safe mode')));
    await postEvent(t.baseUrl, dmEvent('Still black', '1700002000.000009'));
    await t.api.waitFor(() => inThread(ts).some((text) => text.includes('Still black')));
    expect(t.posts(TIER2).filter((c) => !c.args.thread_ts)).toHaveLength(1);
  });
});
