import type { Logger } from '../log';
import { HttpError, readJson, sendAsset, sendHtml, sendJson } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { ConsoleApprovals } from '../requests/console-approvals';
import type { ConsoleAuth } from './auth';
import { APPROVALS_PAGE } from './approvals-page';
import { APPROVALS_SCRIPT } from './approvals.script';

/**
 * The console's approvals: the page, its script, the list of the agent's pending approvals (by their work
 * e-mail) and the decision. Only the named approver decides; the outcome is a word the page explains.
 */
export function mountConsoleApprovals(router: HttpRouter, o: { auth: ConsoleAuth; approvals: ConsoleApprovals; clock: () => Date; log: Logger }): void {
  router.add('GET', '/console/approvals', async (req, res) => {
    if (await o.auth.session(req)) return sendHtml(res, APPROVALS_PAGE);
    res.writeHead(303, { location: '/console/login' }).end();
  });
  router.add('GET', '/console/approvals.js', (_req, res) => sendAsset(res, 'text/javascript; charset=utf-8', APPROVALS_SCRIPT));
  router.add('GET', '/console/api/approvals', async (req, res) => {
    const { agent } = await o.auth.require(req);
    sendJson(res, 200, { email: agent.email ?? null, approvals: agent.email ? await o.approvals.pendingFor(agent.email) : [] });
  });
  router.add('POST', '/console/api/approvals/:id/:decision', async (req, res, params) => {
    const { agent } = await o.auth.require(req, { csrf: true });
    const decision = params.decision;
    if (decision !== 'approve' && decision !== 'deny') throw new HttpError(404, 'decide with /approve or /deny');
    if (!/^\d{1,12}$/.test(params.id)) throw new HttpError(404, 'no such approval');
    const body = (await readJson(req, 4096)) as { reason?: unknown } | null;
    const reason = typeof body?.reason === 'string' ? body.reason : '';
    if (!agent.email) throw new HttpError(403, 'your account has no work e-mail: ask an admin to run frontdesk agents email');
    const outcome = await o.approvals.decide(Number(params.id), decision, reason, agent.email, o.clock());
    o.log.info({ agent: agent.id, approval: Number(params.id), outcome }, 'approval decided in the console');
    const status = { approved: 200, denied: 200, decided_already: 409, not_yours: 403, own_request: 403, reason_needed: 400, not_found: 404 }[outcome];
    sendJson(res, status, { outcome });
  });
}
