import type { Choice } from '../types/conversation';
import type { Row } from './rows';

/** A WeCom template card we sent: who got it, what its buttons mean, and the code that lets us update it. */
export type StoredCard = {
  taskId: string;
  kind: 'choice' | 'tier2';
  /** The UserID it was sent to; '@agents' for a tier-2 card sent to the agents. */
  recipient: string;
  ticket: string | null;
  choices: Choice[];
  responseCode: string | null;
  answeredAt: string | null;
};

/**
 * WeCom template cards (wecom_cards), on the database every instance shares: a click reaching any instance
 * finds the card another instance sent. A card's response_code (each click brings one, each update uses one)
 * is handed out once across the cluster.
 */
export interface WecomCardStore {
  /** Record a card WeCom accepted; a task id recorded already is left as it is. */
  saveCard(card: Omit<StoredCard, 'answeredAt'>, now: string): Promise<void>;
  /** The card with this task id, or null. */
  card(taskId: string): Promise<StoredCard | null>;
  /** Keep the newest response_code (each click brings one; each is usable once). */
  setResponseCode(taskId: string, code: string | null): Promise<void>;
  /** Take the response_code to update a card with, so no other update (on any instance) uses it again. */
  takeResponseCode(taskId: string): Promise<string | null>;
  /** The newest tier-2 card of a ticket. */
  tier2CardOf(ticket: string): Promise<StoredCard | null>;
}

/** A wecom_cards row as a StoredCard (both databases). */
export function toStoredCard(row: Row): StoredCard {
  return {
    taskId: String(row.task_id), kind: row.kind as StoredCard['kind'], recipient: String(row.recipient), ticket: row.ticket === null ? null : String(row.ticket),
    choices: JSON.parse(String(row.choices_json)) as Choice[], responseCode: row.response_code === null ? null : String(row.response_code),
    answeredAt: row.answered_at === null ? null : String(row.answered_at),
  };
}
