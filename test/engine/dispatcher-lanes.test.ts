import { ChannelUnavailableError } from '../../src/errors';
import type { ChannelAdapter } from '../../src/types/channel';
import type { ChannelName, InboundMessage } from '../../src/types/conversation';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp, waitFor } from '../helpers/test-app';

const CAPS = { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' } as const;

/** A stand-in platform whose sends do what `behave` says (hang, fail, succeed). */
function platform(name: ChannelName, behave: (deliveryId: number) => Promise<void>) {
  const sent: number[] = [];
  const channel: ChannelAdapter = {
    name, capabilities: CAPS, start: async () => {}, stop: async () => {},
    send: async (_ref, _message, deliveryId) => {
      await behave(deliveryId);
      sent.push(deliveryId);
    },
  };
  return { channel, sent };
}

const hello = (channel: ChannelName, user: string, id: string): InboundMessage => ({
  ref: { channel, conversationId: `${channel}:${user}`, userId: user }, platformMessageId: id, text: 'my laptop does not boot',
});

describe('dispatcher lanes', () => {
  it('a send that never returns holds only its own channel: the other channel is served and stop() is bounded', async () => {
    const hung = platform('email', () => new Promise<void>(() => undefined));
    const chat = platform('terminal', async () => undefined);
    const t = await startTestApp({ DISPATCH_SEND_TIMEOUT_MS: '200', DISPATCH_STOP_TIMEOUT_MS: '500', WEBCHAT_ENABLED: 'false' }, {
      channels: [hung.channel, chat.channel], turnDeps: fixedTurnDeps(),
    });
    try {
      for (let i = 0; i < 60; i++) await t.app.engine.receive(hello('email', `u${i}`, `e${i}`));
      await t.app.engine.receive(hello('terminal', 'ana', 't1'));
      await waitFor(() => chat.sent.length >= 1, 5000, 'the terminal reply');
      // Later traffic keeps flowing while 60 mail sends hang.
      const before = chat.sent.length;
      await t.app.engine.receive(hello('terminal', 'ben', 't2'));
      await waitFor(() => chat.sent.length > before, 5000, 'the second terminal reply');
      expect(hung.sent).toEqual([]);
    } finally {
      const started = Date.now();
      await t.stop();
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });

  it('an unreachable platform is retried beyond DISPATCH_MAX_ATTEMPTS and delivered once it is back', async () => {
    let down = true;
    let failures = 0;
    const flaky = platform('terminal', async () => {
      if (down) {
        failures++;
        throw new ChannelUnavailableError('connect ECONNREFUSED');
      }
    });
    const t = await startTestApp({ DISPATCH_MAX_ATTEMPTS: '2', DISPATCH_BASE_DELAY_MS: '10', WEBCHAT_ENABLED: 'false' }, {
      channels: [flaky.channel], turnDeps: fixedTurnDeps(),
    });
    try {
      await t.app.engine.receive(hello('terminal', 'ana', 't1'));
      await waitFor(() => failures >= 5, 20_000, 'five refused attempts');
      expect(await t.app.store.countOutbox('failed')).toBe(0);
      down = false;
      await waitFor(() => flaky.sent.length === 1, 10_000, 'delivery after the platform returned');
      expect(await t.app.store.countOutbox('failed')).toBe(0);
    } finally {
      await t.stop();
    }
  });
});
