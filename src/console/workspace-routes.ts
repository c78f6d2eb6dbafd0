import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson, sendJson } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { Logger } from '../log';
import type { Agent, AgentStore, ConsoleSession } from '../store/agent-store';
import { CannedInput, ViewName, type CannedResponse } from '../store/workspace-store';
import { parseQueueQuery } from './queue-query';

/** What the canned-response and saved-view routes need. */
export type WorkspaceRouteDeps = {
  auth: { require(req: IncomingMessage, need?: { csrf?: boolean }): Promise<ConsoleSession> };
  agentStore: AgentStore;
  clock: () => Date;
  log: Logger;
};

const ViewInput = z.object({ name: ViewName, query: z.string().max(1000) });
const Id = z.coerce.number().int().positive();

async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(req, 16 * 1024));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

function idOf(raw: string): number {
  const parsed = Id.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, `no canned response or view ${raw}`);
  return parsed.data;
}

/** Shared responses are everyone's to change; a personal one only its owner's (others never see it). */
function editable(agent: Agent, canned: CannedResponse | null, id: number): CannedResponse {
  if (!canned || (canned.ownerId !== null && canned.ownerId !== agent.id)) throw new HttpError(404, `no canned response ${id}`);
  return canned;
}

/**
 * Canned responses (/console/api/canned) and saved queue views (/console/api/views) of the signed-in agent.
 * A view's query is checked as the queue checks it, and stored without its page number.
 */
export function mountWorkspaceRoutes(router: HttpRouter, deps: WorkspaceRouteDeps): void {
  const { auth, agentStore, clock, log } = deps;
  const now = () => clock().toISOString();

  router.add('GET', '/console/api/canned', async (req, res) => {
    const { agent } = await auth.require(req);
    sendJson(res, 200, { canned: await agentStore.listCannedResponses(agent.id) });
  });
  router.add('POST', '/console/api/canned', async (req, res) => {
    const { agent } = await auth.require(req, { csrf: true });
    const input = await body(req, CannedInput);
    const saved = await agentStore.saveCannedResponse({ ...input, ownerId: input.shared ? null : agent.id, by: agent.id }, now());
    log.info({ agent: agent.id, canned: saved?.id, shared: input.shared }, 'canned response created');
    sendJson(res, 201, { canned: saved });
  });
  router.add('POST', '/console/api/canned/:id', async (req, res, params) => {
    const { agent } = await auth.require(req, { csrf: true });
    const id = idOf(params.id);
    editable(agent, await agentStore.getCannedResponse(id), id);
    const input = await body(req, CannedInput);
    const saved = await agentStore.saveCannedResponse({ id, ...input, ownerId: input.shared ? null : agent.id, by: agent.id }, now());
    log.info({ agent: agent.id, canned: id }, 'canned response changed');
    sendJson(res, 200, { canned: saved });
  });
  router.add('POST', '/console/api/canned/:id/delete', async (req, res, params) => {
    const { agent } = await auth.require(req, { csrf: true });
    const id = idOf(params.id);
    editable(agent, await agentStore.getCannedResponse(id), id);
    await agentStore.deleteCannedResponse(id);
    log.info({ agent: agent.id, canned: id }, 'canned response deleted');
    sendJson(res, 200, { deleted: id });
  });

  router.add('GET', '/console/api/views', async (req, res) => {
    const { agent } = await auth.require(req);
    sendJson(res, 200, { views: await agentStore.listSavedViews(agent.id) });
  });
  router.add('POST', '/console/api/views', async (req, res) => {
    const { agent } = await auth.require(req, { csrf: true });
    const input = await body(req, ViewInput);
    const search = new URLSearchParams(input.query.replace(/^\?/, ''));
    parseQueueQuery(search);
    search.delete('page');
    const view = await agentStore.saveView(agent.id, input.name, search.toString(), now());
    sendJson(res, 201, { view });
  });
  router.add('POST', '/console/api/views/:id/delete', async (req, res, params) => {
    const { agent } = await auth.require(req, { csrf: true });
    const id = idOf(params.id);
    if (!(await agentStore.deleteView(agent.id, id))) throw new HttpError(404, `no saved view ${id}`);
    sendJson(res, 200, { deleted: id });
  });
}
