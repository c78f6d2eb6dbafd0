import type { LiveBus } from '../cluster/live-bus';
import { clientIp } from '../http/rate-limit';
import { clientOf } from '../http/client-address';
import type { StreamGate } from '../http/stream-gate';
import type { Metrics } from '../metrics';
import type { Agent, ConsoleSession } from '../store/agent-store';
import { DEFAULT_LOGIN_POLICIES, type LoginPolicies } from './auth';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import type { Engine } from '../engine/engine';
import { checkSameSite } from '../http/same-site';
import { HttpError, SECURITY_HEADERS, decodeUtf8, readBody, readJson, sendAsset, sendHtml, sendJson } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { Logger } from '../log';
import type { AgentStore } from '../store/agent-store';
import type { Store } from '../store/store';
import { ConsoleAuth } from './auth';
import { actionRoute, visible } from './action-route';
import { DEFAULT_ROUTING } from '../handoff/routing';
import { parseQueueQuery, scopeOf } from './queue-query';
import { draftArticleRoute } from './draft-route';
import { mountConsoleApprovals } from './approvals-routes';
import type { ConsoleApprovals } from '../requests/console-approvals';
import { ConsoleLive } from './live';
import { loginPage } from './console.page';
import { CONSOLE_SCRIPT_URL, consoleBootPage } from './console-boot';
import { CONSOLE_SCRIPT } from './console.script';
import { PAGE_I18N_SCRIPT } from './page-i18n.script';
import { ticketView } from './views';
import { queueRows } from './queue-rows';
import { ConsolePresence } from './presence';
import { presenceRoute } from './presence-route';
import { mountWorkspaceRoutes } from './workspace-routes';
import { bulkRoute } from './bulk-route';
import type { TurnResult } from '../store/store';
import { SlaConfig } from '../tickets/sla';
import type { SlaStore } from '../store/sla-store';
import type { IncidentLinker } from '../handoff/ticket-link';
import { mountKbRoute } from './kb-route';
import { mountFileRoute } from './file-route';
import { markConversationRead, watchersView, watchRoute } from './watch-route';
import type { KnowledgeBase } from '../kb/knowledge-base';
import { mountIncidentRoutes, ticketIncident, type ConsoleIncidents } from './incident-routes';

/** What the console needs from the app. */
export type ConsoleDeps = {
  store: Store;
  agentStore: AgentStore;
  /** Its `committed` events drive live updates; agent actions are emitted there too (the dispatcher wakes on them). */
  engine: Pick<Engine, 'events'>;
  log: Logger;
  clock: () => Date;
  config: Pick<Config, 'PUBLIC_URL' | 'KB_DIR'> & Partial<Pick<Config, 'TIME_ZONE' | 'LOGIN_FREE_FAILURES' | 'LOGIN_FREE_FAILURES_PER_ADDRESS' | 'LOGIN_MAX_DELAY_SECONDS'>>;
  /** Caps of event streams, shared with the web chat. */
  streams: StreamGate;
  metrics?: Metrics;
  /** Approvals addressed to agents' work e-mails (only with self-service requests configured). */
  approvals?: ConsoleApprovals;
  /** Category to group routing (ROUTING_GROUPS); its groups and the agents' groups are the transfer targets. */
  routing?: Record<string, string>;
  /** SLA targets: a priority changed in the console recomputes the due times. */
  sla?: SlaConfig;
  /** How often open console streams re-check their session (tests shorten it). */
  sessionRecheckMs?: number;
  /** Live events to and from the other instances on the database (PostgreSQL). */
  live?: LiveBus;
  /** Tell the requester's channel that an agent is writing to them (see ChannelAdapter.typing). */
  typing?: (conversationId: number, agentName: string) => void;
  /** SLA pauses recorded by the monitor: the countdowns leave paused time out. */
  slaStore?: Pick<SlaStore, 'pauses'>;
  /** Major incidents: the open ones agents link tickets to, and (called when an agent links) the app's linker. */
  incidents?: { store: ConsoleIncidents; linker: () => IncidentLinker };
  /** The knowledge base, for inserting an article's section into a reply. */
  kb?: Pick<KnowledgeBase, 'search' | 'get'>;
  /** The attachments folder: agents download the files of a ticket's conversation from it. */
  filesDir?: string;
  /** Tell the requester's channel that an agent has seen their messages up to `messageId` (see ChannelAdapter.read). */
  read?: (conversationId: number, messageId: number) => void;
};

const TICKET_NUMBER = /^[A-Za-z]{2,5}-\d{1,9}$/;

/** Mount the agent console at /console (pages) and /console/api (JSON, SSE). Returns a handle to close its streams. */
export function mountConsole(router: HttpRouter, deps: ConsoleDeps): { close(): void } {
  const { store, agentStore, engine, clock } = deps;
  const log = deps.log.child({ component: 'console' });
  const auth = new ConsoleAuth(agentStore, clock, log, deps.config.PUBLIC_URL.startsWith('https:'), loginPolicies(deps.config),
    () => deps.metrics?.loginThrottled.inc());
  const live = new ConsoleLive(store, log, deps.streams, agentStore, clock, deps.sessionRecheckMs);
  if (deps.live) live.share(deps.live);
  const onCommitted = (result: Parameters<ConsoleLive['committed']>[0]) => void live.committed(result);
  const routing = deps.routing ?? DEFAULT_ROUTING;
  const groups = async (): Promise<string[]> => {
    const agents = (await agentStore.listAgents()).filter((a) => !a.disabledAt);
    return [...new Set([...Object.values(routing), ...agents.flatMap((a) => a.groups)])].sort();
  };
  engine.events.on('committed', onCommitted);
  // Who views or types where: sent to the consoles that see the ticket; silent agents drop out on a sweep.
  const presence = new ConsolePresence((ticket, agents) => live.broadcast(ticket, 'presence', { ticket: ticket.number, agents }));
  const sweep = setInterval(() => presence.sweep(clock().getTime()), 2_000);
  sweep.unref();
  mountWorkspaceRoutes(router, { auth, agentStore, clock, log });
  if (deps.incidents) mountIncidentRoutes(router, { auth, incidents: deps.incidents.store });
  if (deps.kb) mountKbRoute(router, { auth, kb: deps.kb, publicUrl: deps.config.PUBLIC_URL });
  if (deps.approvals) mountConsoleApprovals(router, { auth, approvals: deps.approvals, clock, log });
  if (deps.filesDir) mountFileRoute(router, { auth, store, dir: deps.filesDir });

  router.add('GET', '/console', async (req, res) => {
    const session = await auth.session(req);
    return session ? sendBootPage(req, res, session) : redirect(res, '/console/login');
  });
  // A ticket's own address: the same page, which opens the ticket; after signing in the agent comes back to it.
  router.add('GET', '/console/tickets/:number', async (req, res, params) => {
    const session = await auth.session(req);
    if (session) return sendBootPage(req, res, session);
    redirect(res, TICKET_NUMBER.test(params.number) ? `/console/login?next=${encodeURIComponent(params.number.toUpperCase())}` : '/console/login');
  });
  router.add('GET', '/console/login', (req, res) => {
    const search = new URL(req.url ?? '/', 'http://x').searchParams;
    const error = search.get('error');
    const next = search.get('next');
    sendHtml(res, loginPage(error === 'invalid' || error === 'locked' ? error : null, next && TICKET_NUMBER.test(next) ? next.toUpperCase() : null));
  });
  router.add('GET', '/console/console.js', (req, res) => sendAsset(res, 'text/javascript; charset=utf-8', CONSOLE_SCRIPT,
    { req, immutable: req.url === CONSOLE_SCRIPT_URL }));
  router.add('GET', '/console/i18n.js', (_req, res) => sendAsset(res, 'text/javascript; charset=utf-8', PAGE_I18N_SCRIPT));
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
  const queuePage = async (agent: Agent, search: URLSearchParams) => {
    const page = await agentStore.searchQueue({ ...scopeOf(agent), now: clock().toISOString() }, parseQueueQuery(search));
    return { ...page, tickets: await queueRows(store, agent, page.tickets, deps.slaStore, agentStore) };
  };
  router.add('GET', '/console/api/queue', async (req, res) => {
    const { agent } = await auth.require(req);
    sendJson(res, 200, await queuePage(agent, new URL(req.url ?? '/', 'http://x').searchParams));
  });
  /** The console with its first view in it: the session and the queue's page for the address's filters (bad filters: the page asks and shows the error). */
  async function sendBootPage(req: IncomingMessage, res: ServerResponse, session: ConsoleSession): Promise<void> {
    const queue = await queuePage(session.agent, new URL(req.url ?? '/', 'http://x').searchParams).catch((error) => {
      if (error instanceof HttpError) return null;
      throw error;
    });
    // Session token and tickets in the page: never kept by a cache.
    res.setHeader('cache-control', 'no-store');
    sendHtml(res, consoleBootPage({ me: { agent: session.agent, csrfToken: session.csrfToken, expiresAt: session.expiresAt }, queue }));
  }
  // What a transfer may name: the configured groups (routing and agents' groups) and the active agents.
  router.add('GET', '/console/api/directory', async (req, res) => {
    await auth.require(req);
    const agents = (await agentStore.listAgents()).filter((a) => !a.disabledAt);
    sendJson(res, 200, {
      groups: (await groups()).map((id) => ({ id, label: id })),
      agents: agents.map((a) => ({ id: a.id, name: a.name, groups: a.groups })),
    });
  });
  router.add('GET', '/console/api/events', async (req, res) => {
    live.attach(req, res, await auth.require(req));
  });
  router.add('GET', '/console/api/tickets/:number', async (req, res, params) => {
    const { agent } = await auth.require(req);
    const ticket = visible(agent, await store.getTicketByNumber(params.number), params.number);
    const [view, [row], majorIncident, watchers] = await Promise.all([ticketView(store, ticket, agent, agentStore),
      queueRows(store, agent, [ticket], deps.slaStore), ticketIncident(deps.incidents?.store, ticket), watchersView(agentStore, ticket, agent)]);
    sendJson(res, 200, { ...view, ...watchers, ticket: { ...view.ticket, pausedMs: row.pausedMs }, majorIncident, presence: presence.on(ticket.number) });
    await markConversationRead({ store, agentStore, clock, log, told: deps.read }, ticket, agent);
  });
  // Before the generic action route, which would otherwise answer 404 "no action".
  router.add('POST', '/console/api/tickets/:number/presence', presenceRoute({ auth, store, presence, clock, typing: deps.typing }));
  router.add('POST', '/console/api/tickets/:number/watch', watchRoute({ auth, store, agentStore, clock, log }));
  router.add('POST', '/console/api/tickets/:number/draft-article', draftArticleRoute({ auth, store, kbDir: deps.config.KB_DIR, clock, log }));
  const actionDeps = {
    auth, store, agentStore, groups, live, clock, log, sla: deps.sla ?? SlaConfig.parse({}), timeZone: deps.config.TIME_ZONE, incidents: deps.incidents?.linker, committed: (result: TurnResult) => engine.events.emit('committed', result),
  };
  router.add('POST', '/console/api/tickets/:number/:action', actionRoute(actionDeps));
  router.add('POST', '/console/api/bulk', bulkRoute(actionDeps));
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
      if (form) return redirect(res, `/console/login?error=${outcome.reason}${input.next && TICKET_NUMBER.test(input.next) ? `&next=${input.next.toUpperCase()}` : ''}`);
      if (outcome.retryAfterSeconds) res.setHeader('retry-after', outcome.retryAfterSeconds);
      throw new HttpError(outcome.reason === 'locked' ? 429 : 401,
        outcome.reason === 'locked' ? `too many failed logins: try again in ${outcome.retryAfterSeconds} s` : 'wrong login or password');
    }
    res.setHeader('set-cookie', auth.cookie(outcome.token, clientOf(req).https));
    if (form) return redirect(res, nextPage(input.next));
    sendJson(res, 200, { agent: outcome.agent, csrfToken: outcome.csrfToken, expiresAt: outcome.expiresAt });
  }

  return {
    close: () => {
      engine.events.off('committed', onCommitted);
      clearInterval(sweep);
      live.close();
    },
  };
}

/** Where a form login goes: back to the ticket it came from (only a ticket number is taken), or the queue. */
function nextPage(next: string | null | undefined): string {
  return next && TICKET_NUMBER.test(next) ? `/console/tickets/${next.toUpperCase()}` : '/console';
}

async function readLogin(req: IncomingMessage, form: boolean): Promise<{ login: string; password: string; next?: string | null }> {
  let login: unknown;
  let password: unknown;
  let next: string | null = null;
  if (form) {
    const params = new URLSearchParams(decodeUtf8(await readBody(req, 8 * 1024)));
    [login, password, next] = [params.get('login'), params.get('password'), params.get('next')];
  } else {
    const body = (await readJson(req, 8 * 1024)) as Record<string, unknown> | null;
    [login, password] = [body?.login, body?.password];
  }
  if (typeof login !== 'string' || typeof password !== 'string' || !login || !password || password.length > 1024) {
    throw new HttpError(400, 'send login and password');
  }
  return { login, password, next };
}

/** A cross-site form cannot log someone into our console (login CSRF). */
function checkOrigin(req: IncomingMessage): void {
  checkSameSite(req, 'login form posted from another site');
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
