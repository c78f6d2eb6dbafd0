import type { Store } from '../store/store';
import type { ConversationRef, Lang } from '../types/conversation';

/** The person a conversation belongs to, as a click on one of its buttons needs to know. */
export type Requester = { platformUserId: string; name?: string; lang: Lang };

/**
 * The conversation's requester when `ref` (a button click) comes from someone else, or null when the click
 * may act: it is the requester's own, or it starts no known conversation. In a channel thread anyone can see
 * and press the buttons of someone else's question; only its requester's clicks may answer it.
 */
export async function foreignClick(lookup: Pick<Store, 'findConversation' | 'getUser'>, ref: ConversationRef): Promise<Requester | null> {
  const conversation = await lookup.findConversation(ref);
  if (!conversation || conversation.ref.userId === ref.userId) return null;
  const user = await lookup.getUser(conversation.userId);
  return { platformUserId: conversation.ref.userId, name: user?.name ?? undefined, lang: conversation.lang };
}

/** What the clicker is told, privately where the platform allows: only the requester can answer. */
export function onlyRequesterText(requester: Pick<Requester, 'name' | 'lang'>): string {
  const name = requester.name?.trim();
  if (requester.lang === 'zh') return name ? `只有 ${name} 可以回答这个问题。` : '只有提出这个问题的人可以回答。';
  return name ? `Only ${name} can answer this.` : 'Only the person who asked can answer this.';
}
