import { z } from 'zod';
import { HttpError, readJson, sendJson } from '../http/body';
import type { RouteHandler } from '../http/router';
import { AgentId } from '../store/agent-store';
import { actionRunner, type ActionRouteDeps } from './action-route';
import { IncidentNumber } from './actions-api';

const Bulk = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), tickets: z.array(z.string().max(20)).min(1).max(100), toAgent: AgentId }),
  z.object({ action: z.literal('resolve'), tickets: z.array(z.string().max(20)).min(1).max(100), resolution: z.string().trim().min(1).max(4000) }),
  z.object({ action: z.literal('link'), tickets: z.array(z.string().max(20)).min(1).max(100), incident: IncidentNumber }),
]);

/** One ticket's outcome in a bulk action: done, or the reason it was not (the others go on). */
export type BulkOutcome = { number: string; ok: true } | { number: string; ok: false; error: string };

/**
 * POST /console/api/bulk: assign (to an active agent, as a transfer), resolve or link to a major incident several tickets at once.
 * Each ticket is its own action with the usual checks, one after another; one refusal does not stop the rest.
 */
export function bulkRoute(deps: ActionRouteDeps): RouteHandler {
  const run = actionRunner(deps);
  return async (req, res) => {
    const { agent } = await deps.auth.require(req, { csrf: true });
    const parsed = Bulk.safeParse(await readJson(req, 64 * 1024));
    if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const input = parsed.data;
    const [action, body] = input.action === 'assign' ? ['transfer', { toAgent: input.toAgent }]
      : input.action === 'link' ? ['link', { incident: input.incident }] : ['resolve', { resolution: input.resolution }];
    const results: BulkOutcome[] = [];
    for (const number of [...new Set(input.tickets.map((n) => n.toUpperCase()))]) {
      try {
        await run(agent, number, action as string, async () => body);
        results.push({ number, ok: true });
      } catch (error) {
        results.push({ number, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
    deps.log.info({ agent: agent.id, action: input.action, done: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length }, 'bulk action');
    sendJson(res, 200, { results });
  };
}
