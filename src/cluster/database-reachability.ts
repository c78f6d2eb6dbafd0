import type { Logger } from '../log';
import type { StorageHealth } from '../store/storage-health';

/** Whether this instance can use its database now, for /healthz. */
export type DatabaseReachability = {
  readonly kind: 'sqlite' | 'postgres';
  reachable(): boolean;
  /** For /healthz: reachable or not, since when, and the last error's words or code. */
  status(): { kind: 'sqlite' | 'postgres'; reachable: boolean; since?: string; error?: string; writable?: boolean; code?: string };
  stop(): void;
};

/** SQLite: reachable while the file takes writes (StorageHealth turns false on a full or read-only disk). */
export function sqliteReachability(health: StorageHealth): DatabaseReachability {
  return {
    kind: 'sqlite',
    reachable: () => health.healthy,
    // `writable` and `code` as before (disk-full monitoring keys on them).
    status: () => ({ kind: 'sqlite', reachable: health.healthy, ...health.status() }),
    stop: () => {},
  };
}

/** What the PostgreSQL probe runs: one round trip (`SELECT 1` on the pool). */
export type Ping = () => Promise<unknown>;

/**
 * PostgreSQL: a `SELECT 1` every `intervalMs` (and one right away). While it fails the instance is up but
 * "degraded": turns wait and retry (StorageUnavailableError), a load balancer may keep sending it traffic,
 * since every instance shares the one database. The first success after failures logs once.
 */
export class PgReachability implements DatabaseReachability {
  readonly kind = 'postgres' as const;
  private since: Date | null = null;
  private lastError = '';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly ping: Ping, private readonly intervalMs = 2000, private readonly log?: Pick<Logger, 'warn' | 'info'>) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
    void this.check();
  }

  /** One probe (checks never overlap); exposed so tests need not wait for the timer. */
  check(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        await this.ping();
        if (this.since) this.log?.info({ downForMs: Date.now() - this.since.getTime() }, 'PostgreSQL reachable again');
        this.since = null;
      } catch (error) {
        const e = error as { cause?: { message?: string; code?: string }; message?: string; code?: string };
        this.lastError = e.cause?.message || e.cause?.code || e.message || e.code || String(error);
        if (!this.since) {
          this.since = new Date();
          this.log?.warn({ reason: this.lastError }, 'PostgreSQL unreachable: degraded until it answers again');
        }
      }
    });
    return this.running;
  }

  reachable(): boolean {
    return this.since === null;
  }

  status() {
    return this.since === null ? { kind: this.kind, reachable: true } : { kind: this.kind, reachable: false, since: this.since.toISOString(), error: this.lastError };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
