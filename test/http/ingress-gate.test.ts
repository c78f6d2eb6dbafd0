import path from 'node:path';
import { Engine } from '../../src/engine/engine';
import { IngressGate } from '../../src/http/ingress-gate';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { SqliteStore } from '../../src/store/sqlite-store';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { tempDir } from '../helpers/test-app';

/** A gate on a clock the test moves by hand; jest's fake timers fire the gate's timer. */
function gateAt(options: { quietMs?: number; maxHoldMs?: number; maxBurstHoldMs?: number } = {}) {
  let now = 1000;
  const gate = new IngressGate({ quietMs: 2, maxHoldMs: 100, maxBurstHoldMs: 500, ...options, now: () => now });
  const released: string[] = [];
  const wait = (label: string) => void gate.quiet().then(() => released.push(label));
  /** Move the clock and let due timers and the promises they resolve run. */
  const advance = async (ms: number) => {
    now += ms;
    await jest.advanceTimersByTimeAsync(ms);
  };
  return { gate, released, wait, advance };
}

describe('IngressGate: background work waits for a burst of requests to be answered', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('with no request arriving, work goes on at once', async () => {
    const { released, wait } = gateAt();
    wait('turn');
    await jest.advanceTimersByTimeAsync(0);
    expect(released).toEqual(['turn']);
  });

  test('work waits while requests keep arriving and goes once they pause for quietMs', async () => {
    const { gate, released, wait, advance } = gateAt();
    gate.arrived()();
    wait('turn');
    wait('lookup');
    for (let i = 0; i < 10; i++) {
      await advance(1);
      gate.arrived()();
    }
    expect(released).toEqual([]);
    await advance(1);
    expect(released).toEqual([]);
    await advance(1);
    expect(released).toEqual(['turn', 'lookup']);
  });

  test('work waits while a request is being answered, and quietMs after its answer', async () => {
    const { gate, released, wait, advance } = gateAt();
    const answered = gate.arrived();
    wait('turn');
    await advance(30);
    expect(released).toEqual([]);
    answered();
    answered(); // a second report of the same answer changes nothing
    await advance(1);
    expect(released).toEqual([]);
    await advance(1);
    expect(released).toEqual(['turn']);
  });

  test('a burst that never pauses holds work back at most maxHoldMs, then work and requests interleave', async () => {
    const { gate, released, wait, advance } = gateAt({ maxHoldMs: 50 });
    gate.arrived()();
    wait('first');
    for (let ms = 1; ms < 50; ms++) {
      await advance(1);
      gate.arrived()();
    }
    expect(released).toEqual([]);
    await advance(1);
    gate.arrived()();
    expect(released).toEqual(['first']);
    // Still the same burst: later work is not held again.
    wait('second');
    await jest.advanceTimersByTimeAsync(0);
    expect(released).toEqual(['first', 'second']);
  });

  test('a request that is never answered holds work back only maxBurstHoldMs', async () => {
    const { gate, released, wait, advance } = gateAt({ maxHoldMs: 50, maxBurstHoldMs: 200 });
    gate.arrived();
    wait('turn');
    await advance(199);
    expect(released).toEqual([]);
    await advance(1);
    expect(released).toEqual(['turn']);
  });

  test('a burst still being answered after maxHoldMs holds work until its last request is answered', async () => {
    const { gate, released, wait, advance } = gateAt({ maxHoldMs: 50, maxBurstHoldMs: 200 });
    // 20 requests arrive together; answering them takes longer than maxHoldMs (a loaded machine).
    const answers = Array.from({ length: 20 }, () => gate.arrived());
    wait('turn');
    for (const answer of answers.slice(0, 19)) {
      await advance(5);
      answer();
    }
    expect(released).toEqual([]);
    // The last answer ends the hold (the burst is past maxHoldMs: no quiet moment to wait for).
    answers[19]();
    await advance(1);
    expect(released).toEqual(['turn']);
  });

  test('requests arriving after maxHoldMs do not extend the hold: steady traffic does not starve work', async () => {
    const { gate, released, wait, advance } = gateAt({ maxHoldMs: 50, maxBurstHoldMs: 200 });
    gate.arrived()();
    wait('turn');
    // A request always in flight: each new one arrives before the last is answered, for longer than the hold.
    let answer = gate.arrived();
    for (let ms = 1; ms < 50; ms++) {
      await advance(1);
      const next = gate.arrived();
      answer();
      answer = next;
    }
    expect(released).toEqual([]);
    await advance(1);
    const next = gate.arrived();
    answer();
    answer = next;
    await advance(1);
    expect(released).toEqual(['turn']);
    answer();
  });

  test('a new burst after a pause holds work back again', async () => {
    const { gate, released, wait, advance } = gateAt({ maxHoldMs: 10 });
    gate.arrived()();
    await advance(20);
    gate.arrived()();
    wait('turn');
    await jest.advanceTimersByTimeAsync(0);
    expect(released).toEqual([]);
    await advance(2);
    expect(released).toEqual(['turn']);
  });
});

describe('Engine with an ingress gate', () => {
  test('a stored message is acknowledged at once; its turn runs only when the gate opens', async () => {
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'gate.db'));
    let open: () => void = () => {};
    const gateOpen = new Promise<void>((resolve) => (open = resolve));
    const engine = new Engine({
      store, log: createLogger({ level: 'silent' }), metrics: createMetrics(), clock: () => new Date(), turnDeps: fixedTurnDeps(),
      capabilitiesOf: () => ({ buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' }),
      ingressQuiet: () => gateOpen,
    });
    try {
      const ref = { channel: 'terminal' as const, conversationId: 'term:ana', userId: 'ana' };
      const result = await engine.accept({ ref, platformMessageId: 'g1', text: 'my laptop is broken' });
      expect(result.status).toBe('accepted');
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      expect((await store.pendingInbound(10)).map((p) => p.messageId)).toEqual([result.messageId]);
      open();
      await engine.idle();
      expect(await store.pendingInbound(10)).toEqual([]);
      expect(await store.countOutbox('pending')).toBeGreaterThan(0);
    } finally {
      await engine.idle();
      await store.close();
      tmp.cleanup();
    }
  });
});
