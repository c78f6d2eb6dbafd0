import { SharedBacklog } from '../../src/engine/shared-backlog';
import { createLogger } from '../../src/log';
import type { InboundBacklog } from '../../src/store/store';

/** A database stand-in whose backlog the test sets; counts the reads and what each asked for. */
function fakeBacklog() {
  const state = { waiting: 0, newestId: 0, arrivedTotal: 0 };
  const asked: Array<number | null> = [];
  const seen = new Map<number, number>();
  return {
    state, asked,
    /** `n` messages stored (ids go up by one each). */
    arrive(n: number) {
      state.waiting += n;
      for (let i = 0; i < n; i++) seen.set(++state.newestId, ++state.arrivedTotal);
    },
    async inboundBacklog(afterId: number | null): Promise<InboundBacklog> {
      asked.push(afterId);
      const arrived = afterId === null ? 0 : [...seen.keys()].filter((id) => id > afterId).length;
      return { waiting: state.waiting, arrived, newestId: state.newestId };
    },
  };
}

const log = createLogger({ level: 'silent' });

describe('SharedBacklog: the wait behind what all instances must still answer', () => {
  test('reads the database at most every 200 ms however many requests ask, and reuses the reading meanwhile', async () => {
    // Arrange
    let now = 0;
    const db = fakeBacklog();
    const shared = new SharedBacklog(db, 5, log, () => now);
    // Act: 1,000 requests within 100 ms.
    for (let i = 0; i < 1000; i++) {
      shared.refusal(5);
      now += 0.1;
      await Promise.resolve();
    }
    // Assert
    expect(db.asked).toHaveLength(1);
  });

  test('measures the cluster rate from successive readings and refuses once the backlog is past the budget at that rate', async () => {
    // Arrange: 10 turns served per second while 100 messages wait, 10 more arriving each second.
    let now = 0;
    const db = fakeBacklog();
    const shared = new SharedBacklog(db, 5, log, () => now);
    db.arrive(100);
    await shared.refresh();
    // Act: 1.2 s of readings every 200 ms, 2 arrive and 2 are served between two readings.
    for (let step = 0; step < 6; step++) {
      now += 200;
      db.arrive(2);
      db.state.waiting -= 2;
      await shared.refresh();
    }
    // Assert: 100 waiting at 10/s is 10 s, past the 5 s budget: refused, and told to come back in about 5 s.
    expect(shared.clusterRate).toBeCloseTo(10, 5);
    expect(shared.waitSeconds(5)).toBeCloseTo(10, 5);
    expect(shared.refusal(5)).toEqual({ ok: false, retryAfterSeconds: 5 });
    // Act: the backlog drains to 30 (3 s at 10/s).
    now += 200;
    db.state.waiting = 30;
    await shared.refresh();
    // Assert
    expect(shared.refusal(5)).toBeNull();
  });

  test('an old reading (idle, or the database away) refuses nobody; a new one is asked for', async () => {
    // Arrange: a reading of a huge backlog, nothing served.
    let now = 0;
    const db = fakeBacklog();
    const shared = new SharedBacklog(db, 5, log, () => now);
    db.arrive(10_000);
    await shared.refresh();
    expect(shared.refusal(1000)).not.toBeNull();
    // Act: 3 s later, the database no longer answers.
    now += 3000;
    db.inboundBacklog = async () => { throw new Error('connection refused'); };
    // Assert
    expect(shared.refusal(1000)).toBeNull();
  });

  test('an empty backlog admits; until a rate is measured, this instance\'s own time per turn stands for it', async () => {
    // Arrange
    let now = 0;
    const db = fakeBacklog();
    const shared = new SharedBacklog(db, 5, log, () => now);
    await shared.refresh();
    // Assert: empty.
    expect(shared.waitSeconds(5)).toBe(0);
    // Act: 2,000 arrive at once.
    now += 250;
    db.arrive(2000);
    await shared.refresh();
    // Assert: 2,000 × 5 ms = 10 s, no measured rate yet.
    expect(shared.clusterRate).toBeNull();
    expect(shared.waitSeconds(5)).toBeCloseTo(10, 5);
    expect(shared.refusal(5)).toEqual({ ok: false, retryAfterSeconds: 5 });
  });
});
