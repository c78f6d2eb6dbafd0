import type { Engine } from '../engine/engine';
import { NotFoundError, ValidationError } from '../errors';
import { TicketStateError } from '../handoff/agent-permissions';
import type { Logger } from '../log';
import { commitOnTicket } from '../tickets/ticket-turn';
import type { IncidentStore, MajorIncident, TicketLink } from '../store/incident-store';
import type { Store, TurnResult, User } from '../store/store';
import { computeDueTimes, SlaConfig } from '../tickets/sla';
import type { Priority, Ticket } from '../types/ticket';
import { distinctReporters, higherPriority, majorIncidentPriority, reportText, similarTickets } from './clustering';
import { linkPlan, resolvePlan } from './notices';
import { isSimilar, reportTerms } from './similarity';

/** Settings of the detector; every number has a default. */
export type MajorIncidentOptions = {
  store: Store;
  incidents: IncidentStore;
  /** SLA targets, to move due times forward when a ticket's priority is raised. */
  sla?: SlaConfig;
  engine?: Pick<Engine, 'events'>;
  log?: Logger;
  /** Distinct reporters that make a major incident; default 3. */
  thresholdUsers?: number;
  /** How far back similar reports count; default 30 minutes. */
  windowMs?: number;
  /** Cosine of report terms at which two reports are the same problem; default 0.3 (see similarity.ts). */
  similarity?: number;
  /**
   * Awaited before each detection (the app passes the ingress gate): platforms' acknowledgements go first,
   * and a burst of new tickets is looked at one by one between requests, not in one long run of work.
   */
  pause?: () => Promise<void>;
};

/** What a new ticket caused: a new major incident, or joining an open one. */
export type DetectionOutcome = { action: 'opened' | 'joined'; incident: MajorIncident; linked: string[] };

const MAX_RESOLUTION = 4000;

/** Recent open tickets a new report is compared with when looking for a new major incident. */
const MAX_CANDIDATES = 200;

/**
 * Major incidents: clusters of similar incident reports by several people in one category within a
 * short window. Reporters are told on their own conversation when their ticket is linked and when the
 * incident is fixed; agents see `major_incident_opened` / `_linked` events and the tickets in their queue.
 * Calls run one at a time, so two reports arriving together cannot open two incidents.
 */
export class MajorIncidents {
  private readonly sla: SlaConfig;
  private readonly thresholdUsers: number;
  private readonly windowMs: number;
  private readonly threshold: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: MajorIncidentOptions) {
    this.sla = options.sla ?? SlaConfig.parse({});
    this.thresholdUsers = options.thresholdUsers ?? 3;
    this.windowMs = options.windowMs ?? 30 * 60_000;
    this.threshold = options.similarity ?? 0.3;
    if (!Number.isInteger(this.thresholdUsers) || this.thresholdUsers < 2) throw new Error(`major incident threshold must be a whole number of users, at least 2 (got ${this.thresholdUsers})`);
    if (!(this.windowMs > 0)) throw new Error(`major incident window must be a positive number of milliseconds (got ${this.windowMs})`);
    if (!(this.threshold > 0 && this.threshold <= 1)) throw new Error(`major incident similarity must be in (0, 1] (got ${this.threshold}), e.g. 0.3`);
  }

  /** Look at a newly opened ticket: join it to an open similar major incident, or open one if enough people report it. */
  onTicketOpened(ticket: Ticket, now: Date): Promise<DetectionOutcome | null> {
    return this.serial(async () => {
      await this.options.pause?.();
      return this.detect(ticket, now);
    });
  }

  /** Resolve a major incident and its tickets, telling every linked reporter on their own channel. Running it again finishes what a crash left. */
  resolveMajorIncident(number: string, resolution: string, now: Date): Promise<{ incident: MajorIncident; notified: string[] }> {
    return this.serial(() => this.resolve(number, resolution, now));
  }

  /**
   * An agent links a ticket to an open major incident (the console): raised to the incident's priority like a
   * detected report, its reporter told it is a known problem, the link event naming the agent. The incident's
   * resolution then resolves it with the others. The caller checks the agent's rights and emits the turn.
   */
  linkByAgent(number: string, ticketId: number, agent: { id: string; name: string }, now: Date): Promise<{ incident: MajorIncident; result: TurnResult | null }> {
    return this.serial(async () => {
      const { store, incidents, log } = this.options;
      const incident = await incidents.getMajorIncident(number.toUpperCase());
      if (!incident || incident.status !== 'open') throw new NotFoundError(`no open major incident ${number}: choose one from the list`);
      const ticket = await store.getTicket(ticketId);
      if (!ticket) throw new NotFoundError(`ticket ${ticketId} is missing`);
      if (ticket.majorIncidentId !== null) throw new TicketStateError(`${ticket.number} is linked to a major incident already`);
      const target = (await incidents.linkedTickets(incident.id)).reduce((p, m) => higherPriority(p, m.priority), ticket.priority);
      const linked = await incidents.linkTickets(incident.id, [this.link(ticket, target)], now.toISOString());
      if (linked.length === 0) throw new TicketStateError(`${ticket.number} was linked to a major incident meanwhile`);
      log?.info({ majorIncident: incident.number, ticket: ticket.number, agent: agent.id }, 'agent linked a ticket to a major incident');
      const [user, recent] = await Promise.all([store.getUser(ticket.requesterId), store.ticketsForUser(ticket.requesterId, 6)]);
      const result = await commitOnTicket(store, ticket.id, `agent:${agent.id}`, now, (ctx) => linkPlan(ctx, {
        incident, priorityFrom: ticket.priority, user, recent, now: now.toISOString(), by: agent.name,
      }));
      return { incident, result };
    });
  }

  /** Tell linked reporters of open incidents who were not told yet (after a crash between linking and telling). */
  catchUp(now: Date): Promise<string[]> {
    return this.serial(async () => {
      const told: string[] = [];
      for (const incident of await this.options.incidents.openMajorIncidents()) {
        const tickets = await this.options.incidents.linkedTickets(incident.id);
        told.push(...(await this.tell(incident, tickets, new Map(tickets.map((t) => [t.id, t.priority])), null, now)));
      }
      return told;
    });
  }

  /** Resolves when no detection or resolution is running (call before closing the store). */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(fn);
    this.queue = next;
    return next;
  }

  private async detect(opened: Ticket, now: Date): Promise<DetectionOutcome | null> {
    const { store, incidents, log } = this.options;
    const ticket = await store.getTicket(opened.id);
    if (!ticket || ticket.type !== 'incident' || ticket.majorIncidentId !== null) return null;
    const terms = reportTerms(reportText(ticket));
    for (const incident of await incidents.openMajorIncidents(ticket.category)) {
      const members = await incidents.linkedTickets(incident.id);
      const alike = isSimilar(terms, reportTerms(incident.title), this.threshold)
        || members.some((m) => isSimilar(terms, reportTerms(reportText(m)), this.threshold));
      if (!alike) continue;
      const target = members.reduce((p, m) => higherPriority(p, m.priority), majorIncidentPriority([ticket]));
      const linked = await incidents.linkTickets(incident.id, [this.link(ticket, target)], now.toISOString());
      if (linked.length === 0) return null;
      log?.info({ majorIncident: incident.number, ticket: ticket.number }, 'ticket joined a major incident');
      await this.tell(incident, await this.reload(linked), new Map([[ticket.id, ticket.priority]]), null, now);
      return { action: 'joined', incident, linked: [ticket.number] };
    }
    const since = new Date(Date.parse(ticket.createdAt) - this.windowMs).toISOString();
    // Counting first: loading every open ticket of the category for each new ticket grew with the table.
    if ((await incidents.countRecentUnlinked(ticket.category, since, ticket.createdAt)) + 1 < this.thresholdUsers) return null;
    // The newest reports only: during a storm of unrelated tickets, comparing with every one grew with the storm.
    const candidates = (await incidents.recentOpenIncidents(ticket.category, since, MAX_CANDIDATES)).filter((t) => t.majorIncidentId === null && t.createdAt <= ticket.createdAt);
    if (candidates.length + 1 < this.thresholdUsers) return null;
    const cluster = similarTickets(ticket, candidates, this.threshold);
    // Distinct reporters never outnumber the tickets: skip the profile look-ups when they cannot reach it.
    if (cluster.length < this.thresholdUsers) return null;
    const users = await this.users(cluster);
    const reporters = distinctReporters(cluster, users);
    if (reporters < this.thresholdUsers) return null;
    const target = majorIncidentPriority(cluster);
    const { incident, linked } = await incidents.createMajorIncident(
      { category: ticket.category, title: cluster[0].summary, now: now.toISOString() },
      cluster.map((t) => this.link(t, target)),
    );
    log?.warn({ majorIncident: incident.number, category: incident.category, tickets: cluster.map((t) => t.number), reporters }, 'major incident opened');
    const tickets = await this.reload(linked);
    const before = new Map(cluster.map((t) => [t.id, t.priority]));
    await this.tell(incident, tickets, before, { tickets: tickets.map((t) => t.number), reporters }, now);
    return { action: 'opened', incident, linked: tickets.map((t) => t.number) };
  }

  /** The link of a ticket raised to `target` (never lowered), its due times moved forward to match. */
  private link(ticket: Ticket, target: Priority): TicketLink {
    const priority = higherPriority(ticket.priority, target);
    if (priority === ticket.priority) return { ticketId: ticket.id };
    const due = computeDueTimes(priority, ticket.createdAt, this.sla);
    const earlier = (a: string, b: string) => (a < b ? a : b);
    return { ticketId: ticket.id, priority, responseDueAt: earlier(ticket.responseDueAt, due.responseDueAt), resolveDueAt: earlier(ticket.resolveDueAt, due.resolveDueAt) };
  }

  private async reload(ids: number[]): Promise<Ticket[]> {
    const tickets = await Promise.all(ids.map((id) => this.options.store.getTicket(id)));
    return tickets.filter((t): t is Ticket => t !== null);
  }

  private async users(tickets: Ticket[]): Promise<Map<number, User | null>> {
    const ids = [...new Set(tickets.map((t) => t.requesterId))];
    return new Map(await Promise.all(ids.map(async (id) => [id, await this.options.store.getUser(id)] as const)));
  }

  /** Commit the link notice on each ticket's conversation; returns the numbers told now. */
  private async tell(incident: MajorIncident, tickets: Ticket[], before: Map<number, Priority>, opened: { tickets: string[]; reporters: number } | null, now: Date): Promise<string[]> {
    const { store, log } = this.options;
    const told: string[] = [];
    for (const ticket of tickets) {
      try {
        const user = await store.getUser(ticket.requesterId);
        const recent = await store.ticketsForUser(ticket.requesterId, 6);
        const result = await commitOnTicket(store, ticket.id, 'major_incident', now, (ctx) => linkPlan(ctx, {
          incident, opened: opened ?? undefined, priorityFrom: before.get(ticket.id) ?? ticket.priority, user, recent, now: now.toISOString(),
        }));
        if (result) told.push(ticket.number);
        this.announce(result);
      } catch (error) {
        // The link is stored; catchUp() tells this reporter later.
        log?.error({ err: error, ticket: ticket.number, majorIncident: incident.number }, 'could not tell a major incident reporter');
      }
    }
    return told;
  }

  private async resolve(number: string, resolution: string, now: Date): Promise<{ incident: MajorIncident; notified: string[] }> {
    const { incidents, store, log } = this.options;
    const text = resolution.trim();
    if (!text || text.length > MAX_RESOLUTION) throw new ValidationError(`resolution: write 1 to ${MAX_RESOLUTION} characters telling the users what was fixed`);
    const found = await incidents.getMajorIncident(number);
    if (!found) throw new NotFoundError(`no major incident ${number}: list them with "frontdesk incidents list"`);
    const incident = await incidents.markResolved(found.id, text, now.toISOString());
    const notified: string[] = [];
    for (const ticket of await incidents.linkedTickets(incident.id)) {
      const result = await commitOnTicket(store, ticket.id, 'major_incident', now, (ctx) => resolvePlan(ctx, incident, now.toISOString()));
      if (result) notified.push(ticket.number);
      this.announce(result);
    }
    log?.info({ majorIncident: incident.number, notified }, 'major incident resolved');
    return { incident, notified };
  }

  /** List major incidents, newest first, with their ticket counts. */
  list(limit = 50): ReturnType<IncidentStore['listMajorIncidents']> {
    return this.options.incidents.listMajorIncidents(limit);
  }

  private announce(result: TurnResult | null): void {
    if (result) this.options.engine?.events.emit('committed', result);
  }
}
