import type { Agent } from '../store/agent-store';
import type { Ticket } from '../types/ticket';

/** What an agent is doing on a ticket; `left` removes them. */
export type PresenceState = 'viewing' | 'typing' | 'left';

/** One agent on a ticket, as the other consoles show it. */
export type PresenceEntry = { id: string; name: string; state: 'viewing' | 'typing' };

type Held = PresenceEntry & { until: number; typingUntil: number };
type OnTicket = { ticket: Pick<Ticket, 'number' | 'group'>; agents: Map<string, Held> };

/** A console sends `viewing` at least this often while a ticket is open; silence past it means gone. */
export const VIEWING_TTL_MS = 45_000;
/** Typing shows this long after the last keystroke report, then falls back to viewing. */
export const TYPING_TTL_MS = 8_000;

/**
 * Who is viewing or typing on which ticket (collision detection), in memory: it is live state of the
 * consoles connected to this instance, never stored. Every change calls `changed` with the ticket and
 * its agents, and the console's live channel sends it to the agents who may see the ticket.
 */
export class ConsolePresence {
  private readonly tickets = new Map<string, OnTicket>();

  constructor(private readonly changed: (ticket: Pick<Ticket, 'number' | 'group'>, agents: PresenceEntry[]) => void) {}

  /** Record what an agent does on a ticket; returns who is there now. */
  set(ticket: Pick<Ticket, 'number' | 'group'>, agent: Agent, state: PresenceState, nowMs: number): PresenceEntry[] {
    const entry = this.tickets.get(ticket.number) ?? { ticket, agents: new Map<string, Held>() };
    entry.ticket = ticket;
    const before = signature(entry);
    if (state === 'left') entry.agents.delete(agent.id);
    else {
      // A viewing heartbeat does not hide a typing report that is still fresh.
      const typingUntil = state === 'typing' ? nowMs + TYPING_TTL_MS : (entry.agents.get(agent.id)?.typingUntil ?? 0);
      const shown = typingUntil > nowMs ? 'typing' : 'viewing';
      entry.agents.set(agent.id, { id: agent.id, name: agent.name, state: shown, until: nowMs + VIEWING_TTL_MS, typingUntil });
    }
    this.store(entry);
    if (signature(entry) !== before) this.changed(entry.ticket, this.list(entry));
    return this.list(entry);
  }

  /** Who is on a ticket now. */
  on(number: string): PresenceEntry[] {
    const entry = this.tickets.get(number);
    return entry ? this.list(entry) : [];
  }

  /** Drop agents gone silent and end stale typing; tells the consoles about each ticket that changed. */
  sweep(nowMs: number): void {
    for (const entry of [...this.tickets.values()]) {
      const before = signature(entry);
      for (const held of [...entry.agents.values()]) {
        if (held.until <= nowMs) entry.agents.delete(held.id);
        else if (held.state === 'typing' && held.typingUntil <= nowMs) held.state = 'viewing';
      }
      this.store(entry);
      if (signature(entry) !== before) this.changed(entry.ticket, this.list(entry));
    }
  }

  private store(entry: OnTicket): void {
    if (entry.agents.size === 0) this.tickets.delete(entry.ticket.number);
    else this.tickets.set(entry.ticket.number, entry);
  }

  private list(entry: OnTicket): PresenceEntry[] {
    return [...entry.agents.values()].map(({ id, name, state }) => ({ id, name, state })).sort((a, b) => a.id.localeCompare(b.id));
  }
}

function signature(entry: OnTicket): string {
  return [...entry.agents.values()].map((a) => `${a.id}:${a.state}`).sort().join(',');
}
