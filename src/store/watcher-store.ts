/** An agent watching a ticket, and since when. */
export type TicketWatcher = { agentId: string; since: string };

/** Maps a ticket_watchers row (SQLite or PostgreSQL) to a TicketWatcher. */
export function toWatcher(row: Record<string, unknown>): TicketWatcher {
  return { agentId: String(row.agent_id), since: String(row.created_at) };
}

/** Agents watching tickets (migration 22 / PostgreSQL 11): the AgentStore methods, on either database. */
export interface WatcherStore {
  /** Agents watching a ticket, in the order they started. */
  ticketWatchers(ticketId: number): Promise<TicketWatcher[]>;
  /** Start (true) or stop (false) watching; false when nothing changed (watching already, or not). */
  setWatching(ticketId: number, agentId: string, watch: boolean, now: string): Promise<boolean>;
  /** Which of these tickets the agent watches. */
  watchedAmong(agentId: string, ticketIds: readonly number[]): Promise<Set<number>>;
  /** A merged duplicate's watchers watch its target instead (once each; running it again changes nothing). */
  moveWatchers(fromTicketId: number, toTicketId: number): Promise<void>;
}
