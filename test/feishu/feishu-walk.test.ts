import { waitFor } from '../helpers/test-app';
import { OpenPlatformStandIn, type Call } from './helpers/open-platform-stand-in';
import { PEOPLE, TIER2_CHAT, clickEvent, messageEvent, startFeishuTestApp, type FeishuTestApp } from './helpers/feishu-test-app';

const [wang, , tina] = PEOPLE;
const NOW = () => new Date().toISOString();
const dmChat = `oc_p2p_${wang.openId.slice(3, 20)}`;

/** Buttons of a sent card (action rows and the Resolve form's submit button). */
function buttons(call: Call): Array<Record<string, any>> {
  const card = OpenPlatformStandIn.card(call);
  return card.elements.flatMap((e: any) => (e.tag === 'action' ? e.actions : e.tag === 'form' ? e.elements.filter((x: any) => x.tag === 'button') : []));
}

describe('the whole ticket walk in Chinese through Feishu', () => {
  let t: FeishuTestApp;
  afterEach(async () => t?.stop());

  test('intake → KB article → ticket → tier-2 takeover → resolve → confirm → CSAT; the token expires mid-conversation', async () => {
    // Arrange: Tina is a field-services agent (matched by her contact e-mail); the agents' chat is configured.
    t = await startFeishuTestApp({ overrides: { tier2Chat: TIER2_CHAT } });
    await t.app.agentStore.addAgent({ id: 'tina', name: 'Tina Agent', role: 'agent', groups: ['field-services'] }, 'x', NOW());
    const toWang = () => t.api.sent().filter((c) => c.body.receive_id === dmChat || (c.path.endsWith('/reply') && !c.body.reply_in_thread));
    const inTier2 = () => t.api.sent().filter((c) => c.body.receive_id === TIER2_CHAT || c.body.reply_in_thread === true || c.method === 'PATCH');
    const texts = () => toWang().map((c) => OpenPlatformStandIn.text(c));
    const last = () => texts()[texts().length - 1];
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        await t.app.engine.idle();
        await t.app.dispatcher.drainDue();
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const clickLast = async (label: RegExp) => {
      const card = [...toWang()].reverse().find((c) => buttons(c).length > 0)!;
      const button = buttons(card).find((b) => label.test(b.text.content))!;
      const res = await t.deliver(clickEvent(wang, button.value, t.api.messageIdOf(card), dmChat));
      await settle();
      return res.json();
    };

    // Act 1: intake. The ticket is logged at once and the printer article offered with Yes / No buttons.
    await t.deliver(messageEvent(wang, '打印机显示脱机，打印不了'));
    await waitFor(() => toWang().length >= 2, 10_000, 'the first answers');
    await settle();
    const number = /INC-\d{6}/.exec(texts()[0])![0];
    expect(texts()[0]).toContain('已为您登记故障');
    expect(texts().join('\n')).toContain('问题解决了吗？');
    expect(t.api.tokensIssued).toBe(1);

    // Act 2: the article did not help; the person asks for a person. The ticket is escalated to the agents' chat.
    expect(await clickLast(/没有/)).toEqual({ toast: { type: 'success', content: '✓ 没有，仍需帮助' } });
    await t.deliver(messageEvent(wang, '转人工'));
    await settle();
    expect(last()).toContain('现场支持团队');
    const escalation = inTier2().find((c) => c.body.receive_id === TIER2_CHAT)!;
    expect(OpenPlatformStandIn.text(escalation)).toContain('打印机显示脱机');
    const card = t.api.messageIdOf(escalation);
    const take = buttons(escalation).find((b) => b.value.a === 'take')!;
    const resolve = buttons(escalation).find((b) => b.value.a === 'resolve')!;

    // Act 3: Feishu invalidates the token before its expiry; Tina takes over and answers in the card's thread.
    t.api.expireTokens();
    const taken = await t.deliver(clickEvent(tina, take.value, card, TIER2_CHAT));
    expect(await taken.json()).toEqual({ toast: { type: 'success', content: `${number} ✓` } });
    await settle();
    expect(last()).toBe(`服务台的 Tina Agent 已加入关于 **${number}** 的对话。`);
    expect(t.api.tokensIssued).toBe(2);
    await t.deliver(messageEvent(tina, '请先重启打印机，再试一次', { group: TIER2_CHAT, rootId: card }));
    await settle();
    expect(last()).toBe('**Tina Agent**: 请先重启打印机，再试一次');

    // Act 4: she resolves it with what fixed it; Wang confirms and rates the help.
    const empty = await t.deliver(clickEvent(tina, resolve.value, card, TIER2_CHAT, { resolution: '  ' }));
    expect((await empty.json()).toast.type).toBe('warning');
    await t.deliver(clickEvent(tina, resolve.value, card, TIER2_CHAT, { resolution: '重新安装了打印机驱动' }));
    await settle();
    expect(last()).toBe(`您的工单 ${number} 已解决：重新安装了打印机驱动。问题解决了吗？`);
    await clickLast(/是的/);
    expect(last()).toContain(`${number} 已关闭。您对本次服务满意吗？`);
    await clickLast(/^5$/);

    // Assert: closed with CSAT 5; the agents' card was updated in place and its thread tells the story.
    expect(last()).toBe('感谢您的反馈！');
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ status: 'closed', csat: 5, agentId: 'tina', lang: 'zh' });
    const thread = inTier2().filter((c) => c.path.endsWith(`${card}/reply`)).map((c) => OpenPlatformStandIn.text(c));
    // A Chinese desk (FEISHU_DEFAULT_LANG=zh) reads its agents' lines in Chinese.
    expect(thread).toEqual([`tina 接手了 ${number}。`, `tina 已解决 ${number}；正在询问用户“问题解决了吗？”。`, `**王芳** 确认已解决；${number} 已关闭。`, '**王芳** 评分 5/5']);
    const lastCard = [...inTier2()].reverse().find((c) => c.method === 'PATCH')!;
    expect(buttons(lastCard)).toEqual([]);
    // Cached until it was refused: one token before the expiry, one after, none per message.
    expect(t.api.tokensIssued).toBe(2);
  }, 60_000);
});
