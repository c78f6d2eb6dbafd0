import { z } from 'zod';
import { ValidationError } from '../errors';
import { labelsFingerprint, type AlertBatch, type NormalAlert } from './alert-batch';

/** A field path ("monitor.name", "alerts.0.status") or, starting with "=", a constant ("=critical"). */
const FieldPath = z.string().trim().min(1).max(200);

/**
 * How to read alerts from a monitoring tool without a format of its own here (Zabbix, Uptime Kuma, ...):
 * where the status is and which values mean firing or resolved, which fields become labels and annotations.
 */
export const GenericMapping = z.object({
  /** Path of an array of alerts; absent when the body is one alert. Other paths are then relative to each alert. */
  alerts: FieldPath.optional(),
  status: FieldPath,
  firing: z.array(z.string().min(1)).min(1),
  resolved: z.array(z.string().min(1)).min(1),
  labels: z.record(z.string().min(1).max(100), FieldPath),
  annotations: z.record(z.string().min(1).max(100), FieldPath).default({}),
  /** Path of the group key; by default the alert's service label, so one service is one group. */
  groupKey: FieldPath.optional(),
  fingerprint: FieldPath.optional(),
});
export type GenericMapping = z.infer<typeof GenericMapping>;

/** The value at `path` as a string, or undefined when absent or not a scalar. */
export function readPath(value: unknown, path: string): string | undefined {
  if (path.startsWith('=')) return path.slice(1);
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  if (typeof current === 'string') return current;
  if (typeof current === 'number' || typeof current === 'boolean') return String(current);
  return undefined;
}

function mapOne(item: unknown, mapping: GenericMapping, index: number): NormalAlert & { groupKey?: string } {
  const raw = readPath(item, mapping.status);
  const where = mapping.alerts ? `${mapping.alerts}.${index}.` : '';
  if (raw === undefined) throw new ValidationError(`${where}${mapping.status}: the status field is missing`);
  const value = raw.trim().toLowerCase();
  const status = mapping.firing.some((v) => v.toLowerCase() === value) ? 'firing' : mapping.resolved.some((v) => v.toLowerCase() === value) ? 'resolved' : null;
  if (!status) throw new ValidationError(`${where}${mapping.status}: "${raw.slice(0, 40)}" is neither a firing (${mapping.firing.join(', ')}) nor a resolved (${mapping.resolved.join(', ')}) value`);
  const pick = (fields: Record<string, string>) => {
    const out: Record<string, string> = {};
    for (const [name, path] of Object.entries(fields)) {
      const v = readPath(item, path);
      if (v !== undefined && v.trim() !== '') out[name] = v.trim().slice(0, 2000);
    }
    return out;
  };
  const labels = pick(mapping.labels);
  const fingerprint = (mapping.fingerprint && readPath(item, mapping.fingerprint)) || labelsFingerprint(labels);
  const groupKey = mapping.groupKey ? readPath(item, mapping.groupKey) : labels.service;
  return { fingerprint, status, labels, annotations: pick(mapping.annotations), groupKey };
}

/** Read a generic JSON notification with `mapping`; one batch per group key. Throws ValidationError on a body the mapping cannot read. */
export function batchesFromGeneric(name: string, body: unknown, mapping: GenericMapping): AlertBatch[] {
  let items: unknown[] = [body];
  if (mapping.alerts) {
    const list = mapping.alerts.split('.').reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined), body);
    if (!Array.isArray(list) || list.length === 0) throw new ValidationError(`${mapping.alerts}: expected a non-empty array of alerts`);
    if (list.length > 1000) throw new ValidationError(`${mapping.alerts}: at most 1000 alerts per notification`);
    items = list;
  }
  const groups = new Map<string, NormalAlert[]>();
  items.forEach((item, index) => {
    const { groupKey, ...alert } = mapOne(item, mapping, index);
    const key = groupKey ?? alert.labels.alertname ?? alert.fingerprint;
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  });
  return [...groups].map(([groupKey, alerts]) => ({ source: `generic:${name}`, groupKey, alerts }));
}
