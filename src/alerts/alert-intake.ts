import type { BroadcastService } from '../broadcast/broadcast-service';
import type { MajorIncidents } from '../incidents/major-incidents';
import type { Logger } from '../log';
import type { IncidentStore, MajorIncident } from '../store/incident-store';
import type { Store } from '../store/store';
import type { AlertBatch, NormalAlert } from './alert-batch';
import { alertAudience } from './alert-audience';
import type { AlertGroup, AlertGroupStore } from './alert-group-store';
import { alertText } from './alert-messages';
import { alertCategory, alertKeywords, firstRule, type AlertRule } from './alert-rules';
import { AlertResolver } from './alert-resolver';
import { matchKnownProblem } from '../engine/turns/known-problem';

/** What the intake needs: the stores, the major-incident and broadcast services, the rules and the timings. */
export type AlertIntakeOptions = {
  groups: AlertGroupStore;
  incidents: IncidentStore;
  /** Where a proposed resolution is noted on the linked tickets for the agents (absent: the log line only). */
  store?: Store;
  majorIncidents: Pick<MajorIncidents, 'resolveMajorIncident'>;
  /** Null when broadcasts are not available (rules' broadcasts are then skipped with a log line). */
  broadcasts: Pick<BroadcastService, 'post' | 'close' | 'kick' | 'broadcasts'> | null;
  rules: readonly AlertRule[];
  /** How a resolved alert ends its incident when the rule does not say: resolve it, or ask the owner. */
  resolve: 'auto' | 'ask';
  /** Hysteresis: a group must stay resolved this long before its incident is resolved (0: at once). */
  holdMs: number;
  /** At most one broadcast per service in this interval, however often it flaps. */
  minNoticeMs: number;
  clock: () => Date;
  log?: Logger;
};

/** What one notification did to its group. */
export type IntakeOutcome = {
  groupKey: string;
  action: 'ignored' | 'opened' | 'joined' | 'updated' | 'unchanged' | 'resolving' | 'resolved' | 'proposed';
  incident?: string;
  broadcast?: number;
};

const sortedUnique = (values: string[]) => [...new Set(values)].sort();
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Monitoring alerts in: a firing alert a rule matches opens (or joins) a major incident, once per alert group,
 * and may broadcast it; the group's resolution, after a quiet hold, resolves the incident or proposes it to
 * the owner. Notifications are handled one at a time and every step is keyed by the group, so Alertmanager's
 * retries and repeat notifications change nothing.
 */
export class AlertIntake {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly resolver: AlertResolver;

  constructor(private readonly options: AlertIntakeOptions) {
    this.resolver = new AlertResolver(options);
  }

  /** Handle one notification's group. */
  handle(batch: AlertBatch): Promise<IntakeOutcome> {
    return this.serial(() => this.apply(batch));
  }

  /** Finish resolutions whose hold has passed, and close broadcasts of incidents resolved meanwhile (e.g. by the owner). */
  tick(): Promise<IntakeOutcome[]> {
    return this.serial(() => this.resolver.due(this.options.clock()));
  }

  /** Resolves when nothing is running. */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(() => this.options.groups.exclusive(fn));
    this.queue = next;
    return next;
  }

  private async apply(batch: AlertBatch): Promise<IntakeOutcome> {
    const { groups, rules, clock } = this.options;
    const now = clock();
    const groupKey = `${batch.source}|${batch.groupKey}`;
    const matched = batch.alerts.flatMap((alert) => {
      const rule = firstRule(rules, alert);
      return rule ? [{ alert, rule }] : [];
    });
    const firing = matched.filter((m) => m.alert.status === 'firing');
    const group = await groups.get(groupKey);
    if (firing.length > 0) return this.fire(groupKey, batch.source, group, firing, now);
    if (!group) return { groupKey, action: 'ignored' };
    return this.quiet(group, now);
  }

  private async fire(groupKey: string, source: string, group: AlertGroup | null, firing: { alert: NormalAlert; rule: AlertRule }[], now: Date): Promise<IntakeOutcome> {
    const { groups, incidents, log } = this.options;
    const { alert, rule } = firing[0];
    const service = alert.labels[rule.serviceLabel].trim();
    const fingerprints = sortedUnique(firing.map((f) => f.alert.fingerprint));
    const at = now.toISOString();
    // The same episode: still firing, firing again within the hold (a flap), or its incident still open (the
    // owner has not confirmed a proposed resolution). Never a second incident; none reopened by a repeat either.
    const current = group?.majorIncidentId ? await incidents.getMajorIncidentById(group.majorIncidentId) : null;
    if (group && current && (group.status === 'firing' || group.resolvingSince !== null || current.status === 'open')) {
      const incident = current;
      const changed = group.status !== 'firing' || !sameList(group.firing, fingerprints);
      if (group.resolvingSince) log?.info({ majorIncident: incident?.number, service }, 'alert fired again within the resolve hold: the incident stays open, nobody is told');
      if (changed) await groups.save({ ...group, status: 'firing', firing: fingerprints, resolvingSince: null }, at);
      return { groupKey, action: changed ? 'updated' : 'unchanged', incident: incident?.number };
    }
    const other = await groups.openGroupOfService(service, groupKey);
    const joined = other?.majorIncidentId ? await incidents.getMajorIncidentById(other.majorIncidentId) : await this.reported(alert, rule);
    const orphan = joined ? null : await groups.orphanIncidentOf(service);
    const adopted = orphan === null ? null : await incidents.getMajorIncidentById(orphan);
    const incident = joined ?? adopted ?? (await this.open(alert, rule, service, at));
    // Saved before broadcasting: a crash from here on never opens a twin incident (at worst the notice is not posted).
    const saved = { groupKey, source, rule: rule.name, service, status: 'firing' as const, majorIncidentId: incident.id, broadcastId: null,
      firing: fingerprints, resolvingSince: null, lastBroadcastAt: group?.lastBroadcastAt ?? null };
    await groups.save(saved, at);
    if (joined) {
      log?.info({ majorIncident: incident.number, service, source }, 'alert joined the open major incident of its service');
      return { groupKey, action: 'joined', incident: incident.number };
    }
    log?.warn({ majorIncident: incident.number, service, source, rule: rule.name, alerts: fingerprints.length }, 'major incident opened by a monitoring alert');
    const broadcast = await this.broadcast(incident, alert, rule, service, now);
    if (broadcast !== undefined) await groups.save({ ...saved, broadcastId: broadcast, lastBroadcastAt: at }, at);
    return { groupKey, action: 'opened', incident: incident.number, broadcast };
  }

  /**
   * An open incident people's reports made about this service (before the monitoring noticed): the alert joins
   * it rather than opening a twin. Matched like a report is matched to a known problem, on the service's words.
   */
  private async reported(alert: NormalAlert, rule: AlertRule): Promise<MajorIncident | null> {
    const open = (await this.options.incidents.openMajorIncidents()).filter((m) => m.source === 'reports');
    const known = matchKnownProblem(alertKeywords(rule, alert).join(' '), open, alertCategory(rule, alert));
    return open.find((m) => m.id === known?.id) ?? null;
  }

  private async open(alert: NormalAlert, rule: AlertRule, service: string, at: string): Promise<MajorIncident> {
    const summary = alert.annotations.summary ?? alert.annotations.description ?? alert.labels.alertname ?? 'alert';
    const { incident } = await this.options.incidents.createMajorIncident({
      category: alertCategory(rule, alert), title: `${service}: ${summary}`, now: at, source: 'alert',
      keywords: alertKeywords(rule, alert).join(', '), owner: rule.owner,
    }, []);
    return incident;
  }

  /** Post the rule's broadcast unless one about this service went out within the minimum interval; its id. */
  private async broadcast(incident: MajorIncident, alert: NormalAlert, rule: AlertRule, service: string, now: Date): Promise<number | undefined> {
    const { broadcasts, groups, minNoticeMs, log } = this.options;
    const audience = alertAudience(rule, alert);
    if (!audience) {
      if (rule.broadcast.by !== 'none') log?.warn({ majorIncident: incident.number, rule: rule.name, by: rule.broadcast.by }, 'alert broadcast skipped: the alert lacks the label its audience needs');
      return undefined;
    }
    if (!broadcasts) {
      log?.warn({ majorIncident: incident.number }, 'alert broadcast skipped: broadcasts are not available here');
      return undefined;
    }
    const last = await groups.lastBroadcastAt(service);
    if (last && now.getTime() - Date.parse(last) < minNoticeMs) {
      log?.info({ majorIncident: incident.number, service, lastBroadcastAt: last }, 'alert broadcast held back: this service was announced within ALERTS_MIN_NOTICE_MINUTES');
      return undefined;
    }
    const summary = alert.annotations.summary ?? alert.labels.alertname ?? '';
    const text = alertText('broadcast', { service, summary, mi: incident.number });
    try {
      const posted = await broadcasts.post({ text, audience, incident: incident.number }, 'monitoring');
      broadcasts.kick();
      return posted.broadcast.id;
    } catch (error) {
      // The incident stands either way; a refused notice (Slack channels named but Slack off) must not fail the
      // notification, or every retry would find the incident open and the notice would never be tried again anyway.
      log?.error({ err: error, majorIncident: incident.number, rule: rule.name }, 'alert broadcast refused: check the rule\'s broadcast settings');
      return undefined;
    }
  }

  private async quiet(group: AlertGroup, now: Date): Promise<IntakeOutcome> {
    const { groups, holdMs } = this.options;
    if (group.status === 'resolved') return { groupKey: group.groupKey, action: 'unchanged' };
    const resolving = { ...group, status: 'resolved' as const, firing: [], resolvingSince: now.toISOString() };
    await groups.save(resolving, now.toISOString());
    if (holdMs > 0) return { groupKey: group.groupKey, action: 'resolving' };
    return this.resolver.finish(resolving, now);
  }
}
