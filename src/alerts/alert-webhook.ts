import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ValidationError } from '../errors';
import { HttpError, readJson, sendJson } from '../http/body';
import { bearerMatches } from '../http/metrics-endpoint';
import type { HttpRouter } from '../http/router';
import type { AlertBatch } from './alert-batch';
import type { AlertIntake, IntakeOutcome } from './alert-intake';
import { AlertmanagerWebhook, GrafanaWebhook, batchFromWebhook } from './alert-payloads';
import { batchesFromGeneric, type GenericMapping } from './generic-mapping';

/** What the webhook needs: the shared bearer token, the intake, and the generic mappings by name. */
export type AlertWebhookDeps = {
  token: string;
  intake: Pick<AlertIntake, 'handle'>;
  generic: Readonly<Record<string, GenericMapping>>;
};

/** A big Alertmanager group (1,000 alerts with long annotations) is larger than a chat message. */
const MAX_ALERT_BODY = 2 * 1024 * 1024;

const issues = (error: z.ZodError) => error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

/**
 * POST /alerts/alertmanager, /alerts/grafana and /alerts/generic/:name, each only with
 * `Authorization: Bearer <ALERTS_TOKEN>` (Alertmanager's http_config.authorization, Grafana's and the
 * others' custom header). Unauthenticated: 401 before the body is read; unreadable: 400; both logged by the
 * server as refused requests. The answer comes after the notification is handled, so a failure (500) makes
 * the sender retry, and a retry changes nothing.
 */
export function mountAlertWebhook(router: HttpRouter, deps: AlertWebhookDeps): void {
  const route = (parse: (body: unknown, params: Record<string, string>) => AlertBatch[]) =>
    async (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => {
      if (!bearerMatches(String(req.headers.authorization ?? ''), deps.token)) {
        req.resume();
        res.setHeader('www-authenticate', 'Bearer realm="alerts"');
        throw new HttpError(401, 'send Authorization: Bearer <ALERTS_TOKEN>');
      }
      const body = await readJson(req, MAX_ALERT_BODY);
      let batches: AlertBatch[];
      try {
        batches = parse(body, params);
      } catch (error) {
        if (error instanceof ValidationError && !(error instanceof HttpError)) throw new HttpError(400, error.message);
        throw error;
      }
      const outcomes: IntakeOutcome[] = [];
      for (const batch of batches) outcomes.push(await deps.intake.handle(batch));
      sendJson(res, 200, { ok: true, outcomes });
    };

  router.add('POST', '/alerts/alertmanager', route((body) => {
    const parsed = AlertmanagerWebhook.safeParse(body);
    if (!parsed.success) throw new ValidationError(`not an Alertmanager webhook (version 4): ${issues(parsed.error)}`);
    return [batchFromWebhook('alertmanager', parsed.data)];
  }));
  router.add('POST', '/alerts/grafana', route((body) => {
    const parsed = GrafanaWebhook.safeParse(body);
    if (!parsed.success) throw new ValidationError(`not a Grafana alerting webhook: ${issues(parsed.error)}`);
    return [batchFromWebhook('grafana', parsed.data)];
  }));
  router.add('POST', '/alerts/generic/:name', route((body, params) => {
    const mapping = Object.prototype.hasOwnProperty.call(deps.generic, params.name) ? deps.generic[params.name] : undefined;
    if (!mapping) throw new HttpError(404, `no generic alert mapping "${params.name.slice(0, 40)}": add it under "generic" in ALERTS_RULES_FILE`);
    return batchesFromGeneric(params.name, body, mapping);
  }));
}
