import { createHash } from 'node:crypto';

/** One alert as every source maps it: firing or resolved, its labels and annotations, a stable identity. */
export type NormalAlert = {
  /** Stable per alert (Alertmanager's fingerprint, or a hash of the labels). */
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
};

/** One notification: the alerts of one group, as the monitoring sent them. */
export type AlertBatch = {
  /** 'alertmanager', 'grafana' or 'generic:<mapping>'. */
  source: string;
  /** The group's key: a repeated or retried notification of the group carries the same one. */
  groupKey: string;
  alerts: NormalAlert[];
};

/** A fingerprint for sources that send none: the sorted labels, hashed (the same alert always gets the same one). */
export function labelsFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels).sort().map((k) => [k, labels[k]]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}
