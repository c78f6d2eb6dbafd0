import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { canSee } from '../handoff/agent-permissions';
import { HttpError, readJson, sendJson } from '../http/body';
import type { RouteHandler } from '../http/router';
import type { Logger } from '../log';
import type { Agent, AgentStore, ConsoleSession } from '../store/agent-store';
import type { Store, TurnResult } from '../store/store';
import type { Ticket } from '../types/ticket';
import { readActionBody, runAction, type BodyReader } from './actions-api';
import type { ConsoleLive } from './live';
import { queueItem } from './views';
import type { SlaConfig } from '../tickets/sla';
import type { IncidentLinker } from '../handoff/ticket-link';

/** What POST /console/api/tickets/:number/:action needs. */
export type ActionRouteDeps = {
  auth: { require(req: IncomingMessage, need?: { csrf?: boolean }): Promise<ConsoleSession> };
  store: Store;
  agentStore: AgentStore;
  groups: () => Promise<string[]>;
  sla: SlaConfig;
  /** The desk's time zone, for due times told to users. */
  timeZone?: string;
  live: Pick<ConsoleLive, 'notify'>;
  committed: (result: TurnResult) => void;
  clock: () => Date;
  log: Logger;
  /** Links tickets to open major incidents. */
  incidents?: () => IncidentLinker;
};

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Agent actions on a ticket. With an Idempotency-Key header the request runs once per agent and key: the
 * same request again (a double click, a retry after a lost answer) gets the first answer and sends nothing.
 */
export function actionRoute(deps: ActionRouteDeps): RouteHandler {
  const { agentStore, clock, log } = deps;
  const run = actionRunner(deps);

  return async (req, res, params) => {
    const { agent } = await deps.auth.require(req, { csrf: true });
    const key = req.headers['idempotency-key'];
    if (key === undefined) return sendJson(res, 200, await run(agent, params.number, params.action, readActionBody(req)));
    if (typeof key !== 'string' || !KEY.test(key)) throw new HttpError(400, 'Idempotency-Key: use 1-255 visible ASCII characters (a UUID is ideal)');
    const input = await readJson(req, 32 * 1024);
    const hash = createHash('sha256').update(`${params.number.toUpperCase()} ${params.action}\n${JSON.stringify(input)}`).digest('hex');
    const claim = await agentStore.claimRequest(agent.id, key, hash, clock());
    if (claim.kind === 'replay') {
      log.info({ agent: agent.id, ticket: params.number, action: params.action }, 'agent action repeated: first answer replayed');
      return sendJson(res, 200, JSON.parse(claim.responseJson));
    }
    if (claim.kind === 'in_flight') throw new HttpError(409, 'this request is still being processed: wait for its answer');
    if (claim.kind === 'other_request') throw new HttpError(422, 'this Idempotency-Key was used for another request: use a new key');
    let answer: Awaited<ReturnType<typeof run>>;
    try {
      answer = await run(agent, params.number, params.action, async () => input);
    } catch (error) {
      await agentStore.finishRequest(agent.id, key, null);
      throw error;
    }
    await agentStore.finishRequest(agent.id, key, JSON.stringify(answer));
    sendJson(res, 200, answer);
  };
}

/** Runs one agent action on one ticket and tells the consoles; shared by the single and the bulk routes. */
export function actionRunner(deps: ActionRouteDeps) {
  const { store, agentStore, clock, log } = deps;
  return async (agent: Agent, number: string, action: string, read: BodyReader): Promise<{ ticket: ReturnType<typeof queueItem> }> => {
    const before = visible(agent, await store.getTicketByNumber(number), number);
    const done = await runAction(action, read, { store, agentStore, groups: deps.groups, sla: deps.sla, timeZone: deps.timeZone, incidents: deps.incidents }, number, agent, clock());
    const { ticket, result } = done;
    log.info({ agent: agent.id, ticket: ticket.number, action }, 'agent action');
    // A merge also changed its target (on another conversation, or the same one's older ticket).
    if (done.target?.result) {
      deps.committed(done.target.result);
      if (done.target.result.conversation.ticketId !== done.target.ticket.id) deps.live.notify(done.target.ticket, []);
    }
    deps.committed(result);
    // The committed listener covers the conversation's current ticket; an older ticket or a former group is told here.
    const former = before.group && before.group !== ticket.group ? [before.group] : [];
    if (result.conversation.ticketId !== ticket.id || former.length) deps.live.notify(ticket, former);
    return { ticket: queueItem(ticket) };
  };
}

/**
 * The ticket if this agent may see it. Unknown and not-yours answer the same 404, so the console does not
 * tell which numbers exist or which group owns them.
 */
export function visible(agent: Agent, ticket: Ticket | null, number: string): Ticket {
  if (!ticket || !canSee(agent, ticket)) throw new HttpError(404, `no ticket ${number} in your queue`);
  return ticket;
}
