import type { IncomingMessage } from 'node:http';
import { relative } from 'node:path';
import { ValidationError } from '../errors';
import { canSee } from '../handoff/agent-permissions';
import { HttpError, sendJson } from '../http/body';
import type { RouteHandler } from '../http/router';
import { draftFromTicket, writeDraftArticle } from '../kb/draft';
import type { Logger } from '../log';
import type { ConsoleSession } from '../store/agent-store';
import type { Store } from '../store/store';

/** What the draft-article route needs: the console's session check, the store, the article folder and a clock. */
export type DraftRouteDeps = {
  auth: { require(req: IncomingMessage, need?: { csrf?: boolean }): Promise<ConsoleSession> };
  store: Pick<Store, 'getTicketByNumber' | 'ticketEvents'>;
  kbDir: string;
  clock: () => Date;
  log: Logger;
};

/**
 * POST /console/api/tickets/:number/draft-article: any agent who sees a resolved or closed ticket turns its
 * resolution note into `<KB_DIR>/drafts/<slug>.md` (never overwriting). Answers 201 with the id, path and text.
 */
export function draftArticleRoute(deps: DraftRouteDeps): RouteHandler {
  return async (req, res, params) => {
    const { agent } = await deps.auth.require(req, { csrf: true });
    const ticket = await deps.store.getTicketByNumber(params.number);
    // Unknown and not-yours are the same 404: no hint which numbers exist or which group owns them.
    if (!ticket || !canSee(agent, ticket)) throw new HttpError(404, `no ticket ${params.number} in your queue`);
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
      throw new HttpError(409, `${ticket.number} is ${ticket.status}: resolve it before drafting an article`);
    }
    let draft;
    try {
      draft = draftFromTicket(ticket, await deps.store.ticketEvents(ticket.id), deps.clock());
    } catch (error) {
      if (error instanceof ValidationError) throw new HttpError(409, error.message);
      throw error;
    }
    const written = writeDraftArticle(deps.kbDir, draft);
    deps.log.info({ agent: agent.id, ticket: ticket.number, draft: written.id }, 'kb draft written');
    sendJson(res, 201, { id: written.id, path: relative(deps.kbDir, written.path), markdown: written.markdown });
  };
}
