import { setTimeout as sleep } from 'node:timers/promises';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { pgWebchatInstance } from '../helpers/pg-webchat-instance';
import { chatSession } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';

type Instance = Awaited<ReturnType<typeof pgWebchatInstance>>;

/** A gate turns wait at while it is closed. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { wait: () => opened, open };
}

describeWithPostgres()('admission on several instances judges the backlog they share (PostgreSQL)', () => {
  const pg = usePostgresDatabase();
  let instances: Instance[] = [];
  /** B's closed gate, opened after a failed test too (its turns would wait for ever, and so would stop()). */
  let stopped = gate();

  afterEach(async () => {
    stopped.open();
    for (const instance of instances) await instance.stop();
    instances = [];
  });

  test('an instance with an empty queue of its own refuses (503 + Retry-After) while the shared backlog is past the budget, and accepts once it drains', async () => {
    // Arrange: B is stopped (its turns wait at a closed gate, holding their claims); A drains, but slowly.
    stopped = gate();
    let slow = true;
    const budget = 1;
    const a = await pgWebchatInstance(pg.url, 'a', { maxQueueWaitSeconds: budget, beforeTurn: async () => { if (slow) await sleep(150); } });
    instances.push(a);
    const b = await pgWebchatInstance(pg.url, 'b', { maxQueueWaitSeconds: budget, beforeTurn: () => stopped.wait() });
    instances.push(b);
    // Forty people write through B: messages B accepted, which both instances may claim.
    for (let i = 0; i < 40; i++) {
      const accepted = await b.engine.accept({ ref: { channel: 'webchat', conversationId: `c${i}`, userId: `u${i}` }, platformMessageId: `backlog-${i}`, text: 'my printer is broken' });
      expect(accepted.status).toBe('accepted');
    }
    expect(a.engine.admission.queued).toBe(0);
    // Each probe comes from a new person, as a load balancer spreads them: nobody has a message waiting on A.
    const probe = async (text: string) => (await chatSession(a.url)).post(text);

    // Act + Assert: A must refuse a new message although hardly anything of its own waits. A slow turn takes
    // 150 ms, so the 40 messages (16 of them held by stopped B) are seconds of waiting, past the 1 s budget.
    const refused = await waitFor(async () => {
      const res = await probe('is anyone there?');
      if (res.status !== 503) {
        expect(res.status).toBe(202);
        await sleep(250);
        return null;
      }
      return res;
    }, 10_000, 'a 503 from A while the shared backlog is past the budget');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Act: B resumes and A is fast again, so the shared backlog drains.
    stopped.open();
    slow = false;
    // Assert: A accepts again once the backlog is gone.
    await waitFor(async () => Number((await a.db.one("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL"))?.n) === 0, 20_000, 'the backlog drained');
    const accepted = await waitFor(async () => {
      const res = await probe('thanks, back again');
      if (res.status === 202) return res;
      expect(res.status).toBe(503);
      await sleep(100);
      return null;
    }, 10_000, 'a 202 from A after the backlog drained');
    expect(accepted.status).toBe(202);
  }, 60_000);
});
