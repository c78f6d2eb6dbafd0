import { waitFor } from '../helpers/test-app';
import { storedInbound } from '../slack/helpers/slack-test-app';
import { OpenPlatformStandIn } from './helpers/open-platform-stand-in';
import { PEOPLE, clickEvent, messageEvent, startFeishuTestApp, type FeishuTestApp } from './helpers/feishu-test-app';

const [wang, li] = PEOPLE;
const GROUP = 'oc_a0553eda9014c201e6969b478895c230';

describe('Feishu long connection (FEISHU_MODE=websocket): the SDK\'s WSClient against a stand-in of the protocol', () => {
  let t: FeishuTestApp;
  afterEach(async () => t?.stop());

  test('events pushed over the connection are stored and answered; a click\'s toast goes back in the answer frame; redeliveries drop', async () => {
    // Arrange: no public URL, no verification token; the SDK pulls the endpoint and connects.
    t = await startFeishuTestApp({ encryptKey: null, overrides: { mode: 'websocket', verificationToken: undefined }, env: { FEISHU_MODE: 'websocket' } });
    const ws = t.api.longConnection!;
    await ws.connected();
    const events = await fetch(`${t.baseUrl}/feishu/events`, { method: 'POST', body: '{}' });

    // Act: Wang asks in a group thread (pushed twice, as a redelivery would be); Li and then Wang click the card.
    const ask = messageEvent(wang, '打印机显示脱机，打印不了', { group: GROUP });
    const first = await ws.push(ask);
    const again = await ws.push(ask);
    const card = await waitFor(() => t.api.sent().find((c) => OpenPlatformStandIn.card(c).elements.some((e: any) => e.tag === 'action')), 10_000, 'the article card');
    const no = OpenPlatformStandIn.card(card).elements.find((e: any) => e.tag === 'action').actions.find((b: any) => /没有/.test(b.text.content));
    const foreign = await ws.push(clickEvent(li, no.value, t.api.messageIdOf(card), GROUP));
    const own = await ws.push(clickEvent(wang, no.value, t.api.messageIdOf(card), GROUP));
    await t.app.engine.idle();

    // Assert
    expect(events.status).toBe(404);
    expect(ws.connections).toBe(1);
    expect(t.api.calls.some((c) => c.path === '/callback/ws/endpoint')).toBe(true);
    expect(first).toEqual({ code: 200, data: undefined });
    expect(again).toEqual({ code: 200, data: undefined });
    expect(card.path).toBe(`/open-apis/im/v1/messages/${ask.event.message.message_id}/reply`);
    expect(foreign).toEqual({ code: 200, data: { toast: { type: 'info', content: '只有 王芳 可以回答这个问题。' } } });
    expect(own).toEqual({ code: 200, data: { toast: { type: 'success', content: '✓ 没有，仍需帮助' } } });
    expect(storedInbound(t.app)).toBe(2);
  });
});
