import type { HttpRouter } from '../http/router';
import { HttpError } from '../http/body';
import { sendAttachment } from '../files/attachment-files';
import type { Store } from '../store/store';
import type { OutboundFile } from '../types/conversation';
import type { ConsoleAuth } from './auth';
import { visible } from './action-route';

/** The files a stored message carries (a user's upload, an agent's shared file), from its payload. */
export function filesOf(payload: unknown): OutboundFile[] {
  const files = (payload as { files?: unknown } | null)?.files;
  return Array.isArray(files) ? files.filter((f): f is OutboundFile => typeof f?.key === 'string' && typeof f?.name === 'string') : [];
}

/** A message's files as the ticket view lists them: name, size, type and the console's address for each. */
export function transcriptFiles(ticketNumber: string, payload: unknown): { name: string; size: number; type: string | null; url: string }[] {
  return filesOf(payload).map((f) => ({
    name: f.name, size: f.size, type: f.type ?? null, url: `/console/api/tickets/${encodeURIComponent(ticketNumber)}/file?key=${encodeURIComponent(f.key)}`,
  }));
}

/**
 * `GET /console/api/tickets/:number/file?key=…`: a file of the ticket's conversation, for a signed-in agent who
 * may see the ticket. The key must be one the transcript names, so no other file under the folder is reachable.
 */
export function mountFileRoute(router: HttpRouter, deps: { auth: ConsoleAuth; store: Store; dir: string }): void {
  router.add('GET', '/console/api/tickets/:number/file', async (req, res, params) => {
    const { agent } = await deps.auth.require(req);
    const ticket = visible(agent, await deps.store.getTicketByNumber(params.number), params.number);
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
    const file = (await deps.store.transcript(ticket.conversationId)).flatMap((m) => filesOf(m.payload)).find((f) => f.key === key);
    if (!file) throw new HttpError(404, `no such file on ${ticket.number}`);
    await sendAttachment(res, deps.dir, file);
  });
}
