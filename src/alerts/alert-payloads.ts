import { z } from 'zod';
import { labelsFingerprint, type AlertBatch } from './alert-batch';

const Labels = z.record(z.string().max(200), z.string().max(2000)).refine((r) => Object.keys(r).length <= 100, 'at most 100 labels');
const Status = z.enum(['firing', 'resolved']);

/** One alert of Alertmanager's and Grafana's webhooks (Grafana adds fields we do not need). */
const WebhookAlert = z.object({
  status: Status,
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: z.string().max(64).optional(),
  endsAt: z.string().max(64).optional(),
  generatorURL: z.string().max(4000).optional(),
  fingerprint: z.string().max(200).optional(),
});

const groupFields = {
  groupKey: z.string().min(1).max(4000),
  status: Status,
  receiver: z.string().max(200),
  groupLabels: Labels.default({}),
  commonLabels: Labels.default({}),
  commonAnnotations: Labels.default({}),
  externalURL: z.string().max(4000).optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  alerts: z.array(WebhookAlert).min(1).max(1000),
};

/** Prometheus Alertmanager's webhook body, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export const AlertmanagerWebhook = z.object({ version: z.literal('4'), ...groupFields });

/** Grafana alerting's webhook contact point: Alertmanager's shape with version "1" and its own extras (title, state, message). */
export const GrafanaWebhook = z.object({ version: z.string().max(10).optional(), orgId: z.number().optional(), title: z.string().max(2000).optional(), ...groupFields });

/** A parsed Alertmanager or Grafana notification as an AlertBatch. */
export function batchFromWebhook(source: 'alertmanager' | 'grafana', body: z.infer<typeof AlertmanagerWebhook> | z.infer<typeof GrafanaWebhook>): AlertBatch {
  return {
    source,
    groupKey: body.groupKey,
    alerts: body.alerts.map((a) => ({
      fingerprint: a.fingerprint || labelsFingerprint(a.labels),
      status: a.status,
      // Common labels fill gaps only: an alert's own label always wins.
      labels: { ...body.commonLabels, ...a.labels },
      annotations: { ...body.commonAnnotations, ...a.annotations },
    })),
  };
}
