import type { BroadcastService } from '../broadcast/broadcast-service';
import type { Config } from '../config';
import type { HttpRouter } from '../http/router';
import type { MajorIncidents } from '../incidents/major-incidents';
import type { Logger } from '../log';
import type { IncidentStore } from '../store/incident-store';
import type { Store } from '../store/store';
import type { AlertGroupStore } from './alert-group-store';
import { AlertIntake } from './alert-intake';
import type { AlertsFile } from './alert-rules';
import { mountAlertWebhook } from './alert-webhook';

/** What the alert intake is wired to. */
export type AlertsDeps = {
  config: Config;
  /** The rules file, read before anything else starts (a mistake in it stops start-up with one line). */
  file: AlertsFile;
  store: Store;
  incidents: IncidentStore;
  /** Alert groups (CoreStores.alertGroups). */
  groups: AlertGroupStore;
  majorIncidents: MajorIncidents;
  broadcasts: BroadcastService | null;
  clock: () => Date;
  log: Logger;
};

/**
 * Monitoring alerts in, when ALERTS_TOKEN is set: the webhook routes and a background job that finishes held
 * resolutions (every few seconds, at most every half hold). Null when alerts are off.
 */
export function mountAlerts(router: HttpRouter, deps: AlertsDeps): { intake: AlertIntake; start(): void; stop(): Promise<void>; idle(): Promise<void> } | null {
  const { config, log } = deps;
  if (!config.ALERTS_TOKEN) return null;
  const { file } = deps;
  const holdMs = config.ALERTS_RESOLVE_HOLD_SECONDS * 1000;
  const intake = new AlertIntake({
    groups: deps.groups, incidents: deps.incidents, store: deps.store, majorIncidents: deps.majorIncidents, broadcasts: deps.broadcasts,
    rules: file.rules, resolve: config.ALERTS_RESOLVE, holdMs, minNoticeMs: config.ALERTS_MIN_NOTICE_MINUTES * 60_000, clock: deps.clock, log,
  });
  mountAlertWebhook(router, { token: config.ALERTS_TOKEN, intake, generic: file.generic });
  log.info({ rules: file.rules.map((r) => r.name), generic: Object.keys(file.generic) }, 'monitoring alerts accepted at /alerts/*');
  let timer: NodeJS.Timeout | null = null;
  const tickMs = Math.min(15_000, Math.max(1000, holdMs / 2));
  return {
    intake,
    start() {
      timer = setInterval(() => void intake.tick().catch((err: unknown) => log.error({ err }, 'alert resolution check failed')), tickMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await intake.idle();
    },
    idle: () => intake.idle(),
  };
}
