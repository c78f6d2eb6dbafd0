import { tempDir } from '../helpers/test-app';
import { USERS, WecomApiStandIn, cardEventXml, postCallback, settle, startWecomApp, textXml } from './helpers/wecom-test-app';

type Started = Awaited<ReturnType<typeof startWecomApp>>;

/** The last template card sent to `touser`, with the key of the button labelled like `label`. */
function lastCard(api: WecomApiStandIn, touser: string): { taskId: string; buttons: Array<{ text: string; key: string }>; card: any } {
  const card = [...api.sentTo(touser)].reverse().find((b) => b.msgtype === 'template_card');
  if (!card) throw new Error(`no card sent to ${touser}`);
  return { taskId: card.template_card.task_id, buttons: card.template_card.button_list, card: card.template_card };
}

function keyOf(card: { buttons: Array<{ text: string; key: string }> }, label: RegExp): string {
  const button = card.buttons.find((b) => label.test(b.text));
  if (!button) throw new Error(`no button ${label} among ${card.buttons.map((b) => b.text).join(', ')}`);
  return button.key;
}

const textsTo = (api: WecomApiStandIn, touser: string) => api.sentTo(touser).map((b) => (b.msgtype === 'text' ? b.text.content : `[card] ${b.template_card.main_title.title} | ${b.template_card.sub_title_text ?? ''}`));

describe('the whole ticket walk in WeCom, in Chinese', () => {
  let api: WecomApiStandIn;
  let tmp: ReturnType<typeof tempDir>;
  let t: Started;

  beforeEach(async () => {
    api = await new WecomApiStandIn(USERS).start();
    tmp = tempDir('frontdesk-wecom-walk-');
    t = await startWecomApp(tmp.dir, api, { WECOM_AGENT_USERS: 'wangwu,zhaoliu' });
    await t.app.agentStore.addAgent({ id: 'wangwu', name: '王五', role: 'agent', groups: ['network'] }, 'x', new Date().toISOString());
  });
  afterEach(async () => {
    await t.app.stop();
    await api.stop();
    tmp.cleanup();
  });

  const user = async (text: string) => {
    expect((await postCallback(t.url, textXml('zhangsan', text))).status).toBe(200);
    await settle(t.app);
  };
  const click = async (who: string, card: { taskId: string }, key: string) => {
    expect((await postCallback(t.url, cardEventXml(who, card.taskId, key, api.issueResponseCode()))).status).toBe(200);
    await settle(t.app);
  };

  it('intake → KB → ticket → tier-2 takeover → resolve → confirm → CSAT', async () => {
    // Intake: the problem, a ticket, and the article offered on a card.
    await user('VPN连不上，一直提示超时');
    const ticket = (await t.app.store.getTicketByNumber('INC-000001'))!;
    expect(ticket).toMatchObject({ lang: 'zh', category: 'network' });
    expect(textsTo(api, 'zhangsan').join('\n')).toMatch(/INC-000001/);
    const kbCard = lastCard(api, 'zhangsan');
    expect(kbCard.card.jump_list?.[0].url).toMatch(/\/kb\/vpn-connect/);

    // The article did not help; the user asks for a person: the ticket is escalated to the agents.
    await click('zhangsan', kbCard, keyOf(kbCard, /没有/));
    await user('转人工');
    const escalation = lastCard(api, 'wangwu|zhaoliu');
    expect(escalation.card.main_title.title).toMatch(/^INC-000001/);
    expect(escalation.buttons.map((b) => b.text)).toEqual(['接手', '解决']);

    // Tier 2: 王五 takes it over from the card; the user hears who joined; the card changes for every agent.
    await click('wangwu', escalation, keyOf(escalation, /接手/));
    expect((await t.app.store.getTicketByNumber('INC-000001'))!).toMatchObject({ agentId: 'wangwu', status: 'in_progress' });
    expect(textsTo(api, 'zhangsan').join('\n')).toMatch(/王五 已加入关于 INC-000001 的对话/);
    const updates = api.callsOf('message/update_template_card').map((c) => c.body);
    expect(updates.some((u) => u.template_card?.horizontal_content_list?.some((f: any) => f.value === '王五'))).toBe(true);

    // 王五 writes to the user by the ticket number, then resolves with what fixed it.
    const wangwu = async (text: string) => {
      expect((await postCallback(t.url, textXml('wangwu', text))).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      await settle(t.app);
    };
    await wangwu('INC-000001 已为您重置 VPN 配置，请重新连接试试');
    expect(textsTo(api, 'zhangsan').join('\n')).toMatch(/王五: 已为您重置 VPN 配置/);
    await click('wangwu', escalation, keyOf(escalation, /解决/));
    expect(textsTo(api, 'wangwu').join('\n')).toMatch(/请回复 INC-000001 的解决方法/);
    await wangwu('重置了 VPN 配置文件');
    expect((await t.app.store.getTicketByNumber('INC-000001'))!.status).toBe('resolved');

    // The user confirms on the "is it fixed?" card, then rates the help.
    const fixed = lastCard(api, 'zhangsan');
    expect(fixed.card.sub_title_text).toMatch(/已解决：重置了 VPN 配置文件/);
    await click('zhangsan', fixed, keyOf(fixed, /是的/));
    expect((await t.app.store.getTicketByNumber('INC-000001'))!.status).toBe('closed');
    const csat = lastCard(api, 'zhangsan');
    expect(csat.buttons.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5', '跳过']);
    await click('zhangsan', csat, keyOf(csat, /^5$/));
    const events = await t.app.store.ticketEvents(ticket.id);
    expect(events.find((e) => e.kind === 'csat')?.data).toMatchObject({ score: 5 });
    expect(textsTo(api, 'zhangsan').slice(-1)[0]).toMatch(/谢谢|感谢/);
    // Every payload had the documented shape, every text was Chinese for the user.
    expect(api.refused).toEqual([]);
  }, 60_000);
  it('an agent in WECOM_AGENT_USERS without a console account is told so; the ticket does not change', async () => {
    await user('VPN连不上，一直提示超时');
    await user('转人工');
    const escalation = lastCard(api, 'wangwu|zhaoliu');
    await click('zhaoliu', escalation, keyOf(escalation, /接手/));
    await new Promise((r) => setTimeout(r, 100));
    expect(textsTo(api, 'zhaoliu')).toEqual([expect.stringMatching(/还不是已登记的客服人员/)]);
    expect((await t.app.store.getTicketByNumber('INC-000001'))!.agentId).toBeNull();
    // Someone outside the agents list clicking a tier-2 card is dropped without a word.
    await click('lisi', escalation, keyOf(escalation, /接手/));
    expect(api.sentTo('lisi')).toEqual([]);
  }, 60_000);
});
