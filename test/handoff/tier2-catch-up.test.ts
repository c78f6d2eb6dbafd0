import { Tier2CatchUp } from '../../src/handoff/tier2-catch-up';
import { createLogger } from '../../src/log';
import { SWEEP_LIMIT } from '../../src/store/agent-thread-sql';
import type { AgentThreadStore } from '../../src/store/agent-thread-store';

/** A thread store that answers the sweep's query with the next page given, and records each window asked. */
function pages(...answers: number[][]) {
  const windows: { since: string; before: string }[] = [];
  const threads = {
    escalatedWithoutThread: async (_platform: string, since: string, before: string) => {
      windows.push({ since, before });
      return answers.shift() ?? [];
    },
  } as unknown as AgentThreadStore;
  return { threads, windows };
}

describe('the tier-2 catch-up sweep\'s window', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 12, minute));

  test('a first sweep looks back an hour; the next starts a minute before where the last ended, the last 2 s left to the committing process', async () => {
    const { threads, windows } = pages([7], []);
    const mirrored: number[] = [];
    const sweep = new Tier2CatchUp({ platform: 'slack', threads, mirror: async (id) => void mirrored.push(id), clock: () => at(0), log: createLogger({ level: 'silent' }) });

    await sweep.sweep(at(30));
    await sweep.sweep(at(31));

    expect(mirrored).toEqual([7]);
    expect(windows).toEqual([
      { since: '2026-12-07T11:30:00.000Z', before: '2026-12-07T12:29:58.000Z' },
      { since: '2026-12-07T12:28:58.000Z', before: '2026-12-07T12:30:58.000Z' },
    ]);
  });

  test('a full page keeps the window: what the limit left out is found by the next sweep', async () => {
    const full = Array.from({ length: SWEEP_LIMIT }, (_, i) => i + 1);
    const { threads, windows } = pages(full, [SWEEP_LIMIT + 1]);
    const mirrored: number[] = [];
    const sweep = new Tier2CatchUp({ platform: 'teams', threads, mirror: async (id) => void mirrored.push(id), clock: () => at(0), log: createLogger({ level: 'silent' }) });

    await sweep.sweep(at(30));
    await sweep.sweep(at(31));

    expect(windows[1].since).toBe(windows[0].since);
    expect(mirrored).toHaveLength(SWEEP_LIMIT + 1);
  });
});
