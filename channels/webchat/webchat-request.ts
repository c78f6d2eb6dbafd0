import { checkSameSite } from '../../src/http/same-site';

/** The page's idempotency key of a message (and of the files uploaded for it). */
export const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Chat requests that are not JSON (uploads) must come from the chat page itself. */
export function checkChatPage(req: Parameters<typeof checkSameSite>[0]): void {
  checkSameSite(req, 'chat request made by another site');
}
