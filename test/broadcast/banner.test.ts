import { BroadcastService } from '../../src/broadcast/broadcast-service';
import type { ChannelAdapter } from '../../src/types/channel';
import type { OutboundMessage } from '../../src/types/conversation';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp } from '../helpers/test-app';

test('an active broadcast opens every new conversation, and only new ones', async () => {
  const sent: { user: string; message: OutboundMessage }[] = [];
  const channel: ChannelAdapter = {
    name: 'terminal',
    capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' },
    start: async () => {}, stop: async () => {},
    send: async (ref, message) => void sent.push({ user: ref.userId, message }),
  };
  const t = await startTestApp({}, { channels: [channel], turnDeps: fixedTurnDeps(), dispatch: false });
  try {
    const say = async (user: string, id: string, text: string) => {
      await t.app.engine.receive({ ref: { channel: 'terminal', conversationId: `c-${user}`, userId: user }, platformMessageId: id, text });
      await t.app.dispatcher.drainDue();
    };
    await say('ana', 'a1', 'hello');
    await new BroadcastService({ broadcasts: t.app.broadcasts, store: t.app.store, clock: () => new Date() }).post({ text: 'Mail is down in Shanghai, we are on it' }, 'admin');
    await say('ana', 'a2', 'my printer jams');
    await say('bo', 'b1', 'hello');
    const texts = (user: string) => sent.filter((s) => s.user === user).map((s) => (s.message.kind === 'text' ? s.message.text : s.message.kind));
    expect(texts('bo')[0]).toMatch(/Mail is down in Shanghai/);
    expect(texts('bo')).toHaveLength(2);
    expect(texts('ana').some((text) => /Mail is down/.test(text))).toBe(false);
  } finally {
    await t.stop();
  }
});
