import path from 'node:path';
import { createWebchatChannel, webchatConfigFrom } from '../../channels/webchat/webchat.channel';
import { TurnAdmission } from '../../src/engine/admission';
import { Engine } from '../../src/engine/engine';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { SqliteStore } from '../../src/store/sqlite-store';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { chatSession } from '../helpers/sse';
import { startTestApp, tempDir } from '../helpers/test-app';

const PLAIN = { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' } as const;

/** An engine whose ingress gate stays closed until `open()`, counting committed turns, and a flood of 400 stored messages. */
function closedGateEngine(name: string) {
  const tmp = tempDir();
  const store = new SqliteStore(path.join(tmp.dir, `${name}.db`));
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const engine = new Engine({ store, log: createLogger({ level: 'silent' }), metrics: createMetrics(), clock: () => new Date(), turnDeps: fixedTurnDeps(), capabilitiesOf: () => PLAIN, ingressQuiet: () => gate });
  let committed = 0;
  engine.events.on('committed', () => committed++);
  const flood = { channel: 'terminal' as const, conversationId: 'flood', userId: 'flooder' };
  return {
    engine,
    committed: () => committed,
    storeFlood: (prefix: string) => Promise.all(Array.from({ length: 400 }, (_, i) => engine.accept({ ref: flood, platformMessageId: `${prefix}${i}`, text: `printer jam ${i}` }))),
    end: async () => {
      open();
      await engine.idle();
      await store.close();
      tmp.cleanup();
    },
  };
}

describe('fair turn scheduling and load shedding', () => {
  test('a user who sent 200 messages does not delay another user: round robin over users', async () => {
    // Arrange: everything stored before the first turn, as under a burst (one group commit; a queue this
    // long no longer waits for the ingress gate, so the gate alone would not hold the turns back).
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'fair.db'));
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const engine = new Engine({ store, log: createLogger({ level: 'silent' }), metrics: createMetrics(), clock: () => new Date(), turnDeps: fixedTurnDeps(), capabilitiesOf: () => PLAIN, ingressQuiet: () => gate });
    const order: string[] = [];
    engine.events.on('committed', (r) => order.push(r.conversation.ref.userId));
    try {
      const flood = { channel: 'terminal' as const, conversationId: 'flood', userId: 'flooder' };
      const other = { channel: 'terminal' as const, conversationId: 'probe', userId: 'probe' };
      await Promise.all([
        ...Array.from({ length: 200 }, (_, i) => engine.accept({ ref: flood, platformMessageId: `f${i}`, text: `printer jam ${i}` })),
        engine.accept({ ref: other, platformMessageId: 'p1', text: 'my vpn is down' }),
        engine.accept({ ref: other, platformMessageId: 'p2', text: 'still down' }),
      ]);
      // Act
      open();
      await engine.idle();
      // Assert: the probe, with fewer messages waiting, goes first in each round: its two messages are the
      // 1st and 3rd turns, not the 201st and 202nd.
      expect(order).toHaveLength(202);
      expect(order.indexOf('probe')).toBe(0);
      expect(order.lastIndexOf('probe')).toBe(2);
    } finally {
      await engine.idle();
      await store.close();
      tmp.cleanup();
    }
  });

  test('under a standing queue turns run even while requests never pause: the ingress gate does not hold them', async () => {
    // Arrange: a gate that never opens, as under sustained overload where requests never pause.
    const t = closedGateEngine('standing');
    try {
      // Act: 400 messages stored at once: at the first estimate (5 ms a turn) two seconds of turns.
      await t.storeFlood('s');
      for (let i = 0; i < 500 && t.committed() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      // Assert: turns ran with the gate still closed (before, every round waited for it and none ran).
      expect(t.committed()).toBeGreaterThan(0);
    } finally {
      await t.end();
    }
  });

  test('a long queue made by one burst still waits for the ingress gate, until it has stood 500 ms', async () => {
    // Arrange: a gate that stays closed, as while a burst's acks are still going out.
    const t = closedGateEngine('burst');
    try {
      // Act: 400 messages stored at once (two seconds of turns at the first estimate), then many turns of the event loop.
      await t.storeFlood('b');
      for (let i = 0; i < 100; i++) await new Promise((resolve) => setImmediate(resolve));
      // Assert: no turn ran while the burst was fresh (before, a queue this long ran at once, gate or not)...
      expect(t.committed()).toBe(0);
      // ...and once the queue has stood, turns run with the gate still closed.
      for (let i = 0; i < 500 && t.committed() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(t.committed()).toBeGreaterThan(0);
    } finally {
      await t.end();
    }
  });

  test('a light user\'s message that arrives during a long round is run next, not after the round', async () => {
    // Arrange: 400 messages from one user make rounds of 50; the light user writes after the 5th turn.
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'refetch.db'));
    const engine = new Engine({ store, log: createLogger({ level: 'silent' }), metrics: createMetrics(), clock: () => new Date(), turnDeps: fixedTurnDeps(), capabilitiesOf: () => PLAIN });
    const order: string[] = [];
    const flood = { channel: 'terminal' as const, conversationId: 'flood', userId: 'flooder' };
    const light = { channel: 'terminal' as const, conversationId: 'light', userId: 'light' };
    let probeSent: Promise<unknown> = Promise.resolve();
    engine.events.on('committed', (r) => {
      order.push(r.conversation.ref.userId);
      if (order.length === 5) probeSent = engine.accept({ ref: light, platformMessageId: 'l1', text: 'my vpn is down' });
    });
    try {
      // Act
      await Promise.all(Array.from({ length: 400 }, (_, i) => engine.accept({ ref: flood, platformMessageId: `r${i}`, text: `printer jam ${i}` })));
      await engine.idle();
      await probeSent;
      await engine.idle();
      // Assert: a few turns after it arrived (the one running, the group commit), not up to 50 later.
      expect(order).toHaveLength(401);
      expect(order.indexOf('light')).toBeGreaterThanOrEqual(5);
      expect(order.indexOf('light')).toBeLessThan(12);
    } finally {
      await engine.idle();
      await store.close();
      tmp.cleanup();
    }
  });

  test('admission: a user with messages waiting is refused past the wait budget, a new user only past twice it', () => {
    let now = 0;
    const admission = new TurnAdmission(1, () => now);
    const flooder = { channel: 'webchat' as const, userId: 'f' };
    const light = { channel: 'webchat' as const, userId: 'l' };
    // 10 ms a turn, measured while a queue stood.
    for (let i = 0; i < 50; i++) admission.queuedOne(flooder);
    for (let i = 0; i < 40; i++) {
      now += 10;
      admission.finished(flooder);
    }
    for (let i = 0; i < 140; i++) admission.queuedOne(flooder);
    expect(admission.queued).toBe(150);
    expect(admission.estimatedWaitSeconds()).toBeGreaterThan(1);
    expect(admission.admit(flooder)).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect(admission.admit(light)).toEqual({ ok: true });
    for (let i = 0; i < 200; i++) admission.queuedOne(flooder);
    expect(admission.admit(light).ok).toBe(false);
  });

  test('web chat answers 503 with Retry-After before reading the body when the queue is over budget; nothing accepted is lost', async () => {
    const t = await startTestApp({ MAX_QUEUE_WAIT_SECONDS: '0.01', RATE_LIMIT_CHAT_PER_SESSION: '1000/1000' }, {
      channelFactories: [(config) => createWebchatChannel(webchatConfigFrom(config))], turnDeps: fixedTurnDeps(),
    });
    try {
      const chat = await chatSession(t.url);
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => chat.post(`printer jam ${i}`, `c${i}`)));
      const shed = results.filter((r) => r.status === 503);
      const accepted = results.filter((r) => r.status === 202);
      expect(shed.length).toBeGreaterThan(0);
      expect(accepted.length).toBeGreaterThan(0);
      expect(Number(shed[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await t.app.engine.idle();
      const conversation = (await t.app.store.findConversation({ channel: 'webchat', conversationId: chat.cookie.split('=')[1] }))!;
      const inbound = (await t.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in');
      expect(inbound).toHaveLength(accepted.length);
      expect(await t.app.store.pendingInbound(10)).toEqual([]);
      expect(await (await fetch(`${t.url}/metrics`)).text()).toMatch(new RegExp(`frontdesk_shed_total\\{channel="webchat",frontdesk_instance="[^"]+"\\} ${shed.length}`));
    } finally {
      await t.stop();
    }
  });
});
