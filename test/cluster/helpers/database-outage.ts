import type { InstanceSet } from './instances';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The database going away under load: after `afterMs` of load, `stop` it, `start` it again `downMs` later. */
export type DatabaseOutage = { afterMs: number; downMs: number; stop(): Promise<void>; start(): Promise<void> };

/** What each instance's own /healthz said while the database was down, and how long the way back took. */
export type OutageReport = {
  /** From the stop's return to the start's: the database was unreachable. */
  downMs: number;
  /** From the start's return until every instance's /healthz said `ok` again (-1: never, within a minute). */
  recoveredMs: number;
  /** Answers of each instance's /healthz while the database was down, by `status` (or `unanswered`). */
  health: Array<Record<string, number>>;
  /** Processes started in the run (the instances themselves only: nothing was restarted), and any that exited by themselves. */
  started: number; exited: number[];
};

/**
 * Stop the database under the running instances and start it again, asking each instance's /healthz
 * (directly, not through the proxy) four times a second throughout. Instances are not touched.
 */
export async function runOutage(outage: DatabaseOutage, instances: InstanceSet): Promise<OutageReport> {
  await sleep(outage.afterMs);
  let phase: 'before' | 'down' | 'after' = 'before';
  const health = instances.ports.map(() => ({} as Record<string, number>));
  const latest = instances.ports.map(() => '');
  let polling = true;
  const poll = (async () => {
    while (polling) {
      await Promise.all(instances.ports.map(async (port, i) => {
        const seen = phase;
        const status = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })
          .then(async (res) => String(((await res.json()) as { status?: string }).status))
          .catch(() => 'unanswered');
        latest[i] = status;
        if (seen === 'down' && phase === 'down') health[i][status] = (health[i][status] ?? 0) + 1;
      }));
      await sleep(250);
    }
  })();
  try {
    await outage.stop();
    phase = 'down';
    const downAt = Date.now();
    await sleep(outage.downMs);
    phase = 'after';
    await outage.start();
    const upAt = Date.now();
    latest.fill('');
    let recoveredMs = -1;
    while (Date.now() - upAt < 60_000) {
      if (latest.every((s) => s === 'ok')) { recoveredMs = Date.now() - upAt; break; }
      await sleep(50);
    }
    return { downMs: upAt - downAt, recoveredMs, health, started: instances.started, exited: instances.exited() };
  } finally {
    polling = false;
    await poll;
  }
}
