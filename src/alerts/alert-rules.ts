import fs from 'node:fs';
import { z } from 'zod';
import { ChannelName } from '../types/conversation';
import { Category } from '../types/ticket';
import { ConfigError } from '../errors';
import { SlackChannelId } from '../broadcast/broadcast-types';
import type { NormalAlert } from './alert-batch';
import { GenericMapping } from './generic-mapping';

/** Who hears about an alert's incident at once: nobody, everyone, or people by the alert's category, service or office. */
const BroadcastRule = z.object({
  by: z.enum(['none', 'everyone', 'category', 'service', 'office']).default('none'),
  /** Only people on these channels (all but the terminal when empty). */
  channels: z.array(ChannelName).max(5).default([]),
  /** Also post into these Slack channels. */
  slackChannels: z.array(SlackChannelId).max(20).default([]),
});

/** When an alert makes a major incident, and what happens then. */
export const AlertRule = z.object({
  name: z.string().trim().min(1).max(100),
  /** Labels that must have one of these values (e.g. { "severity": "critical" }). */
  match: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).default({}),
  /** Labels that must be present; the service label always is. */
  require: z.array(z.string()).default([]),
  serviceLabel: z.string().default('service'),
  officeLabel: z.string().default('office'),
  /** The incident's category; else the alert's `category` label when it names one, else "other". */
  category: Category.optional(),
  broadcast: BroadcastRule.default({ by: 'none', channels: [], slackChannels: [] }),
  /** auto: resolve when the alert resolves; ask: propose it to the owner (default: ALERTS_RESOLVE). */
  resolve: z.enum(['auto', 'ask']).optional(),
  /** The agent id who confirms a proposed resolution. */
  owner: z.string().trim().min(1).max(200).optional(),
  /** More words people use for the service ("remote access", "远程"), per service label value, or "*" for every one. */
  keywords: z.record(z.string(), z.array(z.string().trim().min(1).max(100)).max(20)).default({}),
});
export type AlertRule = z.infer<typeof AlertRule>;

/** The shipped rule: critical alerts that name a service open a major incident; no broadcast. */
export const DEFAULT_RULE: AlertRule = AlertRule.parse({ name: 'critical-service', match: { severity: 'critical' } });

/** The ALERTS_RULES_FILE document: rules in order (the first that matches wins) and generic mappings by name. */
export const AlertsFile = z.object({
  rules: z.array(AlertRule).min(1).max(100).default([DEFAULT_RULE]),
  generic: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'name generic mappings in lower case, e.g. uptime-kuma'), GenericMapping).default({}),
});
export type AlertsFile = z.infer<typeof AlertsFile>;

/** Read and validate the rules file, or the defaults when no file is configured. Throws ConfigError naming the problem. */
export function loadAlertsFile(path: string | undefined): AlertsFile {
  if (!path) return AlertsFile.parse({});
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`ALERTS_RULES_FILE ${path}: ${(error as Error).message}`);
  }
  const parsed = AlertsFile.safeParse(json);
  if (!parsed.success) throw new ConfigError(`ALERTS_RULES_FILE ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Whether a rule applies to an alert: every `match` label has an allowed value, every required label (and the service) is there. */
export function ruleMatches(rule: AlertRule, alert: NormalAlert): boolean {
  for (const [label, allowed] of Object.entries(rule.match)) {
    const value = alert.labels[label];
    if (value === undefined || !(Array.isArray(allowed) ? allowed : [allowed]).includes(value)) return false;
  }
  return [...rule.require, rule.serviceLabel].every((label) => (alert.labels[label] ?? '').trim() !== '');
}

/** The first rule that applies to an alert, if any. */
export function firstRule(rules: readonly AlertRule[], alert: NormalAlert): AlertRule | undefined {
  return rules.find((rule) => ruleMatches(rule, alert));
}

/** The category of an alert's incident under a rule. */
export function alertCategory(rule: AlertRule, alert: NormalAlert): Category {
  if (rule.category) return rule.category;
  const label = Category.safeParse((alert.labels.category ?? '').toLowerCase());
  return label.success ? label.data : 'other';
}

/**
 * The service's own words for known-problem matching: the service label, its parts ("payroll-api" → payroll api),
 * the alert's `keywords` label or annotation (comma-separated) and the rule's keywords for that service.
 */
export function alertKeywords(rule: AlertRule, alert: NormalAlert): string[] {
  const service = alert.labels[rule.serviceLabel] ?? '';
  const given = `${alert.labels.keywords ?? ''},${alert.annotations.keywords ?? ''}`.split(/[,，、]/);
  const words = [service, service.replace(/[-_.]+/g, ' '), ...given, ...(rule.keywords[service] ?? []), ...(rule.keywords['*'] ?? [])];
  return [...new Set(words.map((w) => w.trim()).filter(Boolean))];
}
