import { viewProblems } from './helpers/block-kit-limits';
import { fixture } from './helpers/fixtures';
import { postInteraction } from './helpers/signed-request';
import { resolveSubmission, TIER2 } from './slack-agents-helpers';
import { useTier2Rig, type Tier2Rig } from './slack-tier2-rig';

let seq = 0;

/** The card's overflow menu with `verb` chosen by `user` on the escalation post at `ts` (block_actions as Slack sends it). */
function overflow(user: string, verb: string, ticket: string, ts: string): Record<string, any> {
  const click = fixture('block-actions');
  Object.assign(click, { user: { id: user, team_id: 'T0ACME' }, channel: { id: TIER2, name: 'it-tier2' }, trigger_id: `8212345678901.1234567890123.${++seq}` });
  click.container = { type: 'message', message_ts: ts, channel_id: TIER2, is_ephemeral: false };
  click.message = { ...click.message, ts };
  click.actions = [{ type: 'overflow', action_id: 'fd_t2_more', block_id: 'fd_tier2', selected_option: { text: { type: 'plain_text', text: verb, emoji: true }, value: `${verb}:${ticket}` }, action_ts: `1700004000.${seq}` }];
  return click;
}

/** The recorded ticket-action view_submission, carrying the view Slack opened and the value picked or typed. */
function submission(user: string, view: Record<string, any>, value: string): Record<string, any> {
  const body = fixture('view-submission-ticket-action');
  body.user = { ...body.user, id: user };
  const field = view.blocks.find((b: any) => b.type === 'input').element;
  const state = field.type === 'plain_text_input'
    ? { type: 'plain_text_input', value }
    : { type: 'static_select', selected_option: value ? { text: { type: 'plain_text', text: value, emoji: true }, value } : null };
  body.view = { ...body.view, ...view, id: `V0ACT${++seq}`, state: { values: { fd_ticket_action: { fd_ticket_action_input: state } } } };
  return body;
}

/** Choose `verb` in the overflow menu and return the modal Slack was asked to open (checked against Block Kit limits). */
async function openModal(t: Tier2Rig, user: string, verb: string, ticket: string, ts: string): Promise<Record<string, any>> {
  const before = t.api.callsOf('views.open').length;
  expect((await postInteraction(t.baseUrl, overflow(user, verb, ticket, ts))).status).toBe(200);
  const view = (await t.api.waitFor(() => t.api.callsOf('views.open')[before])).args.view as Record<string, any>;
  expect(viewProblems(view)).toEqual([]);
  return view;
}

const ephemeral = (t: Tier2Rig, user: string, has: string) => t.api.waitFor(() => t.api.callsOf('chat.postEphemeral').find((c) => c.args.user === user && String(c.args.text).includes(has)));

describe('Agents change a ticket from the card\'s overflow menu', () => {
  const t = useTier2Rig({ agents: ['tina', 'bob'] });

  it('priority, internal note and transfer (group picker) go through the console path: audited, the user told where it matters', async () => {
    const { number, ticket, ts } = await t.escalate();
    await t.takeOver(number, ts);
    // Priority: P2 -> P1 raises it before any answer, so the user is told the sooner response time.
    const priority = await openModal(t, 'U0AGENT', 'priority', number, ts);
    expect(priority.callback_id).toBe('fd_t2_priority');
    expect((await postInteraction(t.baseUrl, submission('U0AGENT', priority, 'P1'))).status).toBe(200);
    await t.api.waitFor(() => t.posts('D0ALICEDM').find((c) => String(c.args.text).includes('raised the priority')));
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ priority: 'P1' });
    // The living card shows the new priority.
    await t.api.waitFor(() => t.api.callsOf('chat.update').find((c) => JSON.stringify(c.args.blocks ?? c.args.text).includes(`${number} · P1`)));
    // Internal note: on the ticket, never to the user.
    const note = await openModal(t, 'U0AGENT', 'note', number, ts);
    expect((await postInteraction(t.baseUrl, submission('U0AGENT', note, 'Docking station firmware 1.2 suspected'))).status).toBe(200);
    await ephemeral(t, 'U0AGENT', 'Your note is on');
    // Transfer: the picker lists the configured groups.
    const transfer = await openModal(t, 'U0AGENT', 'transfer', number, ts);
    const groups = transfer.blocks.find((b: any) => b.type === 'input').element.options.map((o: any) => o.value);
    expect(groups).toEqual(expect.arrayContaining(['field-services', 'network']));
    expect((await postInteraction(t.baseUrl, submission('U0AGENT', transfer, 'network'))).status).toBe(200);
    await t.api.waitFor(() => t.posts('D0ALICEDM').find((c) => String(c.args.text).includes('passed to')));
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ group: 'network' });
    const events = await t.app.store.ticketEvents(ticket.id);
    expect(events.find((e) => e.kind === 'edited')).toMatchObject({ actor: 'agent:tina', data: expect.objectContaining({ changes: expect.objectContaining({ priority: { from: 'P2', to: 'P1' } }) }) });
    expect(events.find((e) => e.kind === 'internal_note')).toMatchObject({ actor: 'agent:tina', data: { text: 'Docking station firmware 1.2 suspected' } });
    expect(events.find((e) => e.kind === 'transferred')).toMatchObject({ actor: 'agent:tina', data: expect.objectContaining({ toGroup: 'network' }) });
    expect(t.posts('D0ALICEDM').some((c) => String(c.args.text).includes('Docking station'))).toBe(false);
    // The agents' thread hears the priority change.
    await t.api.waitFor(() => t.posts(TIER2).find((c) => c.args.thread_ts === ts && String(c.args.text).includes('P2 → P1')));
  });

  it('reopen: refused privately while open, done after Resolve; a non-agent and an empty form are refused', async () => {
    const { number, ticket, ts } = await t.escalate();
    await t.takeOver(number, ts);
    await postInteraction(t.baseUrl, overflow('U0AGENT', 'reopen', number, ts));
    await ephemeral(t, 'U0AGENT', 'nothing to reopen');
    // Carol is no agent: her priority change is refused for her eyes only.
    const priority = await openModal(t, 'U0CAROL', 'priority', number, ts);
    await postInteraction(t.baseUrl, submission('U0CAROL', priority, 'P4'));
    await ephemeral(t, 'U0CAROL', 'not a registered agent');
    // An empty note keeps the modal open with an error under the field.
    const note = await openModal(t, 'U0AGENT', 'note', number, ts);
    const empty = await postInteraction(t.baseUrl, submission('U0AGENT', note, '  '));
    expect(await empty.json()).toMatchObject({ response_action: 'errors', errors: { fd_ticket_action: 'Write the note.' } });
    // Resolve, then reopen.
    await postInteraction(t.baseUrl, { ...overflow('U0AGENT', 'x', number, ts), actions: [{ action_id: 'fd_t2_resolve', block_id: 'fd_tier2', value: number, type: 'button', text: { type: 'plain_text', text: 'Resolve' }, action_ts: '1700004200.1' }] });
    const resolveView = (await t.api.waitFor(() => t.api.callsOf('views.open').find((c) => (c.args.view as any).callback_id === 'fd_t2_resolve'))).args.view as Record<string, any>;
    await postInteraction(t.baseUrl, resolveSubmission('U0AGENT', resolveView, 'Replaced the docking station'));
    await t.api.waitFor(() => t.posts('D0ALICEDM').find((c) => String(c.args.text).includes('Replaced the docking station')));
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ status: 'resolved' });
    await postInteraction(t.baseUrl, overflow('U0AGENT', 'reopen', number, ts));
    await t.api.waitFor(() => t.posts('D0ALICEDM').find((c) => String(c.args.text).includes('has reopened')));
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ status: 'in_progress', agentId: 'tina', resolvedAt: null });
    const events = await t.app.store.ticketEvents(ticket.id);
    expect(events.filter((e) => e.kind === 'edited')).toEqual([]);
    expect(events.find((e) => e.kind === 'reopened')).toMatchObject({ actor: 'agent:tina', data: { by: 'Tina Agent', from: 'resolved' } });
    await ephemeral(t, 'U0AGENT', 'is reopened and yours');
  });
});
