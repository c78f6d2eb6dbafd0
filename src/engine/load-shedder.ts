import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Store } from '../store/store';
import type { ConversationRef } from '../types/conversation';
import { TurnAdmission, type AdmitDecision } from './admission';
import { SharedBacklog } from './shared-backlog';
import { ShedLog } from './shed-log';

/**
 * The engine's load shedding at the edge: whether a new message may be queued, from this instance's queue
 * (TurnAdmission) or, with several instances, the backlog they all drain (SharedBacklog); each refusal is
 * counted in /metrics and summarised in the log (ShedLog), never logged one by one.
 */
export class LoadShedder {
  /** This instance's queue length and turn rate (the engine reports every queued and finished turn to it). */
  readonly queue: TurnAdmission;
  /** Several instances: the backlog all of them drain, which is what a new message waits behind. */
  private readonly sharedBacklog: SharedBacklog | null;
  private readonly shedLog: ShedLog;

  constructor(store: Store, maxQueueWaitSeconds: number, log: Logger, private readonly metrics: Metrics) {
    this.queue = new TurnAdmission(maxQueueWaitSeconds);
    this.sharedBacklog = SharedBacklog.of(store, maxQueueWaitSeconds, log);
    this.shedLog = new ShedLog(log);
  }

  /** Whether a new message from the user of `ref` may be queued now (channels answer 503 + Retry-After when not). */
  admit(ref: Pick<ConversationRef, 'channel' | 'userId'>): AdmitDecision {
    // Several instances: the local queue holds only what this instance accepted and has not seen claimed.
    const decision = this.sharedBacklog?.refusal(this.queue.turnMs) ?? this.queue.admit(ref);
    if (!decision.ok) {
      this.metrics.shed.inc({ channel: ref.channel });
      this.shedLog.refusedOne(this.sharedBacklog?.waitSeconds(this.queue.turnMs) ?? this.queue.estimatedWaitSeconds());
    }
    return decision;
  }
}
