import { clientIp } from '../http/rate-limit';
import { clientOf } from '../http/client-address';
import type { StreamGate } from '../http/stream-gate';
import type { Metrics } from '../metrics';
import type { Agent } from '../store/agent-store';
import type { Ticket } from '../types/ticket';
import { DEFAULT_LOGIN_POLICIES, type LoginPolicies } from './auth';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import type { Engine } from '../engine/engine';
import { HttpError, SECURITY_HEADERS, decodeUtf8, readBody, readJson, sendAsset, sendHtml, sendJson } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { Logger } from '../log';
import type { AgentStore } from '../store/agent-store';
import type { Store } from '../store/store';
import { canSee } from '../handoff/agent-permissions';
import { ConsoleAuth } from './auth';
import { runAction } from './actions-api';
import { draftArticleRoute } from './draft-route';
import { mountConsoleApprovals } from './approvals-routes';
import type { ConsoleApprovals } from '../requests/console-approvals';
import { ConsoleLive } from './live';
import { CONSOLE_PAGE, loginPage } from './console.page';
import { CONSOLE_SCRIPT } from './console.script';
import { queueItem, ticketView } from './views';

/** What the console needs from the app. */
export type ConsoleDeps = {
  store: Store;
  agentStore: AgentStore;
  /** Its `committed` events drive live updates; agent actions are emitted there too (the dispatcher wakes on them). */
  engine: Pick<Engine, 'events'>;
  log: Logger;
  clock: () => Date;
  config: Pick<Config, 'PUBLIC_URL' | 'KB_DIR'> & Partial<Pick<Config, 'LOGIN_FREE_FAILURES' | 'LOGIN_FREE_FAILURES_PER_ADDRESS' | 'LOGIN_MAX_DELAY_SECONDS'>>;
  /** Caps of event streams, shared with the web chat. */
  streams: StreamGate;
  metrics?: Metrics;
  /** Approvals addressed to agents' work e-mails (only with self-service requests configured). */
  approvals?: ConsoleApprovals;
  /** How often open console streams re-check their session (tests shorten it). */
  sessionRecheckMs?: number;
};

const QUEUE_LIMIT = 200;

/** Mount the agent console at /console (pages) and /console/api (JSON, SSE). Returns a handle to close its streams. */
export function mountConsole(router: HttpRouter, deps: ConsoleDeps): { close(): void } {
  const { store, agentStore, engine, clock } = deps;
  const log = deps.log.child({ component: 'console' });
  const auth = new ConsoleAuth(agentStore, clock, log, deps.config.PUBLIC_URL.startsWith('https:'), loginPolicies(deps.config),
    () => deps.metrics?.loginThrottled.inc());
  const live = new ConsoleLive(store, log, deps.streams, agentStore, clock, deps.sessionRecheckMs);
  const onCommitted = (result: Parameters<ConsoleLive['committed']>[0]) => void live.committed(result);
  engine.events.on('committed', onCommitted);
  if (deps.approvals) mountConsoleApprovals(router, { auth, approvals: deps.approvals, clock, log });

  router.add('GET', '/console', async (req, res) => ((await auth.session(req)) ? sendHtml(res, CONSOLE_PAGE) : redirect(res, '/console/login')));
  router.add('GET', '/console/login', (req, res) => {
    const error = new URL(req.url ?? '/', 'http://x').searchParams.get('error');
    sendHtml(res, loginPage(error === 'invalid' || error === 'locked' ? error : null));
  });
  router.add('GET', '/console/console.js', (_req, res) => sendAsset(res, 'text/javascript; charset=utf-8', CONSOLE_SCRIPT));
  router.add('POST', '/console/login', (req, res) => login(req, res));
  router.add('POST', '/console/logout', async (req, res) => {
    await auth.require(req, { csrf: true });
    const tokenHash = await auth.logout(req, res);
    if (tokenHash) live.endSession(tokenHash);
    sendJson(res, 200, { status: 'logged_out' });
  });
  router.add('GET', '/console/api/me', async (req, res) => {
    const session = await auth.require(req);
    sendJson(res, 200, { agent: session.agent, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });
  router.add('GET', '/console/api/queue', async (req, res) => {
    const { agent } = await auth.require(req);
    const tickets = await agentStore.queue(agent.role === 'admin' ? null : agent.groups, QUEUE_LIMIT);
    sendJson(res, 200, { tickets: tickets.map(queueItem) });
  });
  router.add('GET', '/console/api/events', async (req, res) => {
    live.attach(req, res, await auth.require(req));
  });
  router.add('GET', '/console/api/tickets/:number', async (req, res, params) => {
    const { agent } = await auth.require(req);
    const ticket = visibleTicket(agent, await store.getTicketByNumber(params.number), params.number);
    sendJson(res, 200, await ticketView(store, ticket, agent));
  });
  // Before the generic action route, which would otherwise answer 404 "no action".
  router.add('POST', '/console/api/tickets/:number/draft-article', draftArticleRoute({ auth, store, kbDir: deps.config.KB_DIR, clock, log }));
  router.add('POST', '/console/api/tickets/:number/:action', async (req, res, params) => {
    const { agent } = await auth.require(req, { csrf: true });
    const before = visibleTicket(agent, await store.getTicketByNumber(params.number), params.number);
    const { ticket, result } = await runAction(params.action, req, { store, agentStore }, params.number, agent, clock());
    log.info({ agent: agent.id, ticket: ticket.number, action: params.action }, 'agent action');
    engine.events.emit('committed', result);
    // The listener above covers the conversation's current ticket; an older ticket or a former group is told here.
    const former = before?.group && before.group !== ticket.group ? [before.group] : [];
    if (result.conversation.ticketId !== ticket.id || former.length) live.notify(ticket, former);
    sendJson(res, 200, { ticket: queueItem(ticket) });
  });
  router.add('GET', '/console/api/agents', async (req, res) => {
    await auth.require(req, { admin: true });
    sendJson(res, 200, { agents: await agentStore.listAgents() });
  });

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only exactly application/json is JSON: "text/plain;application/json" is a form a foreign page may post.
    const form = mediaType(req) !== 'application/json';
    checkOrigin(req);
    const input = await readLogin(req, form);
    const outcome = await auth.login(input.login, input.password, clientIp(req));
    if (!outcome.ok) {
      if (form) return redirect(res, `/console/login?error=${outcome.reason}`);
      if (outcome.retryAfterSeconds) res.setHeader('retry-after', outcome.retryAfterSeconds);
      throw new HttpError(outcome.reason === 'locked' ? 429 : 401,
        outcome.reason === 'locked' ? `too many failed logins: try again in ${outcome.retryAfterSeconds} s` : 'wrong login or password');
    }
    res.setHeader('set-cookie', auth.cookie(outcome.token, clientOf(req).https));
    if (form) return redirect(res, '/console');
    sendJson(res, 200, { agent: outcome.agent, csrfToken: outcome.csrfToken, expiresAt: outcome.expiresAt });
  }

  return {
    close: () => {
      engine.events.off('committed', onCommitted);
      live.close();
    },
  };
}

async function readLogin(req: IncomingMessage, form: boolean): Promise<{ login: string; password: string }> {
  let login: unknown;
  let password: unknown;
  if (form) {
    const params = new URLSearchParams(decodeUtf8(await readBody(req, 8 * 1024)));
    [login, password] = [params.get('login'), params.get('password')];
  } else {
    const body = (await readJson(req, 8 * 1024)) as Record<string, unknown> | null;
    [login, password] = [body?.login, body?.password];
  }
  if (typeof login !== 'string' || typeof password !== 'string' || !login || !password || password.length > 1024) {
    throw new HttpError(400, 'send login and password');
  }
  return { login, password };
}

/**
 * A cross-site form cannot log someone into our console (login CSRF). Browsers say where a request comes
 * from in Sec-Fetch-Site; Origin is checked too, but it is "null" under our no-referrer policy.
 */
function checkOrigin(req: IncomingMessage): void {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw new HttpError(403, 'login form posted from another site');
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    // garbage: treated as foreign below.
  }
  if (host !== req.headers.host) throw new HttpError(403, 'login form posted from another site');
}

/**
 * The ticket if this agent may see it. Unknown and not-yours answer the same 404, so the console does not
 * tell which numbers exist or which group owns them.
 */
function visibleTicket(agent: Agent, ticket: Ticket | null, number: string): Ticket {
  if (!ticket || !canSee(agent, ticket)) throw new HttpError(404, `no ticket ${number} in your queue`);
  return ticket;
}

function mediaType(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function loginPolicies(config: ConsoleDeps['config']): LoginPolicies {
  const maxDelayMs = (config.LOGIN_MAX_DELAY_SECONDS ?? 300) * 1000;
  return {
    account: { ...DEFAULT_LOGIN_POLICIES.account, freeFailures: config.LOGIN_FREE_FAILURES ?? 5, maxDelayMs },
    address: { ...DEFAULT_LOGIN_POLICIES.address, freeFailures: config.LOGIN_FREE_FAILURES_PER_ADDRESS ?? 20, maxDelayMs },
  };
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'cache-control': 'no-store' });
  res.end();
}
