import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson } from '../../src/http/body';
import type { ChannelContext } from '../../src/types/channel';
import type { ConversationRef } from '../../src/types/conversation';

/** What "End chat" may send: a satisfaction score (1-5), null to skip it, or nothing (old pages: end at once). */
const EndBody = z.object({ rating: z.number().int().min(1).max(5).nullable().optional() }).strict();

/** The answer before the session is forgotten: ask for a rating first, or end (telling whether a ticket stays open). */
export type EndDecision = { status: 'rate'; ticket: string } | { status: 'ended'; ticket: string | null; open: boolean };

/**
 * "End chat", politely: when the desk has just asked how satisfied the user is (a resolved ticket they
 * confirmed), the page is first asked to show that question; a score sent with the end is stored as the
 * user's answer (the engine records it on the ticket, exactly as if typed). Otherwise the chat ends, and the
 * page says goodbye and whether the ticket stays open with the desk.
 */
export async function decideEnd(ctx: ChannelContext, ref: ConversationRef, req: IncomingMessage): Promise<EndDecision> {
  const body = EndBody.safeParse(req.headers['content-type'] ? await readJson(req, 1024) : {});
  if (!body.success) throw new HttpError(400, 'send {} or {"rating": 1-5 or null}');
  const conversation = await ctx.lookup.findConversation(ref);
  const ticket = conversation?.ticketId ? await ctx.lookup.getTicket(conversation.ticketId) : null;
  if (!conversation || !ticket) return { status: 'ended', ticket: null, open: false };
  const asking = conversation.state.phase === 'awaiting_csat' && ticket.csat === null;
  if (asking && body.data.rating === undefined) return { status: 'rate', ticket: ticket.number };
  if (asking && typeof body.data.rating === 'number') {
    const value = String(body.data.rating);
    await ctx.accept({ ref, platformMessageId: `${ref.conversationId}:end-rating`, text: value, action: { id: 'end-chat-rating', value } });
  }
  return { status: 'ended', ticket: ticket.number, open: !['resolved', 'closed'].includes(ticket.status) };
}
