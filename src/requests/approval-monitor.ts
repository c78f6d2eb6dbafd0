import type { Logger } from '../log';
import type { Approvals } from './approvals';
import type { RequestStore } from './request-store';

/** Approvals the tick acted on. */
export type ApprovalTickReport = { reminded: number[]; timedOut: number[] };

/**
 * Reminds approvers and escalates approvals that time out, like the SLA monitor: the due times are columns
 * of the approvals table and every action settles its row first, so a restarted (or second) monitor
 * neither loses a timer nor acts twice.
 */
export class ApprovalMonitor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly o: { requests: RequestStore; approvals: Approvals; clock: () => Date; log: Logger; intervalMs: number }) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick(this.o.clock()).catch((err) => this.o.log.error({ err }, 'approval monitor tick failed')).finally(() => (this.running = null));
    }, this.o.intervalMs);
    this.timer.unref();
    // A restart finds approvals that fell due while it was down at once.
    this.running = this.tick(this.o.clock()).catch((err) => this.o.log.error({ err }, 'approval monitor tick failed')).finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async idle(): Promise<void> {
    await this.running;
  }

  /** Act on every approval due at `now`. */
  async tick(now: Date): Promise<ApprovalTickReport> {
    const report: ApprovalTickReport = { reminded: [], timedOut: [] };
    const iso = now.toISOString();
    for (const row of await this.o.requests.due(iso)) {
      try {
        if (row.escalateAt <= iso) {
          await this.o.approvals.timeout(row, now);
          report.timedOut.push(row.id);
        } else if (await this.o.requests.markReminded(row.id, iso)) {
          await this.o.approvals.deliver(row, 'approverReminder', now);
          report.reminded.push(row.id);
        }
      } catch (err) {
        this.o.log.error({ err, approval: row.id }, 'approval timer failed; retried next tick');
      }
    }
    return report;
  }
}
