import { viewProblems } from './helpers/block-kit-limits';
import { fixture } from './helpers/fixtures';
import { postInteraction } from './helpers/signed-request';
import { TIER2 } from './slack-agents-helpers';
import { useTier2Rig } from './slack-tier2-rig';

/** The overflow menu's "Assign to…" chosen on the escalation post at `ts` (a block_actions with selected_option). */
function overflowAssign(user: string, ticket: string, ts: string): Record<string, any> {
  const click = fixture('block-actions');
  Object.assign(click, { user: { id: user, team_id: 'T0ACME' }, channel: { id: TIER2, name: 'it-tier2' }, trigger_id: `8212345678901.1234567890123.${user}` });
  click.container = { type: 'message', message_ts: ts, channel_id: TIER2, is_ephemeral: false };
  click.message = { ...click.message, ts };
  click.actions = [{ type: 'overflow', action_id: 'fd_t2_more', block_id: 'fd_tier2', selected_option: { text: { type: 'plain_text', text: 'Assign to…', emoji: true }, value: `assign:${ticket}` }, action_ts: '1700004000.000001' }];
  return click;
}

/** The Assign modal submitted with `assignee` picked in its users_select. */
function assignSubmission(user: string, view: Record<string, any>, assignee: string): Record<string, any> {
  return {
    type: 'view_submission', team: { id: 'T0ACME', domain: 'acme' }, user: { id: user, team_id: 'T0ACME' }, api_app_id: 'A0FRONTDESK', token: 'XXYYZZ',
    view: { ...view, id: `V0ASSIGN${assignee}`, team_id: 'T0ACME', state: { values: { fd_assignee: { fd_assignee_user: { type: 'users_select', selected_user: assignee } } } } },
    response_urls: [], is_enterprise_install: false, enterprise: null,
  };
}

describe('Assign from the escalation card\'s overflow menu', () => {
  const t = useTier2Rig({ agents: ['tina', 'bob'] });

  it('opens a modal with an agent picker; the picked agent owns the ticket; a non-agent is refused privately', async () => {
    // Arrange: Alice's P2 problem is posted to the tier-2 channel.
    const { number, ticket, ts } = await t.escalate();
    // Act: Tina chooses Assign to… and picks Carol (no agent), then Bob.
    expect((await postInteraction(t.baseUrl, overflowAssign('U0AGENT', number, ts))).status).toBe(200);
    const opened = await t.api.waitFor(() => t.api.callsOf('views.open')[0]);
    const view = opened.args.view as Record<string, any>;
    expect(view.callback_id).toBe('fd_t2_assign');
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks.find((b: any) => b.type === 'input').element.type).toBe('users_select');
    expect((await postInteraction(t.baseUrl, assignSubmission('U0AGENT', view, 'U0CAROL'))).status).toBe(200);
    const refusal = await t.api.waitFor(() => t.api.callsOf('chat.postEphemeral').find((c) => c.args.user === 'U0AGENT'));
    expect(String(refusal.args.text)).toContain('Carol Guest is not a registered agent');
    expect((await postInteraction(t.baseUrl, assignSubmission('U0AGENT', view, 'U0BOB'))).status).toBe(200);
    // Assert: Bob owns it, and the user is told who has it now.
    await t.api.waitFor(() => t.posts('D0ALICEDM').find((c) => String(c.args.text).includes('Bob Chen')));
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ agentId: 'bob', status: 'in_progress' });
    const events = await t.app.store.ticketEvents(ticket.id);
    expect(events.find((e) => e.kind === 'transferred')).toMatchObject({ actor: 'agent:tina', data: expect.objectContaining({ toAgent: 'bob' }) });
  });
});
