import type { AlertIntakeOptions, IntakeOutcome } from './alert-intake';
import type { AlertGroup } from './alert-group-store';
import { alertText } from './alert-messages';
import { commitOnTicket, hasEvent } from '../tickets/ticket-turn';

/**
 * The end of an alert's incident: once its group has been quiet for the hold, resolve the incident (telling
 * the linked reporters with the major incident's own resolve notice) or propose it to the owner; close the
 * broadcast with a follow-up to everyone it reached except those linked reporters. Every step checks what is
 * already done, so running it again (after a crash, or on the next tick) changes nothing.
 */
export class AlertResolver {
  constructor(private readonly options: AlertIntakeOptions) {}

  /** Groups whose hold has passed, finished now; then broadcasts of incidents resolved some other way. */
  async due(now: Date): Promise<IntakeOutcome[]> {
    const before = new Date(now.getTime() - this.options.holdMs).toISOString();
    const outcomes: IntakeOutcome[] = [];
    for (const group of await this.options.groups.dueResolutions(before)) outcomes.push(await this.finish(group, now));
    for (const group of await this.options.groups.activeBroadcastsOfResolvedIncidents()) await this.closeBroadcast(group);
    return outcomes;
  }

  /** Resolve or propose the incident of a group that stopped firing. */
  async finish(group: AlertGroup, now: Date): Promise<IntakeOutcome> {
    const { groups, incidents, majorIncidents, rules, log } = this.options;
    const at = now.toISOString();
    const done = { ...group, resolvingSince: null };
    const incident = group.majorIncidentId === null ? null : await incidents.getMajorIncidentById(group.majorIncidentId);
    if (!incident || incident.status === 'resolved' || (await groups.incidentFiring(incident.id))) {
      // Resolved already (by hand, or a crash after resolving), or another group of the service still fires.
      await groups.save(done, at);
      await this.closeBroadcast(done);
      return { groupKey: group.groupKey, action: 'unchanged', incident: incident?.number };
    }
    const rule = rules.find((r) => r.name === group.rule);
    const mode = rule?.resolve ?? this.options.resolve;
    const resolution = alertText('resolution', { service: group.service }, ' / ');
    if (mode === 'ask') {
      await incidents.proposeResolution(incident.id, resolution, at);
      await this.noteProposal(incident.id, incident.number, incident.owner, resolution, now);
      await groups.save(done, at);
      log?.warn({ majorIncident: incident.number, owner: incident.owner }, `monitoring proposes resolving the major incident: confirm with "frontdesk incidents resolve ${incident.number}"`);
      return { groupKey: group.groupKey, action: 'proposed', incident: incident.number };
    }
    const { notified } = await majorIncidents.resolveMajorIncident(incident.number, resolution, now);
    await groups.save(done, at);
    await this.closeBroadcast(done);
    log?.info({ majorIncident: incident.number, notified: notified.length }, 'major incident resolved by its monitoring alert');
    return { groupKey: group.groupKey, action: 'resolved', incident: incident.number };
  }

  /** An audit event on each linked ticket, so the agents who have them see the proposal in the console (once per ticket). */
  private async noteProposal(incidentId: number, number: string, owner: string | null, resolution: string, now: Date): Promise<void> {
    const { store, incidents } = this.options;
    if (!store) return;
    for (const ticket of await incidents.linkedTickets(incidentId)) {
      await commitOnTicket(store, ticket.id, 'monitoring', now, (ctx) => (hasEvent(ctx.events, 'major_incident_resolution_proposed', { majorIncident: number })
        ? null
        : { events: [{ kind: 'major_incident_resolution_proposed', data: { majorIncident: number, resolution, owner } }] }));
    }
  }

  private async closeBroadcast(group: AlertGroup): Promise<void> {
    const { broadcasts, incidents } = this.options;
    if (!broadcasts || group.broadcastId === null || group.majorIncidentId === null) return;
    if ((await broadcasts.broadcasts.get(group.broadcastId))?.status !== 'active') return;
    const incident = await incidents.getMajorIncidentById(group.majorIncidentId);
    if (!incident || incident.status !== 'resolved') return;
    const linked = (await incidents.linkedTickets(incident.id)).map((t) => t.requesterId);
    await broadcasts.close(group.broadcastId, alertText('followUp', { service: group.service, mi: incident.number }), 'monitoring', { exceptUserIds: linked });
    broadcasts.kick();
  }
}
