import fs from 'node:fs';
import path from 'node:path';
import type { AppOptions } from '../../../src/app';
import type { ChannelAdapter } from '../../../src/types/channel';
import type { ChannelName, OutboundMessage } from '../../../src/types/conversation';
import { startTestApp, tempDir } from '../../helpers/test-app';

/** The token tests give Alertmanager and the webhook. */
export const ALERT_TOKEN = 'alert-token-0123456789abcdef';

/** A channel that records what the dispatcher sends, per user. */
export function recordingChannel(name: ChannelName) {
  const sent: { userId: string; text: string }[] = [];
  const channel: ChannelAdapter = {
    name,
    capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' },
    start: async () => {},
    stop: async () => {},
    send: async (ref, message: OutboundMessage) => {
      sent.push({ userId: ref.userId, text: 'text' in message ? String(message.text) : '' });
    },
  };
  const to = (user: string) => sent.filter((s) => s.userId === user).map((s) => s.text);
  return { channel, sent, to };
}

/** The rules file the alert tests use: critical alerts with a service, broadcast to everyone on the web chat. */
export const TEST_RULES = {
  rules: [{
    name: 'critical-service', match: { severity: 'critical' }, category: 'software',
    broadcast: { by: 'everyone', channels: ['webchat'] }, keywords: { payroll: ['工资系统'] },
  }],
  generic: {
    'uptime-kuma': {
      status: 'heartbeat.status', firing: ['0'], resolved: ['1'],
      labels: { service: 'monitor.name', severity: '=critical' }, annotations: { summary: 'heartbeat.msg' }, fingerprint: 'monitor.id',
    },
  },
};

/** A Frontdesk with alerts on, a recording web chat, a rules file; extra env wins. */
export async function startAlertApp(env: Record<string, string> = {}, options: AppOptions = {}, rules: unknown = TEST_RULES) {
  const web = recordingChannel('webchat');
  const rulesDir = tempDir('fd-alert-rules-');
  const rulesFile = path.join(rulesDir.dir, 'alerts-rules.json');
  fs.writeFileSync(rulesFile, JSON.stringify(rules));
  const t = await startTestApp({
    ALERTS_TOKEN: ALERT_TOKEN, ALERTS_RULES_FILE: rulesFile, ALERTS_RESOLVE_HOLD_SECONDS: '0', ...env,
  }, { channels: [web.channel], ...options });
  const say = (user: string, n: number, text: string) =>
    t.app.engine.receive({ ref: { channel: 'webchat', conversationId: `web:${user}`, userId: user }, platformMessageId: `${user}-${n}`, text });
  const count = (sql: string) => Number((t.app.sqliteStore().db.prepare(sql).get() as { n: number }).n);
  return { ...t, web, say, count, stop: async () => { await t.stop(); rulesDir.cleanup(); } };
}

/** POST a JSON body to the app's alert webhook with the test token (or the given Authorization header). */
export async function postAlert(url: string, path: string, body: unknown, authorization: string | null = `Bearer ${ALERT_TOKEN}`) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== null) headers.authorization = authorization;
  const res = await fetch(`${url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as { outcomes?: { action: string; incident?: string; broadcast?: number }[]; error?: string } | null, headers: res.headers };
}

/** An Alertmanager v4 notification of one alert in a group keyed by its service. */
export function amBody(status: 'firing' | 'resolved', labels: Record<string, string>, summary = 'it is down') {
  return {
    receiver: 'frontdesk', status, version: '4', groupKey: `{}:{service="${labels.service}"}`, truncatedAlerts: 0, externalURL: 'http://am:9093',
    groupLabels: { service: labels.service }, commonLabels: labels, commonAnnotations: { summary },
    alerts: [{ status, labels, annotations: { summary }, startsAt: '2026-12-06T06:00:00Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: `fp-${labels.alertname ?? 'a'}` }],
  };
}
