import type { Logger } from '../log';
import { WebhookSender, type SenderOptions } from './webhook-sender';

/** How often the audit trail is checked for changes made by other processes (CLI commands). */
const POLL_MS = 1000;

/**
 * The background part of webhooks: queue new audit events as deliveries, then send what is due; again on
 * every committed turn while a subscription is enabled, on a timer for the next retry, and once a second for
 * other writers (and for a subscription added meanwhile). One run at a time; `stop` waits for it.
 */
export class WebhookJob {
  readonly sender: WebhookSender;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private poll: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** Whether the last pump found an enabled subscription (until the first, assume so). */
  private listening = true;

  constructor(private readonly o: SenderOptions & { log: Logger }) {
    this.sender = new WebhookSender(o);
  }

  /** Begin: pump and send now, then on kicks, retry timers and the poll. */
  start(): void {
    this.stopped = false;
    this.poll = setInterval(() => this.kick(), POLL_MS);
    this.poll.unref();
    this.kick();
  }

  /**
   * A turn or action was committed: pump and send soon. Not while nobody listens: then a run after every turn
   * only found that out again; the poll notices a new subscription within a second (the cursor starts at it).
   */
  committed(): void {
    if (this.listening) this.kick();
  }

  /** Something changed: pump and send soon (coalesced while a run is going). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run()
      .catch((err) => this.o.log.error({ err }, 'webhook run failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async run(): Promise<void> {
    for (let rounds = 0; rounds < 1000 && !this.stopped; rounds++) {
      const pumped = await this.o.webhooks.pump(this.o.clock().toISOString());
      this.listening = pumped.listening;
      // No enabled subscription: no row can be sent or become due (this runs after every committed turn).
      if (!pumped.listening) return;
      const { sent, failed } = await this.sender.round();
      if (pumped.read === 0 && sent === 0 && failed === 0) break;
    }
    await this.scheduleRetry();
  }

  private async scheduleRetry(): Promise<void> {
    const due = await this.sender.nextDue();
    if (this.retry) clearTimeout(this.retry);
    if (due === null || this.stopped) return;
    this.retry = setTimeout(() => this.kick(), Math.max(5, Date.parse(due) - this.o.clock().getTime()));
    this.retry.unref();
  }

  /** Stop the timers and wait for the run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.retry) clearTimeout(this.retry);
    await this.running;
  }

  /** Wait for the run in progress (tests). */
  async idle(): Promise<void> {
    await this.running;
  }
}
