import { findTicketNumber } from '../dialog/commands';
import type { PendingInbound, Store } from '../store/store';
import type { ChannelCapabilities } from '../types/channel';
import type { Ticket } from '../types/ticket';
import { agentNames } from './agent-names';
import type { TurnContext } from './decide-turn';
import type { KnownProblem } from './turn-types';

/** Where a turn's context comes from: the store and the engine's lookups (see EngineOptions). */
export type TurnContextSources = {
  store: Store;
  capabilitiesOf: (channel: string) => ChannelCapabilities;
  activeBroadcasts?: () => string[] | Promise<string[]>;
  knownProblems?: () => Promise<KnownProblem[]>;
  agentName?: (id: string) => Promise<string | null>;
};

/** Everything decideTurn reads about a waiting message: its conversation, user, tickets and what is going on. */
export async function loadTurnContext(sources: TurnContextSources, pending: PendingInbound): Promise<TurnContext> {
  const { store, capabilitiesOf } = sources;
  const conversation = await store.getConversation(pending.conversationId);
  if (!conversation) throw new Error(`conversation ${pending.conversationId} vanished`);
  const user = await store.getUser(conversation.userId);
  if (!user) throw new Error(`user ${conversation.userId} vanished`);
  const mentionedTickets: Record<string, Ticket | null> = {};
  const number = findTicketNumber(pending.message.text);
  if (number) {
    const ticket = await store.getTicketByNumber(number);
    // Only the requester may read a ticket through the bot: numbers are easy to guess.
    mentionedTickets[number] = ticket && ticket.requesterId === user.id ? ticket : null;
  }
  const recentTickets = await store.ticketsForUser(user.id, 5);
  // The conversation's ticket is nearly always among the user's latest, read just now: no second read for it.
  const currentTicket = conversation.ticketId === null ? null
    : recentTickets.find((t) => t.id === conversation.ticketId) ?? (await store.getTicket(conversation.ticketId));
  return {
    conversation,
    user,
    message: pending.message,
    capabilities: capabilitiesOf(conversation.ref.channel),
    mentionedTickets,
    recentTickets,
    currentTicket,
    activeBroadcasts: (await sources.activeBroadcasts?.()) ?? [],
    knownProblems: (await sources.knownProblems?.()) ?? [],
    agentNames: await agentNames(sources.agentName, [currentTicket, ...Object.values(mentionedTickets)]),
  };
}
