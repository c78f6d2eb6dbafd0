/** An agent watching a ticket, and since when. */
export type TicketWatcher = { agentId: string; since: string };

/** Maps a ticket_watchers row (SQLite or PostgreSQL) to a TicketWatcher. */
export function toWatcher(row: Record<string, unknown>): TicketWatcher {
  return { agentId: String(row.agent_id), since: String(row.created_at) };
}

/** Agents watching tickets and reading conversations (migration 22 / PostgreSQL 11): AgentStore methods, on either database. */
export interface WatcherStore {
  /** Agents watching a ticket, in the order they started. */
  ticketWatchers(ticketId: number): Promise<TicketWatcher[]>;
  /** Start (true) or stop (false) watching; false when nothing changed (watching already, or not). */
  setWatching(ticketId: number, agentId: string, watch: boolean, now: string): Promise<boolean>;
  /** Which of these tickets the agent watches. */
  watchedAmong(agentId: string, ticketIds: readonly number[]): Promise<Set<number>>;
  /** A merged duplicate's watchers watch its target instead (once each; running it again changes nothing). */
  moveWatchers(fromTicketId: number, toTicketId: number): Promise<void>;
  /** An agent has seen the conversation up to its message `messageId`; true when that moved the mark forward. */
  markRead(conversationId: number, messageId: number, agentId: string, now: string): Promise<boolean>;
  /** The last message of the conversation an agent has seen (null: none yet). */
  readUpTo(conversationId: number): Promise<number | null>;
}
