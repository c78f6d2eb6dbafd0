import os from 'node:os';
import type { Config } from './config';
import { Dispatcher } from './engine/dispatcher';
import { Engine } from './engine/engine';
import type { TurnDeps } from './engine/decide-turn';
import { IngressGate } from './http/ingress-gate';
import { createHttpServer } from './http/server';
import { HttpRouter } from './http/router';
import { sendJson } from './http/body';
import { parseTrustProxy } from './http/client-address';
import { StreamGate } from './http/stream-gate';
import { metricsRoute, startMetricsServer } from './http/metrics-endpoint';
import { deriveKey } from './store/install-secret';
import { createLogger, type Logger } from './log';
import { createMetrics, type Metrics } from './metrics';
import type { Store } from './store/store';
import type { ChannelAdapter, ChannelCapabilities, ChannelContext } from './types/channel';
import { createServices } from './turn-deps';
import type { DialogEntry } from './dialog/registry';
import { mountKbPages } from './http/kb-page';
import { mountConsole } from './console/console';
import { mountPageAssets } from './http/page-assets';
import type { AgentStore } from './store/agent-store';
import type { AgentThreadStore } from './store/agent-thread-store';
import type { WecomCardStore } from './store/wecom-card-store';
import type { TeamsServiceUrlStore } from './store/teams-service-url-store';
import { createAutoCloser } from './lifecycle/auto-close';
import { mountDashboard } from './console/dashboard';
import { broadcastJob } from './broadcast/broadcast-job';
import { majorIncidentJob } from './incidents/major-incident-job';
import { SlaMonitor } from './sla/sla-monitor';
import { MajorIncidents } from './incidents/major-incidents';
import { ExclusiveJob, type RestartableJob } from './cluster/exclusive-job';
import { instanceId } from './cluster/instance-id';
import type { LeaseStore } from './store/lease-store';
import { healthReport } from './cluster/health-report';
import { openAppStores, CLAIM_WATCH_MS, TURN_LEASE_MS } from './store/open-app-stores';
import type { SqliteStore } from './store/sqlite-store';
import { resolvedTicketIds } from './lifecycle/resolved-tickets';
import { createRetentionJob } from './store/retention';
import { mountAlerts } from './alerts/alerts';
import { loadAlertsFile } from './alerts/alert-rules';
import { mountApiV1 } from './api/mount-api';
import { WebhookJob } from './webhooks/webhook-job';
import { mountWebhookPanel } from './webhooks/webhook-panel';
import { createSelfService, type SelfService } from './requests/self-service';
import type { CatalogEntryInput } from './requests/catalog-schema';
import type { CodeSender } from './requests/code-sender';
import { directoryEnricher } from './requests/directory-context';
import { attachmentsDirOf } from './files/attachment-files';

/** Builds the channels the configuration switches on; supplied by the composition root (bin/). */
export type ChannelFactory = (config: Config) => ChannelAdapter | null;

/** What an extension gets to work with (the composition root adds e.g. Slack's tier-2 agents). */
export type AppCore = {
  config: Config;
  store: Store;
  agentStore: AgentStore;
  engine: Engine;
  channels: ReadonlyMap<string, ChannelAdapter>;
  clock: () => Date;
  log: Logger;
  /** Tier-2 threads and agent links of Slack, Feishu and WeCom (CoreStores.agentThreads). */
  agentThreads: AgentThreadStore;
  /** WeCom template cards (CoreStores.wecomCards). */
  wecomCards: WecomCardStore;
  /** The Bot Connector address Teams last sent per tenant, team and channel (CoreStores.teamsServiceUrls). */
  teamsServiceUrls: TeamsServiceUrlStore;
  /** `job` run by one instance of the cluster, under the lease `name` (started and stopped with the app's jobs). */
  leased: (name: string, job: RestartableJob) => ExclusiveJob;
};

/** A long-running part beside the turns: timers, subscriptions. */
export type BackgroundJob = { start?(): void; stop?(): Promise<void>; idle?(): Promise<void> };

/** Builds a background job from the wired core, or null when its settings are absent. */
export type AppExtension = (core: AppCore) => BackgroundJob | null;

/** Overrides for tests and tools: a clock, turn lookups, a logger, extra channels. */
export type AppOptions = {
  channelFactories?: ChannelFactory[];
  channels?: ChannelAdapter[];
  /** Dialog definitions with their files (dialogs/index.ts), validated at start-up. */
  dialogs?: DialogEntry[];
  clock?: () => Date;
  turnDeps?: (now: Date) => TurnDeps;
  log?: Logger;
  /** Run the dispatcher loop and the timers (off for tools that drain the outbox themselves). */
  dispatch?: boolean;
  extensions?: AppExtension[];
  /** The request catalog (dialogs/catalog): self-service runs when a directory is configured (LDAP_URL). */
  catalog?: CatalogEntryInput[];
  /** Sends one-time codes to a second factor (channels/email/code-mailer.ts); none: account actions go to a person. */
  codeSender?: (config: Config) => CodeSender | null;
  /** Background leases shared with other instances (cluster tests); default: the leases of the app's own database. */
  leases?: LeaseStore;
};


const PLAIN: ChannelCapabilities = { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' };

/** The whole service: store, engine, dispatcher, channels and the HTTP server, wired together. */
export type App = Awaited<ReturnType<typeof createApp>>;

/** Wire the service. Nothing listens until `start`. */
export async function createApp(config: Config, options: AppOptions = {}) {
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL, secrets: config.secrets });
  // One name per instance in /healthz and on every metric, stable across restarts (lease holders add pid and a random part).
  const instance = config.INSTANCE_NAME ?? `${os.hostname()}:${config.PORT}`;
  const metrics: Metrics = createMetrics({ instance });
  const clock = options.clock ?? (() => new Date());
  const alertsFile = config.ALERTS_TOKEN ? loadAlertsFile(config.ALERTS_RULES_FILE) : null;
  // PostgreSQL when DATABASE_URL is set (several instances may share it), else the SQLite file (locked to this process).
  const opened = await openAppStores(config, instance, log);
  const { stores: coreStores, database } = opened;
  const store = coreStores.store;
  const channels = new Map<string, ChannelAdapter>();
  for (const channel of options.channels ?? []) channels.set(channel.name, channel);
  for (const factory of options.channelFactories ?? []) {
    const channel = factory(config);
    if (channel && !channels.has(channel.name)) channels.set(channel.name, channel);
  }
  const services = createServices(config, log, options.dialogs ?? []);
  const turnDeps = options.turnDeps ?? services.turnDeps;
  const broadcastStore = coreStores.broadcasts;
  // On a SQLite file (one process at a time) leases left by a killed server are free at once, not only after
  // their TTL. Leases shared with other instances (PostgreSQL, cluster tests) are theirs as well: those only lapse.
  const leases: LeaseStore = options.leases ?? coreStores.leases;
  if (!options.leases) await opened.releaseLeftovers();
  const incidentStore = coreStores.incidents;
  const ingress = new IngressGate();
  const agentStore = coreStores.agents;
  const router = new HttpRouter();
  const secret = await coreStores.installSecret();
  // Self-service announces its commits on the engine's events (dispatcher wake-up, console), wired just below.
  const selfService: SelfService | null = config.channels.directory ? createSelfService({
    config, store, requests: coreStores.requests, router, clock, log: log.child({ module: 'requests' }), secret,
    catalog: options.catalog ?? [], codeSender: options.codeSender?.(config) ?? null,
    announce: (result) => engine.events.emit('committed', result),
    inConsole: async (email) => (await agentStore.agentByEmail(email)) !== null,
  }) : null;
  const engine: Engine = new Engine({
    store, log, metrics, clock, turnDeps, ingressQuiet: () => ingress.quiet(), maxQueueWaitSeconds: config.MAX_QUEUE_WAIT_SECONDS,
    // Several instances: messages a killed instance had claimed wait out this lease before another runs them
    // (the 30 s default made users wait half a minute); a round is short enough to finish well inside it.
    turnLeaseMs: store.claimInbound ? TURN_LEASE_MS : undefined,
    activeBroadcasts: () => broadcastStore.activeTexts(),
    knownProblems: async () => (await incidentStore.openMajorIncidents()).map((m) => ({ id: m.id, number: m.number, title: m.title, category: m.category, keywords: m.keywords })),
    capabilitiesOf: (name) => channels.get(name)?.capabilities ?? PLAIN,
    agentName: async (id) => (await agentStore.getAgent(id))?.name ?? null,
    preTurn: selfService ? (ctx, deps) => selfService.desk.preTurn(ctx, deps) : undefined,
    enrichContext: selfService ? directoryEnricher(selfService.directory, log.child({ module: 'directory' }), clock) : undefined,
  });
  const dispatcher = new Dispatcher({
    store, channels, log, metrics, clock, maxAttempts: config.DISPATCH_MAX_ATTEMPTS, baseDelayMs: config.DISPATCH_BASE_DELAY_MS,
    sendTimeoutMs: config.DISPATCH_SEND_TIMEOUT_MS, stopTimeoutMs: config.DISPATCH_STOP_TIMEOUT_MS,
    ingressQuiet: () => ingress.quiet(),
    // Several instances: a reply claimed by an instance that died is sent by another once the claim runs out;
    // claims are renewed while a send is out, so the claim can be as short as a background lease (the
    // 5-minute default left a SIGKILLed instance's replies unsent for 5 minutes).
    claimLeaseMs: store.renewOutboxClaims ? config.LEASE_TTL_SECONDS * 1000 : undefined,
  });
  engine.events.on('committed', (result) => {
    if (result.outboxIds.length > 0) dispatcher.kick();
  });
  const https = config.PUBLIC_URL.startsWith('https:');
  const keepaliveMs = config.STREAM_KEEPALIVE_SECONDS * 1000;
  const http = createHttpServer(router, log, metrics, ingress, {
    trustProxy: parseTrustProxy(config.TRUST_PROXY), hsts: https, idleSocketMs: Math.max(60_000, 3 * keepaliveMs),
  });
  const streams = new StreamGate({
    perSession: config.STREAMS_PER_SESSION, perAddress: config.STREAMS_PER_ADDRESS, max: config.STREAMS_MAX,
    idleMs: config.STREAM_IDLE_SECONDS * 1000, keepaliveMs,
  }, log.child({ module: 'streams' }), metrics);
  // "degraded" near the stream cap or with a queue past its wait budget: still serving, worth a look.
  router.add('GET', '/healthz', (_req, res) => {
    const report = healthReport({
      instance, database, channels: [...channels.keys()], leases: leased.filter((j) => j.holds()).map((j) => j.name), streams: streams.health(),
      queue: { turns: engine.admission.queued, seconds: Math.round(engine.admission.estimatedWaitSeconds() * 10) / 10 }, maxQueueWaitSeconds: config.MAX_QUEUE_WAIT_SECONDS,
    });
    sendJson(res, report.status, report.body);
  });
  mountKbPages(router, services.kb);
  mountPageAssets(router);
  const consoleHandle = mountConsole(router, { store, agentStore, engine, log, clock, config, streams, metrics, live: opened.live ?? undefined, routing: services.routing, sla: services.sla, approvals: selfService?.consoleApprovals, slaStore: coreStores.sla,
    // The detector is made below; an agent's link is long after start-up.
    incidents: { store: incidentStore, linker: () => majorIncidents }, kb: services.kb, filesDir: attachmentsDirOf(config),
    typing: (conversationId, agentName) => void store.getConversation(conversationId)
      .then((c) => c && channels.get(c.ref.channel)?.typing?.(c.ref, agentName))
      .catch((err) => log.warn({ err }, 'typing signal not passed to the channel')),
    read: (conversationId, messageId) => void store.getConversation(conversationId)
      .then((c) => c && channels.get(c.ref.channel)?.read?.(c.ref, messageId))
      .catch((err) => log.warn({ err }, 'read state not passed to the channel')) });
  // Broadcasts are sent by the holder of the 'broadcasts' lease only (assigned below, with the other leased jobs);
  // without background jobs (tools, dispatch: false) by this process, as before.
  let broadcastLease: ExclusiveJob | null = null;
  const dashboard = mountDashboard(router, {
    store, agentStore, engine, log, clock, config, broadcastStore, webhookStore: coreStores.webhooks, broadcastGate: () => options.dispatch === false || (broadcastLease?.holds() ?? false),
    kpi: coreStores.kpi, kbFeedback: coreStores.kbFeedback,
  });
  const core: AppCore = { config, store, agentStore, engine, channels, clock, log, agentThreads: coreStores.agentThreads, wecomCards: coreStores.wecomCards, teamsServiceUrls: coreStores.teamsServiceUrls,
    // leasedJob is defined below; extensions are built after it.
    leased: (name, job) => leasedJob(name, job) };
  // REST API and webhooks out: API writes are turns (their replies kick the dispatcher); every commit wakes the webhooks while a subscription is enabled.
  const api = mountApiV1(router, {
    store, agentStore, kb: services.kb, sla: services.sla, routing: services.routing, incidents: incidentStore, broadcasts: coreStores.broadcasts,
    api: coreStores.api, ticketQueries: coreStores.ticketQueries, kpi: coreStores.kpi,
    config, log, clock, committed: (result) => engine.events.emit('committed', result),
  });
  const webhooks = new WebhookJob({
    webhooks: coreStores.webhooks, log: log.child({ module: 'webhooks' }), clock, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, baseDelayMs: config.WEBHOOK_BASE_DELAY_MS, timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  });
  engine.events.on('committed', () => webhooks.committed());
  mountWebhookPanel(router, { webhooks: coreStores.webhooks, agentStore, clock, log, https });
  const majorIncidents = new MajorIncidents({
    store, incidents: incidentStore, sla: services.sla, engine, log: log.child({ module: 'incidents' }),
    thresholdUsers: config.MI_THRESHOLD_USERS, windowMs: config.MI_WINDOW_MINUTES * 60_000, pause: () => ingress.quiet(),
  });
  // Detection runs on the holder of the 'incidents' lease only (one incident per outage across the cluster); the
  // holder sweeps for tickets opened elsewhere. Without background jobs (tools), this process detects as before.
  let incidentLease: ExclusiveJob | null = null;
  const incidentJob = majorIncidentJob({ detector: majorIncidents, incidents: incidentStore, clock, windowMs: config.MI_WINDOW_MINUTES * 60_000, log: log.child({ module: 'incidents' }) });
  engine.events.on('committed', (result) => {
    if (result.openedTicket?.type !== 'incident') return;
    if (options.dispatch !== false && !incidentLease?.holds()) return;
    incidentJob.seen(result.openedTicket.id);
    majorIncidents.onTicketOpened(result.openedTicket, clock()).catch((err) => log.error({ err }, 'major incident detection failed'));
  });
  const alerts = alertsFile && mountAlerts(router, {
    config, file: alertsFile, store, incidents: incidentStore, groups: coreStores.alertGroups, majorIncidents, broadcasts: dashboard.broadcasts, clock, log: log.child({ module: 'alerts' }),
  });
  // Work that must run once per database runs under a lease (one holder per cluster, #22). Lease times are the
  // wall clock: they are about live processes, not the business clock a test or a replay may move.
  const holder = instanceId();
  const leased: ExclusiveJob[] = [];
  const leasedJob = (name: string, job: RestartableJob) => {
    // A lease lasts LEASE_TTL_SECONDS (6 s) and is renewed every third: a dead instance's work moves within it plus one check.
    const wrapped = new ExclusiveJob({ leases, name, holder, job, ttlMs: config.LEASE_TTL_SECONDS * 1000, clock: () => new Date(), log: log.child({ module: 'leases' }) });
    leased.push(wrapped);
    return wrapped;
  };
  const slaMonitor = new SlaMonitor({ store, slaStore: coreStores.sla, sla: services.sla, clock, engine, log: log.child({ module: 'sla' }), intervalMs: config.SLA_CHECK_SECONDS * 1000 });
  broadcastLease = leasedJob('broadcasts', broadcastJob(dashboard.broadcasts));
  const jobs: BackgroundJob[] = [
    broadcastLease,
    webhooks,
    leasedJob('sla', slaMonitor),
    incidentLease = leasedJob('incidents', incidentJob),
    { idle: () => majorIncidents.idle() },
    ...(alerts ? [alerts] : []),
    leasedJob('auto-close', createAutoCloser({
      store, calendar: services.sla.calendar, clock, log: log.child({ module: 'auto-close' }), resolvedTickets: resolvedTicketIds(coreStores.ticketQueries),
      onCommitted: (result) => engine.events.emit('committed', result), intervalMs: config.AUTO_CLOSE_CHECK_SECONDS * 1000,
    })),
    leasedJob('retention', createRetentionJob({
      retention: coreStores.retention, clock, log: log.child({ module: 'retention' }),
      policy: { transcriptDays: config.RETENTION_TRANSCRIPT_DAYS, sentPayloadDays: config.RETENTION_SENT_PAYLOAD_DAYS, auditDays: config.RETENTION_AUDIT_DAYS },
    })),
    // Reminders and timeouts of approvals: one monitor per cluster.
    ...(selfService ? [leasedJob('approvals', selfService.monitor)] : []),
    ...(options.extensions ?? []).map((extend) => extend(core)).filter((job): job is BackgroundJob => job !== null),
  ];
  const runJobs = options.dispatch !== false;
  const metricsRouteHandler = metricsRoute(metrics, config.METRICS_TOKEN);
  if (config.METRICS_PORT === undefined) router.add('GET', '/metrics', metricsRouteHandler);
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | null = null;
  const context: ChannelContext = {
    accept: (msg, lateProfile) => engine.accept(msg, lateProfile),
    ingressQuiet: () => ingress.quiet(),
    ingressArrived: () => ingress.arrived(),
    admit: (ref) => engine.admit(ref),
    streams,
    secret: (purpose) => deriveKey(secret, purpose),
    transcript: async (ref, afterId) => {
      const conversation = await store.findConversation(ref);
      return conversation ? store.transcript(conversation.id, afterId) : [];
    },
    lookup: store,
    live: opened.live ?? undefined,
    readUpTo: async (ref) => {
      const conversation = await store.findConversation(ref);
      return conversation ? agentStore.readUpTo(conversation.id) : null;
    },
    router,
    log,
    exclusive: (name, job) => {
      const exclusive = leasedJob(name, job);
      exclusive.start();
      return exclusive;
    },
  };
  let dispatchTimer: NodeJS.Timeout | null = null;
  let stopWatchingKb: (() => void) | null = null;
  let stopClaimWatch: (() => void) | null = null;

  return {
    config, log, metrics, store, agentStore, engine, dispatcher, channels, router, http, services, streams, majorIncidents, slaMonitor, broadcasts: broadcastStore, alerts, api, webhooks, selfService,
    /** Webhook subscriptions and deliveries (coreStores.webhooks). */
    webhookStore: coreStores.webhooks,
    /** The SQLite store for tools and tests that read the file directly; there is none on PostgreSQL. */
    sqliteStore(): SqliteStore {
      if (!opened.sqlite) throw new Error('this needs the SQLite store (DATABASE_PATH), and DATABASE_URL is set');
      return opened.sqlite;
    },
    /** Port of the separate /metrics listener (METRICS_PORT), once started. */
    metricsPort: () => metricsServer?.port ?? null,
    /** Start channels and (optionally) listen; finish turns and deliveries a crash left behind. */
    async start(listen = true): Promise<number | null> {
      for (const channel of channels.values()) await channel.start({ ...context, log: log.child({ channel: channel.name }) });
      const port = listen ? await http.listen(config.PORT, config.HOST) : null;
      if (listen && config.METRICS_PORT !== undefined) metricsServer = await startMetricsServer(metricsRouteHandler, config.METRICS_PORT, config.METRICS_HOST);
      if (listen) {
        stopWatchingKb = services.kb.watch({
          onReload: (result) => (result.ok ? log.info({ articles: result.articles }, 'knowledge base reloaded') : log.warn({ errors: result.errors.map((e) => e.message) }, 'knowledge base change refused')),
        });
      }
      void engine.recover();
      // Several instances: messages another instance accepted, or a dead one claimed, are picked up here.
      if (store.claimInbound) stopClaimWatch = engine.watch(CLAIM_WATCH_MS);
      if (runJobs) jobs.forEach((job) => job.start?.());
      if (options.dispatch !== false) {
        // A start delay exists so tests can hold replies in the outbox (crash tests); 0 in production.
        dispatchTimer = setTimeout(() => dispatcher.start(), config.DISPATCH_START_DELAY_MS);
      }
      log.info({ port, channels: [...channels.keys()] }, 'frontdesk started');
      return port;
    },
    /** Graceful stop: no new intake, finish turns, drain the outbox, close channels and the database. */
    async stop(): Promise<void> {
      if (dispatchTimer) clearTimeout(dispatchTimer);
      stopClaimWatch?.();
      consoleHandle.close();
      streams.close();
      stopWatchingKb?.();
      await metricsServer?.close();
      await http.close();
      if (runJobs) for (const job of jobs) await job.stop?.();
      await engine.stop();
      for (const job of jobs) await job.idle?.();
      await dispatcher.stop();
      // A full disk must not stop the shutdown: what is not sent stays in the outbox for the next start.
      if (options.dispatch !== false) await dispatcher.drainDue().catch((err) => log.warn({ err }, 'outbox not drained at stop'));
      for (const channel of channels.values()) await channel.stop();
      await opened.close();
      log.info('frontdesk stopped');
    },
  };
}
