import { errorCode } from '../errors';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import { TURN_LEASE_MS } from './turn-source';

/**
 * The inbound messages this instance claimed and has not answered yet (the round being run), with their
 * lease renewed every third of it while any is held. A round of 16 turns may outlast a short lease (a slow
 * directory lookup, a busy machine); without renewal another instance claimed the round's later messages and
 * ran them a second time. A dead process renews nothing, so its claims still run out within one lease.
 */
export class HeldClaims {
  private readonly ids = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Pick<Store, 'renewInboundClaims'>,
    private readonly clock: () => Date,
    private readonly log: Logger,
    private readonly leaseMs = TURN_LEASE_MS,
  ) {}

  /**
   * The messages of a new round, renewed until the next round or releaseAll (an answered message is no
   * longer renewed by the store). What an earlier round cut short is let go: this round claimed it again if due.
   */
  round(ids: number[]): void {
    this.ids.clear();
    for (const id of ids) this.ids.add(id);
    if (this.ids.size > 0 && !this.timer) {
      this.timer = setInterval(() => void this.renew(), this.leaseMs / 3);
      this.timer.unref();
    }
  }

  /** The drain ended: a claim left (a round cut short) runs out within one lease, or our next claim takes it back. */
  releaseAll(): void {
    this.ids.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async renew(): Promise<void> {
    // A renewal that fails (database away) is not retried here: the next tick tries again, and a database
    // away for a whole lease lets another instance take the message (its commit then refuses ours).
    await this.store.renewInboundClaims?.([...this.ids], this.clock().toISOString(), this.leaseMs)
      .catch((error) => this.log.warn({ code: errorCode(error) }, 'could not renew turn claims'));
  }
}
