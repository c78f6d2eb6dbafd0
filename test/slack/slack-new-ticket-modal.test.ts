import { viewProblems } from './helpers/block-kit-limits';
import { dmEvent, fixture } from './helpers/fixtures';
import { postCommand, postEvent, postInteraction } from './helpers/signed-request';
import { useSlackTestApp } from './helpers/slack-test-app';

const TICKET = /INC-\d{6}|REQ-\d{6}/;

/** The modal's submission as Slack sends it, with this view id and these values. */
function submission(viewId: string, values: { summary?: string; description?: string; urgency?: string; category?: string }, metadata = '{"lang":"en"}'): Record<string, any> {
  const body = fixture('view-submission-new-ticket');
  body.view.id = viewId;
  body.view.root_view_id = viewId;
  body.view.private_metadata = metadata;
  const state = body.view.state.values;
  state.fd_summary.fd_summary_text.value = values.summary ?? null;
  state.fd_description.fd_description_text.value = values.description ?? null;
  state.fd_urgency.fd_urgency_select.selected_option = values.urgency ? { text: { type: 'plain_text', text: values.urgency }, value: values.urgency } : null;
  state.fd_category.fd_category_select.selected_option = values.category ? { text: { type: 'plain_text', text: values.category }, value: values.category } : null;
  return body;
}

describe('/helpdesk, the "Report to IT" shortcuts and the new-ticket modal', () => {
  const t = useSlackTestApp();

  const dmReplies = (channel: string) => t.api.callsOf('chat.postMessage').filter((c) => c.args.channel === channel).map((c) => String(c.args.text));

  it('/helpdesk opens the modal with the command\'s trigger, within Block Kit limits', async () => {
    // Act
    const res = await postCommand(t.baseUrl, fixture('slash-command'));
    // Assert: acknowledged with an empty 200 (nothing posted in the channel), then views.open with the trigger.
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const open = await t.api.waitFor(() => t.api.callsOf('views.open')[0]);
    const view = open.args.view as Record<string, any>;
    expect(open.args.trigger_id).toBe(fixture('slash-command').trigger_id);
    expect(view.callback_id).toBe('fd_new_ticket');
    expect(view.blocks.map((b: any) => b.block_id)).toEqual(['fd_summary', 'fd_description', 'fd_urgency', 'fd_category']);
    expect(viewProblems(view)).toEqual([]);
  });

  it('a submitted modal is a ticket through the engine: the person\'s summary, area and urgency, its number sent to their DM', async () => {
    // Arrange: Alice has written to the app before, so her DM is known.
    await postEvent(t.baseUrl, dmEvent('hello', '1700000000.000100'));
    await t.api.waitFor(() => dmReplies('D0ALICEDM').length >= 1);
    await t.app.engine.idle();
    // Act
    const res = await postInteraction(t.baseUrl, submission('V0NEW1', { summary: 'VPN fails with error 809', description: 'Since this morning, at home.', urgency: 'high', category: 'network' }));
    // Assert: the modal closes (empty 200), and the number reaches the DM.
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const confirmation = await t.api.waitFor(() => dmReplies('D0ALICEDM').find((text) => TICKET.test(text)));
    const number = TICKET.exec(confirmation)![0];
    const ticket = await t.app.store.getTicketByNumber(number);
    expect(ticket).toMatchObject({ summary: 'VPN fails with error 809', category: 'network', urgency: 1 });
    expect(ticket!.description).toContain('Since this morning, at home.');
    expect(['P1', 'P2', 'P3']).toContain(ticket!.priority);
    expect(confirmation).toContain(ticket!.priority);
  });

  it('a double submission of one view opens one ticket; an empty summary keeps the modal open with the error', async () => {
    // Act
    const first = await postInteraction(t.baseUrl, submission('V0NEW2', { summary: 'Printer on floor 3 jams', urgency: 'low' }));
    const again = await postInteraction(t.baseUrl, submission('V0NEW2', { summary: 'Printer on floor 3 jams', urgency: 'low' }));
    const empty = await postInteraction(t.baseUrl, submission('V0NEW3', { summary: '   ', urgency: 'low' }, '{"lang":"zh"}'));
    // Assert
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { fd_summary: '请用几个字说明问题。' } });
    // Without a known DM the confirmation goes to the user id: Slack delivers it in their DM with the app.
    await t.api.waitFor(() => dmReplies('U0ALICE').find((text) => TICKET.test(text)));
    await t.app.engine.idle();
    const db = (t.app.store as unknown as { db: { prepare(sql: string): { get(): { n: number } } } }).db;
    expect(db.prepare('SELECT count(*) AS n FROM tickets').get().n).toBe(1);
  });

  it('the message shortcut opens the modal holding the message and its link; the ticket keeps both', async () => {
    // Act
    const res = await postInteraction(t.baseUrl, fixture('shortcut-message'));
    // Assert: the modal is prefilled with the message as the person meant it (Slack markup read).
    expect(res.status).toBe(200);
    const view = (await t.api.waitFor(() => t.api.callsOf('views.open')[0])).args.view as Record<string, any>;
    expect(viewProblems(view)).toEqual([]);
    const description = view.blocks.find((b: any) => b.block_id === 'fd_description').element.initial_value;
    expect(description).toBe("Is anyone else getting the wiki (https://wiki.acme.test) timeouts? R&D can't open it since 9:00");
    const permalink = 'https://acme.slack.com/archives/C0GENERAL/p1700000500000300';
    expect(JSON.parse(view.private_metadata)).toEqual({ lang: 'en', source: permalink });
    // Submitting it logs the ticket with that description and the message's link.
    await postInteraction(t.baseUrl, submission('V0NEW4', { summary: 'Wiki timeouts', description, urgency: 'medium' }, view.private_metadata));
    const confirmation = await t.api.waitFor(() => dmReplies('U0ALICE').find((text) => TICKET.test(text)));
    const ticket = await t.app.store.getTicketByNumber(TICKET.exec(confirmation)![0]);
    expect(ticket!.description).toContain("R&D can't open it since 9:00");
    expect(ticket!.slots.source).toBe(permalink);
  });

  it('the global shortcut opens an empty modal; other apps\' shortcuts and commands are acknowledged and dropped', async () => {
    // Act
    expect((await postInteraction(t.baseUrl, fixture('shortcut-global'))).status).toBe(200);
    const view = (await t.api.waitFor(() => t.api.callsOf('views.open')[0])).args.view as Record<string, any>;
    const other = await postCommand(t.baseUrl, { ...fixture('slash-command'), command: '/weather' });
    // Assert
    expect(view.blocks[0].element.initial_value).toBeUndefined();
    expect(other.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.api.callsOf('views.open')).toHaveLength(1);
  });

  it('a slash command with a missing trigger is refused with 400, not a crash', async () => {
    const { trigger_id: _dropped, ...noTrigger } = fixture('slash-command');
    const res = await postCommand(t.baseUrl, noTrigger);
    expect(res.status).toBe(400);
  });
});
