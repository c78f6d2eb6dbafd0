import type { z } from 'zod';
import type { BroadcastStore, PendingDelivery } from './broadcast-store';
import type { Audience, Broadcast, BroadcastPosted, BroadcastProgress } from './broadcast-types';

/**
 * Broadcasts and their deliveries, on SQLite or PostgreSQL alike (CoreStores.broadcasts). Every delivery row
 * is unique per (broadcast, kind, conversation) and is claimed before its turn commits, so several senders
 * (processes or instances) queue each one once.
 */
export interface Broadcasts {
  /** Store the broadcast and snapshot its audience (people, then one delivery per named Slack channel), in one transaction. */
  create(input: { text: string; audience: z.input<typeof Audience>; incident?: string; createdBy: string }, now: string): Promise<BroadcastPosted>;
  /** Close an active broadcast and queue the follow-up for everyone the notice was meant for (but `exceptUserIds`). */
  close(id: number, note: string, closedBy: string, now: string, options?: { exceptUserIds?: readonly number[] }): Promise<BroadcastPosted>;
  get(id: number): Promise<Broadcast | null>;
  /** The latest broadcasts, newest first. */
  list(limit?: number): Promise<Broadcast[]>;
  /** Texts of the active broadcasts, newest first (five at most). */
  activeTexts(): Promise<string[]>;
  /** Audience size, enqueued, sent and failed deliveries: people, and channel posts apart. */
  progress(id: number): Promise<BroadcastProgress>;
  /** Deliveries not yet in the outbox whose claim (if any) has lapsed, oldest first. */
  pending(limit: number, now: string, broadcastId?: number): Promise<PendingDelivery[]>;
  /** Deliveries not yet in the outbox, claimed or not. */
  countPending(): Promise<number>;
  /** Take a delivery for `leaseMs`, noting the outbox high-water mark; false if someone else has it. */
  claim(delivery: PendingDelivery, now: string, leaseMs: number): Promise<boolean>;
  /** The outbox row an earlier, interrupted sender queued for this delivery, if it got that far. */
  findQueued(delivery: PendingDelivery, messageJsons: readonly string[]): Promise<number | null>;
  /** Record the outbox row of a delivery: it is done. */
  recordQueued(deliveryId: number, outboxId: number, now: string): Promise<void>;
}

/** Broadcasts on the SQLite file: the statements of BroadcastStore (synchronous, one writer per file). */
export class SqliteBroadcasts implements Broadcasts {
  constructor(private readonly sync: BroadcastStore) {}
  async create(...a: Parameters<Broadcasts['create']>) { return this.sync.create(...a); }
  async close(...a: Parameters<Broadcasts['close']>) { return this.sync.close(...a); }
  async get(id: number) { return this.sync.get(id); }
  async list(limit?: number) { return this.sync.list(limit); }
  async activeTexts() { return this.sync.activeTexts(); }
  async progress(id: number) { return this.sync.progress(id); }
  async pending(limit: number, now: string, broadcastId?: number) { return this.sync.pending(limit, now, broadcastId); }
  async countPending() { return this.sync.countPending(); }
  async claim(delivery: PendingDelivery, now: string, leaseMs: number) { return this.sync.claim(delivery, now, leaseMs); }
  async findQueued(delivery: PendingDelivery, messageJsons: readonly string[]) { return this.sync.findQueued(delivery, messageJsons); }
  async recordQueued(deliveryId: number, outboxId: number, now: string) { this.sync.recordQueued(deliveryId, outboxId, now); }
}
