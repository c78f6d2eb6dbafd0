import type { ServerResponse } from 'node:http';
import { ConsoleAuth } from '../console/auth';
import { esc } from '../console/dashboard-charts';
import { HttpError, SECURITY_HEADERS, sendHtml, sendJson } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { Logger } from '../log';
import type { AgentStore } from '../store/agent-store';
import type { WebhookStore } from './webhook-store';

/** What the admin page needs. */
export type WebhookPanelDeps = { webhooks: WebhookStore; agentStore: AgentStore; clock: () => Date; log: Logger; https: boolean };

/** The subscriptions (with their waiting rows) and the latest deliveries (the delivery log), newest first. */
export async function webhookOverview(webhooks: WebhookStore, limit = 100) {
  return { subscriptions: await webhooks.listSubscriptions(), deliveries: limit > 0 ? await webhooks.recentDeliveries(limit) : [] };
}

/** One line per disabled subscription, for the admin dashboard's notices. */
export async function webhookAlerts(webhooks: WebhookStore): Promise<string[]> {
  return (await webhooks.listSubscriptions()).filter((s) => s.disabledAt)
    .map((s) => `Webhook #${s.id} (${s.url}) is disabled since ${s.disabledAt}: ${s.disabledReason}. Fix the receiver, then run "frontdesk webhooks enable ${s.id}".`);
}

function page(data: Awaited<ReturnType<typeof webhookOverview>>): string {
  const disabled = data.subscriptions.filter((s) => s.disabledAt);
  const notice = disabled.map((s) => `<p class="alert">Webhook #${s.id} (${esc(s.url)}) was disabled at ${esc(s.disabledAt ?? '')}: ${esc(s.disabledReason ?? '')}. ${s.pending} deliveries wait. Fix the receiver, then run <code>frontdesk webhooks enable ${s.id}</code>.</p>`).join('');
  const subs = data.subscriptions.map((s) => `<tr><td>${s.id}</td><td>${esc(s.url)}</td><td>${esc(s.events.join(', '))}</td><td>${esc(s.scopes.join(', '))}</td><td>${s.disabledAt ? 'disabled' : 'active'}</td><td>${s.pending}</td></tr>`).join('');
  const log = data.deliveries.map((d) => `<tr><td>${esc(d.createdAt)}</td><td>#${d.subscription}</td><td>${esc(d.event)}</td><td>${esc(d.messageId)}</td><td>${esc(d.status)}</td><td>${d.attempts}</td><td>${d.lastStatus ?? ''}</td><td>${esc(d.lastError ?? '')}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Webhooks · Frontdesk</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:16px;font-size:14px}table{border-collapse:collapse;width:100%;margin-bottom:18px}
td,th{border-bottom:1px solid #e5e7eb;padding:4px 6px;text-align:left}.alert{background:#fee2e2;border:1px solid #b91c1c;padding:8px;border-radius:6px}</style></head>
<body><h1>Webhooks</h1><p><a href="/console/dashboard">Dashboard</a></p>${notice}
<h2>Subscriptions</h2><table><tr><th>#</th><th>URL</th><th>events</th><th>scopes</th><th>state</th><th>waiting</th></tr>${subs}</table>
<h2>Delivery log (latest ${data.deliveries.length})</h2><table><tr><th>queued</th><th>to</th><th>event</th><th>webhook-id</th><th>status</th><th>attempts</th><th>last answer</th><th>last error</th></tr>${log}</table></body></html>`;
}

/** Mount /console/webhooks (admin page: subscriptions, disabled notices, delivery log) and its JSON twin. */
export function mountWebhookPanel(router: HttpRouter, deps: WebhookPanelDeps): void {
  const auth = new ConsoleAuth(deps.agentStore, deps.clock, deps.log, deps.https);
  router.add('GET', '/console/webhooks', async (req, res) => {
    const session = await auth.session(req);
    if (!session) return redirect(res);
    if (session.agent.role !== 'admin') throw new HttpError(403, 'the webhooks page is for admins');
    sendHtml(res, page(await webhookOverview(deps.webhooks)));
  });
  router.add('GET', '/console/api/webhooks', async (req, res) => {
    await auth.require(req, { admin: true });
    sendJson(res, 200, await webhookOverview(deps.webhooks));
  });
}

function redirect(res: ServerResponse): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location: '/console/login', 'cache-control': 'no-store' });
  res.end();
}
