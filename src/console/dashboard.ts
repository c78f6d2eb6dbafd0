import type { IncomingMessage, ServerResponse } from 'node:http';
import { BroadcastService } from '../broadcast/broadcast-service';
import type { Broadcasts } from '../broadcast/broadcasts';
import type { Config } from '../config';
import { FrontdeskError, NotFoundError, ValidationError } from '../errors';
import { HttpError, SECURITY_HEADERS, readJson, sendAsset, sendHtml, sendJson } from '../http/body';
import type { HttpRouter } from '../http/router';
import { readArticleDir } from '../kb/article';
import { kbHealth } from '../kb/gaps/kb-health';
import type { KbFeedbackStore } from '../kb/kb-feedback-store';
import type { KpiStore } from '../kpi/kpi-store';
import { parsePeriod } from '../kpi/period';
import { computeReport } from '../kpi/report';
import { agentFigures } from '../kpi/agent-figures';
import { timeSeries } from '../kpi/series';
import { ConsoleAuth } from './auth';
import type { ConsoleDeps } from './console';
import { dashboardPage, type DashboardData } from './dashboard.page';
import { DASHBOARD_SCRIPT } from './dashboard.script';
import { webhookAlerts } from '../webhooks/webhook-panel';
import type { WebhookStore } from '../webhooks/webhook-store';

/** Options of the dashboard: the console's dependencies, the broadcast rate, and which channels are on (Slack channel posts need Slack). */
export type DashboardDeps = Omit<ConsoleDeps, 'streams'> & {
  /** Where broadcasts live (CoreStores.broadcasts); absent: on the store's SQLite file. */
  broadcastStore: Broadcasts;
  /** Subscriptions whose disabled state is shown among the notices (CoreStores.webhooks); absent: on the store's SQLite file. */
  webhookStore: WebhookStore;
  broadcastRatePerSecond?: number;
  /** Whether this instance sends broadcasts now (holds the 'broadcasts' lease). */
  broadcastGate?: () => boolean;
  /** KPI rows and KB feedback (the core stores', SQLite or PostgreSQL). */
  kpi: KpiStore;
  kbFeedback: KbFeedbackStore;
  config: ConsoleDeps['config'] & { channels?: Pick<Config['channels'], 'slack'>; KB_STALE_DAYS?: number };
};

/**
 * Mount the admin dashboard (/console/dashboard, /console/api/dashboard) and the broadcast API
 * (/console/api/broadcasts). The handle is a background job: `start` resumes broadcast deliveries a crash
 * interrupted, `stop` waits for the sending in flight.
 */
export function mountDashboard(router: HttpRouter, deps: DashboardDeps): { broadcasts: BroadcastService; start(): void; stop(): Promise<void> } {
  const { store, agentStore, engine, clock } = deps;
  const log = deps.log.child({ component: 'dashboard' });
  const auth = new ConsoleAuth(agentStore, clock, log, deps.config.PUBLIC_URL.startsWith('https:'));
  const webhookStore = deps.webhookStore;
  const broadcasts = new BroadcastService({
    broadcasts: deps.broadcastStore, store, clock, log, ratePerSecond: deps.broadcastRatePerSecond, slackConfigured: deps.config.channels?.slack,
    onCommitted: (result) => engine.events.emit('committed', result), mayRun: deps.broadcastGate,
  });

  const load = async (req: IncomingMessage): Promise<DashboardData & { agentName: string }> => {
    const { agent } = await auth.require(req, { admin: true });
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const now = clock();
    const period = guard(() => parsePeriod({ from: query.get('from'), to: query.get('to') }, now));
    const data = await deps.kpi.loadKpiData(now.toISOString());
    const names = new Map((await deps.agentStore.listAgents()).map((a) => [a.id, a.name]));
    const list = await withProgress(broadcasts.broadcasts, 20);
    return {
      report: computeReport(data, period, now.toISOString()),
      series: timeSeries(data.tickets, period, now.toISOString(), data.kbAnswers),
      broadcasts: list,
      agents: agentFigures(data.tickets, period).map((f) => ({ ...f, name: names.get(f.agentId) ?? f.agentId })),
      agentName: agent.name,
      kbHealth: await kbHealthFor(period, now),
      alerts: await webhookAlerts(webhookStore),
    };
  };

  // Read per request (an admin page, rarely loaded): articles edited or imported since start-up count at once.
  const kbHealthFor = async (period: { from: string; to: string }, now: Date) => {
    let read: ReturnType<typeof readArticleDir>;
    try {
      read = readArticleDir(deps.config.KB_DIR);
    } catch (error) {
      log.warn({ err: error }, 'dashboard: the article folder cannot be read; knowledge gaps not shown');
      return undefined;
    }
    const { articles, errors } = read;
    if (errors.length) log.warn({ errors: errors.length }, 'dashboard: some articles could not be read; listed without them');
    return kbHealth(deps.kbFeedback, articles, { window: { since: period.from, until: period.to }, now, staleDays: deps.config.KB_STALE_DAYS ?? 365 });
  };

  router.add('GET', '/console/dashboard', async (req, res) => {
    const session = await auth.session(req);
    if (!session) return redirect(res, '/console/login');
    if (session.agent.role !== 'admin') throw new HttpError(403, 'the dashboard is for admins');
    sendHtml(res, dashboardPage(await load(req)));
  });
  router.add('GET', '/console/dashboard.js', (_req, res) => sendAsset(res, 'text/javascript; charset=utf-8', DASHBOARD_SCRIPT));
  router.add('GET', '/console/api/dashboard', async (req, res) => {
    const { agentName: _name, ...data } = await load(req);
    sendJson(res, 200, data);
  });
  router.add('GET', '/console/api/broadcasts', async (req, res) => {
    await auth.require(req, { admin: true });
    sendJson(res, 200, { broadcasts: await withProgress(broadcasts.broadcasts, 50) });
  });
  router.add('POST', '/console/api/broadcasts', async (req, res) => {
    const { agent } = await auth.require(req, { csrf: true, admin: true });
    const body = await readJson(req, 16 * 1024);
    const result = await guardAsync(() => broadcasts.post(body, `agent:${agent.id}`));
    broadcasts.kick();
    sendJson(res, 201, result);
  });
  router.add('POST', '/console/api/broadcasts/:id/close', async (req, res, params) => {
    const { agent } = await auth.require(req, { csrf: true, admin: true });
    const body = (await readJson(req, 16 * 1024)) as { note?: unknown } | null;
    const id = Number(params.id);
    if (!Number.isInteger(id) || id < 1) throw new HttpError(404, `no broadcast ${params.id}`);
    const result = await guardAsync(() => broadcasts.close(id, typeof body?.note === 'string' ? body.note : '', `agent:${agent.id}`));
    broadcasts.kick();
    sendJson(res, 200, result);
  });
  return { broadcasts, start: () => broadcasts.kick(), stop: () => broadcasts.stop() };
}

/** Domain errors become HTTP answers: unknown things 404, bad input 400. */
/** The latest broadcasts, newest first, each with its delivery progress. */
async function withProgress(store: Broadcasts, limit: number) {
  return Promise.all((await store.list(limit)).map(async (b) => ({ ...b, progress: await store.progress(b.id) })));
}

async function guardAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    return guard(() => {
      throw error;
    });
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (error instanceof NotFoundError) throw new HttpError(404, error.message);
    if (error instanceof ValidationError || error instanceof FrontdeskError) throw new HttpError(400, error.message);
    throw error;
  }
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'cache-control': 'no-store' });
  res.end();
}
