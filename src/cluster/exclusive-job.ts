import type { Logger } from '../log';
import type { LeaseStore } from '../store/lease-store';

/** A background job that can be started again after a stop (SlaMonitor, the retention job...). */
export type RestartableJob = { start(): void; stop(): Promise<void>; idle?(): Promise<void> };

/** What an ExclusiveJob needs: the lease it runs under, who this instance is, and how long a lease lasts. */
export type ExclusiveJobOptions = {
  leases: LeaseStore;
  /** The lease's name, one per kind of work ('sla', 'imap', ...). */
  name: string;
  /** This instance (host, pid, a random part): a restarted process is a new holder. */
  holder: string;
  job: RestartableJob;
  /** How long a lease lasts without renewal; a dead holder's work moves elsewhere within about this. */
  ttlMs: number;
  clock: () => Date;
  log?: Logger;
};

/**
 * Runs `job` on exactly one instance of a cluster: the one holding the lease `name`. Every ttl/3 it renews
 * (holding) or tries to take the lease (not holding); a failed renewal, or a database it cannot reach, stops
 * the job at once, before the lease can pass to another instance. A clean stop releases the lease, so
 * another instance takes over at its next check instead of after the TTL.
 */
export class ExclusiveJob {
  private holding = false;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly o: ExclusiveJobOptions) {}

  /** The lease's name. */
  get name(): string {
    return this.o.name;
  }

  /** Whether this instance holds the lease (and runs the job) now. */
  holds(): boolean {
    return this.holding;
  }

  /** Check now, then every ttl/3 (the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), Math.max(100, Math.floor(this.o.ttlMs / 3)));
    this.timer.unref();
    void this.check();
  }

  /** One renewal or takeover attempt; checks never overlap. Exposed so tests can drive time. */
  check(): Promise<void> {
    this.checking = this.checking.catch(() => undefined).then(() => this.runCheck());
    return this.checking;
  }

  private async runCheck(): Promise<void> {
    const { leases, name, holder, ttlMs, clock, log } = this.o;
    const now = clock().toISOString();
    let held: boolean;
    try {
      held = this.holding ? await leases.renew(name, holder, now, ttlMs) : await leases.acquire(name, holder, now, ttlMs);
    } catch (error) {
      // Not knowing is losing: another instance may take the lease once it runs out.
      log?.warn({ err: error, lease: name }, 'lease check failed');
      held = false;
    }
    if (held === this.holding) return;
    this.holding = held;
    try {
      if (held) {
        log?.info({ lease: name }, 'lease taken: running the job here');
        this.o.job.start();
      } else {
        log?.warn({ lease: name }, 'lease lost: job stopped here');
        await this.o.job.stop();
      }
    } catch (error) {
      log?.error({ err: error, lease: name }, 'background job failed to start or stop');
      // A job that did not start gives the lease up: the next check (here or elsewhere) tries again.
      if (held) {
        this.holding = false;
        await leases.release(name, holder).catch(() => undefined);
      }
    }
  }

  /** Stop checking; stop the job and release the lease if held. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
    if (!this.holding) return;
    this.holding = false;
    await this.o.job.stop();
    await this.o.leases.release(this.o.name, this.o.holder).catch((error) => this.o.log?.warn({ err: error, lease: this.o.name }, 'lease not released; it runs out by itself'));
  }

  async idle(): Promise<void> {
    await this.o.job.idle?.();
  }
}
