import type { Store } from '../../src/store/store';
import type { ConversationRef } from '../../src/types/conversation';

/** Whose mail thread this is: the requester's address and the reference our replies go to. */
export type ThreadOwner = { requester: string; ref: ConversationRef };

/** Resolves a mail thread key to its owner, or null for a thread we do not know. */
export type LookupThreadOwner = (threadKey: string) => Promise<ThreadOwner | null>;

/** The owner lookup backed by the store: the conversation's user is the requester, whoever wrote since. */
export function storeThreadOwner(store: Pick<Store, 'findConversation' | 'getUser'>): LookupThreadOwner {
  return async (threadKey) => {
    const conversation = await store.findConversation({ channel: 'email', conversationId: threadKey });
    if (!conversation) return null;
    const user = await store.getUser(conversation.userId);
    const requester = (user?.channel === 'email' ? user.platformUserId : user?.email ?? conversation.ref.userId).toLowerCase();
    return { requester, ref: conversation.ref };
  };
}
