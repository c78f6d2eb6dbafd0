import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventStream, StreamGate } from '../http/stream-gate';
import type { AgentStore } from '../store/agent-store';
import type { Logger } from '../log';
import type { ConsoleSession } from '../store/agent-store';
import type { Store, TurnResult } from '../store/store';
import type { Ticket } from '../types/ticket';
import { canSee } from '../handoff/agent-permissions';
import type { LiveBus } from '../cluster/live-bus';

type Client = { stream: EventStream; session: ConsoleSession };

/** How often open streams check that their session still exists (password changed, agent disabled). */
const RECHECK_MS = 5_000;

/**
 * Server-sent events to open consoles: a `changed` event with the ticket number whenever a turn or an
 * agent action touches a ticket the agent may see. Pages refetch what they show; no ticket data travels here.
 */
export class ConsoleLive {
  private readonly clients = new Set<Client>();
  private readonly recheck: NodeJS.Timeout;
  private bus: LiveBus | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly gate: StreamGate,
    private readonly sessions: Pick<AgentStore, 'findSession'>,
    private readonly clock: () => Date,
    recheckMs = RECHECK_MS,
  ) {
    // Sessions end elsewhere too (`frontdesk agents passwd|disable|delete` in another process): look again.
    this.recheck = setInterval(() => void this.endInvalid(), recheckMs);
    this.recheck.unref();
  }

  /** Open a stream for a logged-in agent; throws 429/503 past the stream caps (keep-alive and idle timeout by the gate). */
  attach(req: IncomingMessage, res: ServerResponse, session: ConsoleSession): void {
    const stream = this.gate.attach(req, res, `console:${session.tokenHash}`);
    const client = { stream, session };
    this.clients.add(client);
    res.once('close', () => this.clients.delete(client));
  }

  /** End the streams whose session is gone; the others see the agent as it is now (groups may change). */
  async endInvalid(): Promise<void> {
    const now = this.clock().toISOString();
    for (const tokenHash of new Set([...this.clients].map((c) => c.session.tokenHash))) {
      try {
        const current = await this.sessions.findSession(tokenHash, now);
        if (current) for (const client of this.clients) if (client.session.tokenHash === tokenHash) client.session = current;
        if (!current) this.endSession(tokenHash);
      } catch (error) {
        this.log.warn({ err: error }, 'console session check failed');
      }
    }
  }

  /**
   * Several instances: tickets touched here are announced on the bus, and tickets touched on another
   * instance are looked up and announced to the consoles open here. After a gap in the bus, pages refetch.
   */
  share(bus: LiveBus): void {
    this.bus = bus;
    const off = bus.subscribe('console', (data) => void this.changed((data.tickets as number[]) ?? [], [], (data.formerGroups as string[]) ?? []));
    // No ticket named: the page refetches its queue and the ticket it shows (as when its stream opens).
    const offResync = bus.onResync(() => this.sendToAll('event: changed\ndata: {"ticket":null}\n\n'));
    this.unsubscribe = () => (off(), offResync());
  }

  /** Tell consoles about the tickets a committed turn touched. */
  async committed(result: TurnResult, extra: Ticket[] = [], formerGroups: string[] = []): Promise<void> {
    const ids = new Set<number>(extra.map((t) => t.id));
    if (result.openedTicket) ids.add(result.openedTicket.id);
    if (result.conversation.ticketId !== null) ids.add(result.conversation.ticketId);
    if (ids.size > 0) this.bus?.publish('console', { tickets: [...ids], formerGroups }).catch((err) => this.log.warn({ err }, 'console change not announced to other instances'));
    await this.changed([...ids], extra, formerGroups);
  }

  private sendToAll(event: string): void {
    for (const client of this.clients) client.stream.send(event);
  }

  private async changed(ids: number[], extra: Ticket[], formerGroups: string[]): Promise<void> {
    try {
      for (const id of ids) {
        const ticket = extra.find((t) => t.id === id) ?? (await this.store.getTicket(id));
        if (ticket) this.notify(ticket, formerGroups);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'console live update failed');
    }
  }

  /** Send `changed` to every console allowed to see the ticket (now, or in a group it just left). */
  notify(ticket: Ticket, formerGroups: string[] = []): void {
    const data = JSON.stringify({ ticket: ticket.number, status: ticket.status });
    for (const client of this.clients) {
      const { agent } = client.session;
      if (canSee(agent, ticket) || formerGroups.some((g) => agent.groups.includes(g))) client.stream.send(`event: changed\ndata: ${data}\n\n`);
    }
  }

  /** Send any other event (presence) to every console allowed to see the ticket. */
  broadcast(ticket: Pick<Ticket, 'group'>, event: string, data: unknown): void {
    const line = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients) if (canSee(client.session.agent, ticket)) client.stream.send(line);
  }

  /** Close the streams of a session that logged out. */
  endSession(tokenHash: string): void {
    for (const client of this.clients) {
      if (client.session.tokenHash === tokenHash) {
        client.stream.end();
        this.clients.delete(client);
      }
    }
  }

  /** Close every stream (shutdown). */
  close(): void {
    clearInterval(this.recheck);
    this.unsubscribe?.();
    for (const client of this.clients) client.stream.end();
    this.clients.clear();
  }
}
