import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { ConflictError, TurnTakenError, errorCode } from '../errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { PendingInbound, Store, TurnResult } from '../store/store';
import type { AcceptResult, ChannelCapabilities } from '../types/channel';
import type { ConversationRef, UserProfile } from '../types/conversation';
import type { AdmitDecision, TurnAdmission } from './admission';
import { checkedInbound } from './checked-inbound';
import { LoadShedder } from './load-shedder';
import { observeKbSearch } from '../kb/gaps/gap-observer';
import { inUserTimeZone } from './user-time-zone';
import { decideTurn, type TurnContext, type TurnDecision, type TurnDeps } from './decide-turn';
import { withAnsweredProfile } from './turns/answered-profile';
import { heldDecision } from './turns/held';
import { TurnQueue, userOfTurn, type RoundTurn } from './turn-queue';
import { HeldClaims } from './held-claims';
import { loadTurnContext } from './turn-context';
import type { KnownProblem } from './turn-types';
import { say } from './messages';
import { isStorageFailure } from '../store/storage-health';

/** What the engine needs besides the store. */
export type EngineOptions = {
  store: Store;
  log: Logger;
  metrics: Metrics;
  clock: () => Date;
  /** Builds the injected lookups of one turn (classifier, SLA...) for the given instant. */
  turnDeps: (now: Date) => TurnDeps;
  capabilitiesOf: (channel: string) => ChannelCapabilities;
  /** Broadcast texts in force, shown at the start of new conversations. */
  activeBroadcasts?: () => string[] | Promise<string[]>;
  /** Open major incidents (known problems), matched against new reports. */
  knownProblems?: () => Promise<KnownProblem[]>;
  /** An agent's display name, so that status answers say "Alex Agent", not a login. */
  agentName?: (id: string) => Promise<string | null>;
  /** Resolves when HTTP requests have paused (see IngressGate): each turn waits for it. Default: one setImmediate. */
  ingressQuiet?: () => Promise<void>;
  /** New messages are refused (`admit`) once the queue would take longer than this to answer. Default 5 s. */
  maxQueueWaitSeconds?: number;
  /**
   * A turn decided outside decideTurn (self-service requests and approvals, which talk to the directory):
   * null lets decideTurn decide. `after` runs once the decision is committed (it learns the ticket opened).
   */
  preTurn?: (ctx: TurnContext, deps: TurnDeps) => Promise<PreTurnDecision | null>;
  /** Adds what a directory knows about the requester (profile, VIP, manager) before the turn decides. */
  enrichContext?: (ctx: TurnContext) => Promise<TurnContext>;
  /**
   * Several instances (a store with claimInbound): how long a claimed message is this instance's before
   * another may run it. Default 30 s: longer than any turn (a directory lookup included), short enough that
   * a dead instance's messages are answered within about half a minute. Claims are renewed while their round runs.
   */
  turnLeaseMs?: number;
};

/** A decision made by `preTurn`, with work to do once it is committed. */
export type PreTurnDecision = { decision: TurnDecision; after?: (result: TurnResult) => Promise<void> };

/** Turn work between two waits for the ingress gate (see drain). */
const GATE_EVERY_MS = 20;
/**
 * A queue that takes longer than this to clear is standing: turns then only yield to requests between them
 * and no longer wait for a quiet moment. Under overload requests never pause, so each wait (the gate holds a
 * burst up to 100 ms) left the CPU idle between requests while the queue grew: half the turn rate was lost.
 */
const STANDING_QUEUE_MS = 1000;
/**
 * ...and has stood at least this long. A burst of webhooks makes a long queue at once (200 new users' first
 * turns measure over 5 ms each), before its acks are out: turns run between those acks would push the last ones
 * past any deadline. The ingress gate holds a burst's
 * work at most this long (INGRESS_MAX_BURST_HOLD_MS); past it the queue is traffic the turns must keep up with.
 */
const STANDING_AFTER_MS = 500;

/** Events for live surfaces (agent console, dispatcher wake-ups). */
export type EngineEvents = { committed: [TurnResult] };

const MAX_CONFLICT_RETRIES = 3;
/** Waits before retrying turns after the database refused a write: 0.5 s doubling up to 10 s. */
const STORAGE_RETRY_MS = { base: 500, max: 10_000 };

/**
 * The shell around `decideTurn`: stores inbound messages (dedupe) before anyone is acknowledged,
 * runs turns one at a time (round robin over users, each conversation in arrival order), and commits
 * each turn's effects in one transaction.
 */
export class Engine {
  readonly events = new EventEmitter<EngineEvents>();
  private draining: Promise<void> | null = null;
  private rerun = false;
  private stopped = false;
  private readonly waiters = new Map<number, Array<() => void>>();
  /** Ids of recently finished turns, so a late `receive` waiter does not wait forever. */
  private readonly recentlyDone = new Set<number>();
  /** Profiles a channel is still fetching (Slack users.info), applied just before the message's turn. */
  private readonly lateProfiles = new Map<number, Promise<UserProfile | undefined>>();
  /** Consecutive drains stopped by a database that refused writes (disk full, read-only), and the retry timer. */
  private storageFailures = 0;
  private storageRetry: NodeJS.Timeout | null = null;
  /** The rounds of turns, in the fair order. */
  private readonly turns: TurnQueue;
  /** Several instances: the claims of the round being run, renewed until it ends. */
  private readonly claims: HeldClaims | null;
  /** Turns stopped by the database going away, maybe at a COMMIT that went through: run first when it is back (a done one is refused at commit). */
  private readonly inDoubt = new Map<number, PendingInbound>();
  /** Ends the drain's wait for the ingress gate early, when the queue becomes standing meanwhile. */
  private wakeFromGate: (() => void) | null = null;
  /** Ends that wait when a long queue becomes old enough to stand (see wakeOnceStanding). */
  private standingTimer: NodeJS.Timeout | null = null;

  /** Load shedding at the edge (admit). */
  private readonly shedder: LoadShedder;
  /** Queue length and turn rate: what admission estimates the wait from (health, tests). */
  readonly admission: TurnAdmission;

  constructor(private readonly options: EngineOptions) {
    this.shedder = new LoadShedder(options.store, options.maxQueueWaitSeconds ?? 5, options.log, options.metrics);
    this.admission = this.shedder.queue;
    this.turns = new TurnQueue(options.store, options.turnLeaseMs);
    this.claims = options.store.claimInbound ? new HeldClaims(options.store, options.clock, options.log, options.turnLeaseMs) : null;
  }

  /** Whether a new message from the user of `ref` may be queued now (channels answer 503 + Retry-After when not). */
  admit(ref: Pick<ConversationRef, 'channel' | 'userId'>): AdmitDecision {
    return this.shedder.admit(ref);
  }

  /**
   * Validate and store a message; resolves before its turn runs (platforms need a fast ack).
   * `lateProfile`: the user's profile when the channel is still looking it up; the turn waits for it,
   * the acknowledgement does not.
   */
  async accept(raw: unknown, lateProfile?: Promise<UserProfile | undefined>): Promise<AcceptResult> {
    // A lookup that fails leaves the user as stored: the turn must not fail over a name.
    const profile = lateProfile?.catch(() => undefined);
    const message = checkedInbound(raw);
    const { store, clock, metrics } = this.options;
    const result = await store.acceptInbound(message, clock().toISOString());
    metrics.inbound.inc({ channel: message.ref.channel, result: result.status });
    if (result.status === 'accepted') {
      const waiting = this.admission.queuedOne(message.ref);
      this.wakeOnceStanding();
      this.turns.accepted(result.messageId, message.ref, waiting);
      if (profile) this.lateProfiles.set(result.messageId, profile);
      this.kick();
    }
    return { status: result.status, messageId: result.messageId };
  }

  /** Store a message and wait until its turn has been committed (terminal, tests, bench). */
  async receive(raw: unknown): Promise<AcceptResult> {
    const result = await this.accept(raw);
    if (result.status === 'accepted') await this.turnDone(result.messageId);
    return result;
  }

  /** Process every stored but unanswered message: called at start-up to finish what a crash left. */
  recover(): Promise<void> {
    this.kick();
    return this.draining ?? Promise.resolve();
  }

  /** Resolves when no turn is running or queued. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Take no more turns (a pending storage retry is dropped) and wait for the running one: before the database closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.storageRetry) clearTimeout(this.storageRetry);
    this.storageRetry = null;
    await this.idle();
  }

  private turnDone(messageId: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.recentlyDone.has(messageId)) return resolve();
      const list = this.waiters.get(messageId) ?? [];
      list.push(resolve);
      this.waiters.set(messageId, list);
      this.kick();
    });
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.rerun = true;
      return;
    }
    this.draining = this.drainOrBackOff().finally(() => {
      this.draining = null;
      if (this.rerun) {
        this.rerun = false;
        this.kick();
      }
    });
  }

  /**
   * A turn whose commit the disk refused stays pending: the drain stops and is retried after a growing
   * delay, instead of re-running the same turns in a hot loop (and logging each one) until space returns.
   */
  private async drainOrBackOff(): Promise<void> {
    try {
      await this.drain();
      if (this.storageFailures > 0) this.options.log.info({ retries: this.storageFailures }, 'turns resumed: the database takes writes again');
      this.storageFailures = 0;
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      if (this.storageFailures++ === 0) this.options.log.error({ code: errorCode(error) }, 'turns paused: the database refuses writes; retrying with backoff');
      const delay = Math.min(STORAGE_RETRY_MS.max, STORAGE_RETRY_MS.base * 2 ** (this.storageFailures - 1));
      if (this.storageRetry) clearTimeout(this.storageRetry);
      this.storageRetry = setTimeout(() => {
        this.storageRetry = null;
        this.kick();
      }, delay);
      this.storageRetry.unref();
    } finally {
      this.claims?.releaseAll();
    }
  }

  private async drain(): Promise<void> {
    for (const [messageId, pending] of [...this.inDoubt]) {
      this.inDoubt.delete(messageId);
      await this.runTurn(pending);
    }
    for (;;) {
      // Acknowledgements first: a burst of webhooks is answered before its turns run, and requests that
      // arrived during a turn are read and answered before the next (Slack wants an answer within 3 s).
      await this.yieldToIngress();
      const batch = await this.turns.next(this.admission.queued, this.options.clock(), (ref) => this.admission.waitingOf(ref));
      if (batch.length === 0) {
        // Several instances: what this one queued but cannot claim is another's to run; it must not count as our backlog.
        if (this.options.store.claimInbound) this.admission.settle();
        break;
      }
      this.claims?.round(batch.map((p) => p.messageId));
      let gatePassed = performance.now();
      for (const [index, turn] of batch.entries()) {
        // A message that sorts before the rest of this round arrived: fetch again (see FairRounds).
        if (this.turns.refetchBefore(index)) break;
        // Between turns, requests are always read (setImmediate lets the event loop poll), but waiting for
        // a quiet moment only every GATE_EVERY_MS of turn work: under sustained traffic there is never one,
        // and waiting for it before every turn let requests starve the turns (throughput fell with load).
        if (index > 0 && performance.now() - gatePassed < GATE_EVERY_MS) await new Promise((resolve) => setImmediate(resolve));
        else if (index > 0) {
          await this.yieldToIngress();
          gatePassed = performance.now();
        }
        await this.runTurn(turn);
      }
    }
  }

  /**
   * Several instances: look for claimable messages every `intervalMs` (a dead instance's claims whose lease
   * ran out, messages another instance accepted while this one held their conversation). Returns the stop.
   */
  watch(intervalMs: number): () => void {
    const timer = setInterval(() => this.kick(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * The ingress gate while the queue is short; under a standing queue only a yield, so the CPU never idles
   * while turns wait. A wait for the gate also ends when the queue becomes standing meanwhile (see accept).
   */
  private yieldToIngress(): Promise<void> {
    if (this.standing() || !this.options.ingressQuiet) return new Promise((resolve) => setImmediate(resolve));
    const gate = this.options.ingressQuiet();
    return new Promise<void>((resolve) => {
      // One drain runs at a time, so one slot: whichever comes first, the gate or a standing queue, ends the wait.
      const done = () => {
        if (this.wakeFromGate !== done) return;
        this.wakeFromGate = null;
        if (this.standingTimer) clearTimeout(this.standingTimer);
        this.standingTimer = null;
        resolve();
      };
      this.wakeFromGate = done;
      void gate.then(done);
      this.wakeOnceStanding();
    });
  }

  /** While the drain waits for the gate, a long queue ends the wait once it has stood STANDING_AFTER_MS (now, or by a timer). */
  private wakeOnceStanding(): void {
    if (!this.wakeFromGate || !this.longQueue()) return;
    if (this.standing()) return this.wakeFromGate();
    this.standingTimer ??= setTimeout(() => {
      this.standingTimer = null;
      this.wakeFromGate?.();
    }, Math.max(1, Math.ceil(STANDING_AFTER_MS - this.admission.backlogAgeMs())));
  }

  private standing(): boolean {
    return this.longQueue() && this.admission.backlogAgeMs() >= STANDING_AFTER_MS;
  }

  private longQueue(): boolean {
    return this.admission.estimatedWaitSeconds() * 1000 > STANDING_QUEUE_MS;
  }

  private markDone(messageId: number): void {
    this.recentlyDone.add(messageId);
    if (this.recentlyDone.size > 10_000) this.recentlyDone.delete(this.recentlyDone.values().next().value as number);
    this.waiters.get(messageId)?.forEach((resolve) => resolve());
    this.waiters.delete(messageId);
  }

  private async runTurn(turn: RoundTurn): Promise<void> {
    const pending = await this.turns.load(turn);
    if (!pending) return this.finished(turn.messageId, userOfTurn(turn));
    const timer = this.options.metrics.turnSeconds.startTimer();
    let paused = false;
    try {
      await this.decideAndCommit(pending);
    } catch (error) {
      // Not the turn's fault: it stays pending (no apology, not done) and drainOrBackOff retries it later.
      paused = isStorageFailure(error);
      if (paused) {
        this.inDoubt.set(pending.messageId, pending);
        throw error;
      }
      // Answered already: by another instance after our claim ran out, or by our own commit whose reply was lost.
      if (error instanceof TurnTakenError) return this.options.log.info({ messageId: pending.messageId }, 'turn answered already');
      this.options.log.error({ err: error, code: errorCode(error), messageId: pending.messageId }, 'turn failed');
      await this.commitApology(pending);
    } finally {
      timer();
      // A paused turn is still queued (it runs again when the disk recovers): it is not finished.
      if (!paused) this.finished(pending.messageId, pending.message.ref);
    }
  }

  /** A message no longer waits: its turn ran, or it vanished before (erased). */
  private finished(messageId: number, ref: Pick<ConversationRef, 'channel' | 'userId'>): void {
    this.admission.finished(ref);
    this.turns.finished(messageId);
    this.markDone(messageId);
  }

  private async decideAndCommit(pending: PendingInbound): Promise<void> {
    await this.applyLateProfile(pending);
    for (let attempt = 0; ; attempt++) {
      const loaded = await loadTurnContext(this.options, pending);
      const ctx = this.options.enrichContext && !pending.message.hold ? await this.options.enrichContext(loaded) : loaded;
      const now = this.options.clock();
      // The shell notes a search that found nothing to offer (a knowledge gap); the turn itself stays pure.
      const observed = observeKbSearch(inUserTimeZone(this.options.turnDeps(now), ctx.user));
      const early = pending.message.hold || !this.options.preTurn ? null : await this.options.preTurn(ctx, observed.deps);
      const decided = early?.decision ?? (pending.message.hold ? heldDecision(ctx.conversation, pending.message) : decideTurn(ctx, observed.deps));
      // Names and addresses the user typed in answer to the bot are kept on their record (empty fields only).
      const decision = withAnsweredProfile(decided, ctx.user, observed.deps.dialogs.all);
      try {
        const result = await this.commit(pending, ctx.conversation.version, { ...decision, kbGap: early ? undefined : observed.gapOf(decision) }, now);
        // The turn is committed: a failure of the follow-up work is logged, never answered with a second reply.
        await early?.after?.(result).catch((error) => this.options.log.error({ err: error, messageId: pending.messageId }, 'work after a committed turn failed'));
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  private async commit(pending: PendingInbound, version: number, decision: TurnDecision, now: Date): Promise<TurnResult> {
    const { outcome, ...effects } = decision;
    const result = await this.options.store.commitTurn({
      ...effects,
      conversationId: pending.conversationId,
      expectedVersion: version,
      inboundMessageId: pending.messageId,
      now: now.toISOString(),
    });
    this.options.metrics.turns.inc({ outcome });
    if (result.openedTicket) {
      this.options.metrics.ticketsOpened.inc({ type: result.openedTicket.type, priority: result.openedTicket.priority });
      this.options.log.info({ ticket: result.openedTicket.number, priority: result.openedTicket.priority }, 'ticket opened');
    }
    this.events.emit('committed', result);
    return result;
  }

  private async applyLateProfile(pending: PendingInbound): Promise<void> {
    const late = this.lateProfiles.get(pending.messageId);
    if (!late) return;
    this.lateProfiles.delete(pending.messageId);
    const profile = await late;
    if (!profile || Object.keys(profile).length === 0) return;
    const conversation = await this.options.store.getConversation(pending.conversationId);
    if (conversation) await this.options.store.updateUserProfile(conversation.userId, profile, this.options.clock().toISOString());
  }

  /** A turn that failed still gets an answer and is marked done, so it is never retried forever. */
  private async commitApology(pending: PendingInbound): Promise<void> {
    const { store, clock, log } = this.options;
    try {
      const conversation = await store.getConversation(pending.conversationId);
      if (!conversation) return;
      await this.commit(pending, conversation.version, {
        mode: conversation.mode, lang: conversation.lang, state: conversation.state, tickets: [], events: [],
        outbound: [{ kind: 'text', text: say(conversation.lang, 'apology') }], outcome: 'error',
      }, clock());
    } catch (error) {
      if (isStorageFailure(error)) throw error;
      if (error instanceof TurnTakenError) return;
      log.error({ err: error, code: errorCode(error), messageId: pending.messageId }, 'could not record the failed turn');
    }
  }
}
