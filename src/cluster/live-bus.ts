/** PostgreSQL's NOTIFY payloads must stay under 8,000 bytes: publishers send bigger events without their body. */
export const MAX_LIVE_PAYLOAD = 7_000;

/** A handler of live events another instance published on one topic. */
export type LiveHandler = (data: Record<string, unknown>) => void;

/**
 * Live events between instances on one database: a web-chat reply that instance B sent reaches the
 * stream open on instance A, a queue change reaches every console. Publishers still serve their own
 * streams directly; the bus carries an event only to the other instances. `onResync` handlers run after
 * the bus lost its connection and got it back: events of the gap may be missing, so live surfaces catch up
 * from the database (the web chat replays from each stream's last event id).
 */
export interface LiveBus {
  publish(topic: string, data: Record<string, unknown>): Promise<void>;
  /** Returns the unsubscribe. */
  subscribe(topic: string, handler: LiveHandler): () => void;
  onResync(handler: () => void): () => void;
  close(): Promise<void>;
}

/** One instance (SQLite: one server per file): there is nobody else to tell. */
export const LOCAL_LIVE_BUS: LiveBus = {
  publish: async () => undefined,
  subscribe: () => () => undefined,
  onResync: () => () => undefined,
  close: async () => undefined,
};
