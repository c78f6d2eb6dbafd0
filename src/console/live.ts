import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../http/body';
import type { Logger } from '../log';
import type { ConsoleSession } from '../store/agent-store';
import type { Store, TurnResult } from '../store/store';
import type { Ticket } from '../types/ticket';
import { canSee } from '../handoff/agent-permissions';

type Client = { res: ServerResponse; session: ConsoleSession };

const KEEPALIVE_MS = 20_000;
const MAX_STREAMS_PER_SESSION = 5;

/**
 * Server-sent events to open consoles: a `changed` event with the ticket number whenever a turn or an
 * agent action touches a ticket the agent may see. Pages refetch what they show; no ticket data travels here.
 */
export class ConsoleLive {
  private readonly clients = new Set<Client>();
  private readonly keepalive: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {
    // Proxies drop idle streams; a comment line every 20 s keeps them open.
    this.keepalive = setInterval(() => this.clients.forEach((c) => c.res.write(': ping\n\n')), KEEPALIVE_MS);
    this.keepalive.unref();
  }

  /** Open a stream for a logged-in agent. */
  attach(req: IncomingMessage, res: ServerResponse, session: ConsoleSession): boolean {
    const open = [...this.clients].filter((c) => c.session.tokenHash === session.tokenHash).length;
    if (open >= MAX_STREAMS_PER_SESSION) return false;
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const client = { res, session };
    this.clients.add(client);
    req.on('close', () => this.clients.delete(client));
    return true;
  }

  /** Tell consoles about the tickets a committed turn touched. */
  async committed(result: TurnResult, extra: Ticket[] = [], formerGroups: string[] = []): Promise<void> {
    const ids = new Set<number>(extra.map((t) => t.id));
    if (result.openedTicket) ids.add(result.openedTicket.id);
    if (result.conversation.ticketId !== null) ids.add(result.conversation.ticketId);
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
      if (canSee(agent, ticket) || formerGroups.some((g) => agent.groups.includes(g))) client.res.write(`event: changed\ndata: ${data}\n\n`);
    }
  }

  /** Close the streams of a session that logged out. */
  endSession(tokenHash: string): void {
    for (const client of this.clients) {
      if (client.session.tokenHash === tokenHash) {
        client.res.end();
        this.clients.delete(client);
      }
    }
  }

  /** Close every stream (shutdown). */
  close(): void {
    clearInterval(this.keepalive);
    for (const client of this.clients) client.res.end();
    this.clients.clear();
  }
}
