import { ValidationError } from '../errors';
import type { Logger } from '../log';
import type { Store, TurnResult } from '../store/store';
import { BroadcastSender, type SendSummary } from './broadcast-sender';
import { BroadcastClose, BroadcastInput, type BroadcastPosted } from './broadcast-types';
import type { Broadcasts } from './broadcasts';

/** What posting or closing needs. */
export type BroadcastServiceOptions = {
  /** Where broadcasts live: CoreStores.broadcasts (SQLite or PostgreSQL). */
  broadcasts: Broadcasts;
  store: Pick<Store, 'getConversation' | 'commitTurn'>;
  clock: () => Date;
  log?: Logger;
  onCommitted?: (result: TurnResult) => void;
  ratePerSecond?: number;
  leaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Whether this installation has the Slack channel: posting into Slack channels is refused without it. Unchecked when absent. */
  slackConfigured?: boolean;
  /** Whether this instance sends now (it holds the 'broadcasts' cluster lease); always when absent. */
  mayRun?: () => boolean;
};

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => `${i.path.map(String).join('.') || 'input'}: ${i.message}`).join('; ');

/** Post and close broadcasts, and send their deliveries in the background (one run at a time per process). */
export class BroadcastService {
  readonly broadcasts: Broadcasts;
  private readonly sender: BroadcastSender;
  private running: Promise<SendSummary> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: BroadcastServiceOptions) {
    this.broadcasts = options.broadcasts;
    this.sender = new BroadcastSender(options);
  }

  /** Validate (a BroadcastInput) and store a broadcast with its audience snapshot; call `send` or `kick` to deliver it. */
  async post(input: BroadcastInput | unknown, createdBy: string): Promise<BroadcastPosted> {
    const parsed = BroadcastInput.safeParse(input);
    if (!parsed.success) throw new ValidationError(`broadcast: ${issues(parsed.error)}`);
    const { text, audience, incident } = parsed.data;
    if (audience.slackChannels.length && this.options.slackConfigured === false) {
      throw new ValidationError('broadcast: Slack channels were named but Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or drop the Slack channels');
    }
    const result = await this.broadcasts.create({ text, audience, incident, createdBy }, this.options.clock().toISOString());
    this.options.log?.info({ broadcast: result.broadcast.id, audience: result.audience, channels: result.channels, by: createdBy }, 'broadcast posted');
    return result;
  }

  /** Close a broadcast with a follow-up notice to the same audience. */
  async close(id: number, note: string, closedBy: string, options: { exceptUserIds?: readonly number[] } = {}): Promise<BroadcastPosted> {
    const parsed = BroadcastClose.safeParse({ note });
    if (!parsed.success) throw new ValidationError(`broadcast close: ${issues(parsed.error)}`);
    const result = await this.broadcasts.close(id, parsed.data.note, closedBy, this.options.clock().toISOString(), options);
    this.options.log?.info({ broadcast: id, audience: result.audience, by: closedBy }, 'broadcast closed');
    return result;
  }

  /** Enqueue every pending delivery now, at the configured rate; resolves when done. */
  send(scope: { broadcastId?: number; limit?: number } = {}): Promise<SendSummary> {
    return this.sender.run(scope);
  }

  /**
   * Send in the background (after a post, a close, or at start-up to finish a crashed run). Deliveries another
   * process still holds are retried once their claim lapses.
   */
  kick(): void {
    // Another instance holds the lease: it sends what was posted here at its next sweep (broadcast-job.ts).
    if (this.stopped || (this.options.mayRun && !this.options.mayRun())) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sender.run().catch((error: unknown) => {
      this.options.log?.error({ err: error }, 'broadcast sending failed; pending deliveries are retried');
      return { queued: 0, recovered: 0, skipped: 0 };
    });
    void this.running.then(async () => {
      const left = this.again ? 0 : await this.broadcasts.countPending().catch(() => 1);
      this.running = null;
      if (this.again || left > 0) this.scheduleRetry(this.again ? 0 : (this.options.leaseMs ?? 60_000));
      this.again = false;
    });
  }

  /** Take kicks again after `stop` (this instance got the lease back). */
  resume(): void {
    this.stopped = false;
  }

  /** Wait for the background run and stop retrying. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.running;
  }

  private scheduleRetry(ms: number): void {
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => this.kick(), ms);
    this.retryTimer.unref();
  }
}
