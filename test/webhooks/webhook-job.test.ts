import { createLogger } from '../../src/log';
import { WebhookJob } from '../../src/webhooks/webhook-job';
import type { WebhookStore } from '../../src/webhooks/webhook-store';

/** A webhook store that only answers what a run asks when nothing is due, counting the pumps. */
function fakeStore(listening: boolean): { store: WebhookStore; pumps: () => number } {
  let pumps = 0;
  const store = {
    pump: async () => {
      pumps++;
      return { read: 0, listening };
    },
    claimDue: async () => [],
    nextDue: async () => null,
  } as unknown as WebhookStore;
  return { store, pumps: () => pumps };
}

function job(store: WebhookStore): WebhookJob {
  return new WebhookJob({ webhooks: store, log: createLogger({ level: 'silent' }), clock: () => new Date('2026-03-02T09:00:00Z'), maxAttempts: 10, baseDelayMs: 1000, timeoutMs: 1000 });
}

describe('WebhookJob: committed turns wake it only while a subscription is enabled', () => {
  test('nobody listening: after the first run, commits do not run the pump again (the poll does)', async () => {
    const fake = fakeStore(false);
    const webhooks = job(fake.store);
    webhooks.start();
    await webhooks.idle();
    for (let i = 0; i < 5; i++) {
      webhooks.committed();
      await webhooks.idle();
    }
    await webhooks.stop();
    expect(fake.pumps()).toBe(1);
  });

  test('a subscription enabled: every commit runs the pump', async () => {
    const fake = fakeStore(true);
    const webhooks = job(fake.store);
    webhooks.start();
    await webhooks.idle();
    for (let i = 0; i < 5; i++) {
      webhooks.committed();
      await webhooks.idle();
    }
    await webhooks.stop();
    expect(fake.pumps()).toBe(6);
  });
});
