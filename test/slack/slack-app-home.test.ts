import { viewProblems } from './helpers/block-kit-limits';
import { dmEvent, fixture } from './helpers/fixtures';
import { postEvent, postInteraction } from './helpers/signed-request';
import { startSlackTestApp, TEST_USERS, type SlackTestApp } from './helpers/slack-test-app';

const TICKET = /INC-\d{6}|REQ-\d{6}/;

/** The text of every block of a published Home view, joined (sections, context lines, headers). */
function viewText(view: Record<string, any>): string {
  return view.blocks.map((b: any) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)].filter(Boolean).join(' ')).join('\n');
}

/** Alice opens the app's Home tab (`user` and `channel` as in Slack's app_home_opened). */
function homeOpened(user = 'U0ALICE', channel = 'D0ALICEDM', tab = 'home'): Record<string, any> {
  const body = fixture('event-app-home-opened');
  Object.assign(body.event, { user, channel, tab });
  body.event_id = `Ev0HOME${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  return body;
}

describe('the App Home tab lists the person\'s tickets', () => {
  let t: SlackTestApp;
  afterEach(async () => {
    await t.stop();
  });

  const publishes = (user: string) => t.api.callsOf('views.publish').filter((c) => c.args.user_id === user);

  /** Alice reports a problem in her DM until it has a number; returns the number. */
  async function aliceLogs(text: string, ts: string): Promise<string> {
    await postEvent(t.baseUrl, dmEvent(text, ts));
    const reply = await t.api.waitFor(() => t.api.callsOf('chat.postMessage').map((c) => String(c.args.text)).find((s) => TICKET.test(s)));
    await t.app.engine.idle();
    return TICKET.exec(reply)![0];
  }

  it('publishes her open tickets with status and priority, and a New ticket button that opens the modal', async () => {
    // Arrange
    t = await startSlackTestApp();
    const number = await aliceLogs('My laptop will not turn on since this morning, I cannot work at all', '1700000000.000100');
    const ticket = (await t.app.store.getTicketByNumber(number))!;
    // Act
    expect((await postEvent(t.baseUrl, homeOpened())).status).toBe(200);
    // Assert
    const view = (await t.api.waitFor(() => publishes('U0ALICE')[0])).args.view as Record<string, any>;
    expect(view.type).toBe('home');
    expect(viewProblems(view)).toEqual([]);
    const text = viewText(view);
    expect(text).toContain('My IT tickets');
    expect(text).toContain(`*${number}*`);
    expect(text).toContain(`Priority: ${ticket.priority}`);
    expect(text).toMatch(/Status: (New|Escalated|Open)/i);
    expect(text).toContain('<!date^');
    // The button opens the new-ticket modal (a block_actions from the Home view).
    const click = fixture('block-actions');
    click.container = { type: 'view', view_id: 'V0HOME1' };
    delete click.channel;
    delete click.message;
    click.view = { id: 'V0HOME1', type: 'home', callback_id: 'fd_home' };
    click.actions = [{ action_id: 'fd_home_new', block_id: 'fd_home_actions', text: { type: 'plain_text', text: 'New ticket' }, value: 'new', type: 'button', action_ts: '1700003001.000001' }];
    expect((await postInteraction(t.baseUrl, click)).status).toBe(200);
    const open = await t.api.waitFor(() => t.api.callsOf('views.open')[0]);
    expect((open.args.view as Record<string, any>).callback_id).toBe('fd_new_ticket');
  });

  it('someone with no tickets is told so; a Messages-tab visit publishes nothing', async () => {
    t = await startSlackTestApp();
    await postEvent(t.baseUrl, homeOpened('U0BOB', 'D0BOBDM', 'messages'));
    await postEvent(t.baseUrl, homeOpened('U0BOB', 'D0BOBDM'));
    const view = (await t.api.waitFor(() => publishes('U0BOB')[0])).args.view as Record<string, any>;
    expect(viewText(view)).toContain('You have no open tickets');
    expect(publishes('U0BOB')).toHaveLength(1);
  });

  it('is in Chinese for someone whose Slack is in Chinese, and shows a ticket opened after the visit', async () => {
    // Arrange: Alice's Slack locale is zh-CN.
    t = await startSlackTestApp({}, {}, (api) => {
      (api as unknown as { directory: Map<string, unknown> }).directory.set('U0ALICE', { ...TEST_USERS[0], locale: 'zh-CN' });
    });
    await postEvent(t.baseUrl, homeOpened());
    const first = (await t.api.waitFor(() => publishes('U0ALICE')[0])).args.view as Record<string, any>;
    expect(viewText(first)).toContain('我的 IT 工单');
    expect(viewText(first)).toContain('您目前没有未完成的工单');
    // Act: she files a ticket with the modal (her DM is known from the visit).
    const body = fixture('view-submission-new-ticket');
    body.view.private_metadata = '{"lang":"zh"}';
    body.view.state.values.fd_summary.fd_summary_text.value = 'VPN 连接报错 809';
    body.view.state.values.fd_description.fd_description_text.value = '今天早上开始在家连不上';
    await postInteraction(t.baseUrl, body);
    // Assert: the number reaches her DM, and the Home tab is published again with it, in Chinese.
    const reply = await t.api.waitFor(() => t.api.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0ALICEDM').map((c) => String(c.args.text)).find((s) => TICKET.test(s)));
    const number = TICKET.exec(reply)![0];
    const again = (await t.api.waitFor(() => publishes('U0ALICE')[1])).args.view as Record<string, any>;
    expect(viewText(again)).toContain(`*${number}*`);
    expect(viewText(again)).toContain('状态：');
    expect(viewText(again)).toContain('VPN 连接报错 809');
  });

  it('a Chinese Slack locale sets the language of a first message that does not show one', async () => {
    // Arrange
    t = await startSlackTestApp({}, {}, (api) => {
      (api as unknown as { directory: Map<string, unknown> }).directory.set('U0ALICE', { ...TEST_USERS[0], locale: 'zh-CN' });
    });
    // Act: an emoji alone says nothing about the language.
    await postEvent(t.baseUrl, dmEvent('👋', '1700000000.000300'));
    // Assert
    const reply = await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0ALICEDM'));
    expect(String(reply.args.text)).toMatch(/[\u4e00-\u9fff]/);
    expect(t.api.callsOf('users.info')[0].args.include_locale).toBe('true');
  });
});
