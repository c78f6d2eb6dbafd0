import type { Store } from '../../src/store/store';
import type { LookupTicketThread } from './inbound-map';

/** A subject-tag lookup backed by the store: the ticket's mail thread, its requester and the thread's CC. */
export function storeTicketLookup(store: Pick<Store, 'getTicketByNumber' | 'getConversation' | 'getUser'>): LookupTicketThread {
  return async (number) => {
    const ticket = await store.getTicketByNumber(number);
    if (!ticket) return null;
    const conversation = await store.getConversation(ticket.conversationId);
    // Only mail threads can be joined by a tag; a Slack ticket mentioned in a mail opens a new thread.
    if (!conversation || conversation.ref.channel !== 'email') return null;
    const requester = await store.getUser(ticket.requesterId);
    const requesterEmail = (requester?.channel === 'email' ? requester.platformUserId : requester?.email) ?? '';
    const cc = (conversation.ref.extra?.cc ?? '').split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
    return { conversationId: conversation.ref.conversationId, requesterEmail: requesterEmail.toLowerCase(), cc };
  };
}
