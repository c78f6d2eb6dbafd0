import type { IncomingMessage } from 'node:http';
import { sendJson } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { ConsoleSession } from '../store/agent-store';
import type { IncidentStore, MajorIncident } from '../store/incident-store';
import type { Ticket } from '../types/ticket';

/** The major incidents the console reads: the open ones to link to, and the one a ticket follows. */
export type ConsoleIncidents = Pick<IncidentStore, 'openMajorIncidents' | 'getMajorIncidentById'>;

/** What a ticket view says of the major incident its ticket follows. */
export type IncidentSummary = Pick<MajorIncident, 'number' | 'title' | 'status' | 'category'>;

/** GET /console/api/incidents: the open major incidents, oldest first, for the link pickers (ticket pane and bulk bar). */
export function mountIncidentRoutes(
  router: HttpRouter, deps: { auth: { require(req: IncomingMessage): Promise<ConsoleSession> }; incidents: ConsoleIncidents },
): void {
  router.add('GET', '/console/api/incidents', async (req, res) => {
    await deps.auth.require(req);
    const open = await deps.incidents.openMajorIncidents();
    sendJson(res, 200, { incidents: open.map(summary) });
  });
}

/** The major incident `ticket` follows, if any. */
export async function ticketIncident(incidents: ConsoleIncidents | undefined, ticket: Ticket): Promise<IncidentSummary | null> {
  if (!incidents || ticket.majorIncidentId === null) return null;
  const found = await incidents.getMajorIncidentById(ticket.majorIncidentId);
  return found && summary(found);
}

const summary = (m: MajorIncident): IncidentSummary => ({ number: m.number, title: m.title, status: m.status, category: m.category });
