import { AlertmanagerWebhook, GrafanaWebhook, batchFromWebhook } from '../../src/alerts/alert-payloads';
import { AlertsFile, alertCategory, alertKeywords, firstRule, ruleMatches, DEFAULT_RULE, AlertRule } from '../../src/alerts/alert-rules';
import { alertAudience } from '../../src/alerts/alert-audience';
import { GenericMapping, batchesFromGeneric, readPath } from '../../src/alerts/generic-mapping';
import { labelsFingerprint } from '../../src/alerts/alert-batch';
import { ValidationError } from '../../src/errors';
import { TEST_RULES } from './helpers/alert-app';
import { AM_BODY, GRAFANA_BODY } from './helpers/payload-fixtures';

describe('Alertmanager and Grafana payloads', () => {
  test('an Alertmanager v4 notification becomes one batch keyed by its groupKey, with the fingerprint it sent', () => {
    const batch = batchFromWebhook('alertmanager', AlertmanagerWebhook.parse(AM_BODY));
    expect(batch).toEqual({
      source: 'alertmanager', groupKey: '{}:{service="payroll"}',
      alerts: [{ fingerprint: 'c0ffee01', status: 'firing', labels: { alertname: 'PayrollDown', service: 'payroll', severity: 'critical' }, annotations: { summary: 'Payroll web app answers 503' } }],
    });
  });

  test('other versions, a missing groupKey, an empty alert list or a bad status are refused', () => {
    expect(AlertmanagerWebhook.safeParse({ ...AM_BODY, version: '3' }).success).toBe(false);
    expect(AlertmanagerWebhook.safeParse({ ...AM_BODY, groupKey: undefined }).success).toBe(false);
    expect(AlertmanagerWebhook.safeParse({ ...AM_BODY, alerts: [] }).success).toBe(false);
    expect(AlertmanagerWebhook.safeParse({ ...AM_BODY, alerts: [{ ...AM_BODY.alerts[0], status: 'pending' }] }).success).toBe(false);
    expect(AlertmanagerWebhook.safeParse({ ...AM_BODY, alerts: [{ ...AM_BODY.alerts[0], labels: { n: 5 } }] }).success).toBe(false);
  });

  test("Grafana's webhook (version 1, extra fields) is read the same way", () => {
    const batch = batchFromWebhook('grafana', GrafanaWebhook.parse(GRAFANA_BODY));
    expect(batch.groupKey).toBe('{}/{}:{alertname="Mail queue"}');
    expect(batch.alerts[0]).toMatchObject({ fingerprint: '6a0e4b0f3e4e1a53', status: 'firing', labels: { service: 'mail', severity: 'critical' } });
  });

  test('an alert without a fingerprint gets one from its labels, the same whatever their order', () => {
    expect(labelsFingerprint({ a: '1', b: '2' })).toBe(labelsFingerprint({ b: '2', a: '1' }));
    expect(labelsFingerprint({ a: '1' })).not.toBe(labelsFingerprint({ a: '2' }));
  });
});

describe('generic JSON mapping', () => {
  const kuma = GenericMapping.parse(TEST_RULES.generic['uptime-kuma']);
  const kumaBody = (status: number) => ({ heartbeat: { status, msg: 'timeout after 48 s' }, monitor: { id: 7, name: 'vpn', url: 'https://vpn.example.com' }, msg: '[vpn] [🔴 Down]' });

  test('Uptime Kuma: status 0 is firing, 1 resolved; the monitor name is the service; constants fill labels', () => {
    const [down] = batchesFromGeneric('uptime-kuma', kumaBody(0), kuma);
    expect(down).toEqual({
      source: 'generic:uptime-kuma', groupKey: 'vpn',
      alerts: [{ fingerprint: '7', status: 'firing', labels: { service: 'vpn', severity: 'critical' }, annotations: { summary: 'timeout after 48 s' } }],
    });
    expect(batchesFromGeneric('uptime-kuma', kumaBody(1), kuma)[0].alerts[0].status).toBe('resolved');
  });

  test('Zabbix-style lists: alerts under a path, grouped by a key field', () => {
    const zabbix = GenericMapping.parse({
      alerts: 'events', status: 'status', firing: ['PROBLEM'], resolved: ['RESOLVED', 'OK'], groupKey: 'host',
      labels: { service: 'host', severity: 'severity' }, annotations: { summary: 'trigger' }, fingerprint: 'eventid',
    });
    const batches = batchesFromGeneric('zabbix', { events: [
      { eventid: '1', status: 'PROBLEM', host: 'erp', severity: 'critical', trigger: 'ERP down' },
      { eventid: '2', status: 'problem', host: 'erp', severity: 'critical', trigger: 'ERP slow' },
      { eventid: '3', status: 'OK', host: 'mail', severity: 'warning', trigger: 'Mail queue' },
    ] }, zabbix);
    expect(batches.map((b) => [b.groupKey, b.alerts.map((a) => `${a.fingerprint}:${a.status}`)])).toEqual([['erp', ['1:firing', '2:firing']], ['mail', ['3:resolved']]]);
  });

  test('a body the mapping cannot read is a ValidationError naming the field, never a crash', () => {
    expect(() => batchesFromGeneric('uptime-kuma', { monitor: { name: 'vpn' } }, kuma)).toThrow(ValidationError);
    expect(() => batchesFromGeneric('uptime-kuma', { heartbeat: { status: 7 } }, kuma)).toThrow(/heartbeat.status: "7" is neither a firing/);
    expect(() => batchesFromGeneric('uptime-kuma', null, kuma)).toThrow(ValidationError);
    expect(() => batchesFromGeneric('z', { events: 'x' }, GenericMapping.parse({ ...kuma, alerts: 'events' }))).toThrow(/expected a non-empty array/);
  });

  test('paths read scalars only and never the prototype', () => {
    expect(readPath({ a: { b: [1, 2] } }, 'a.b.1')).toBe('2');
    expect(readPath({ a: { b: { c: 1 } } }, 'a.b')).toBeUndefined();
    expect(readPath({}, 'constructor.name')).toBeUndefined();
    expect(readPath({}, '=fixed')).toBe('fixed');
  });
});

describe('rules', () => {
  const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({ fingerprint: 'f', status: 'firing' as const, labels, annotations });

  test('the built-in rule: severity=critical with a service label', () => {
    expect(ruleMatches(DEFAULT_RULE, alert({ severity: 'critical', service: 'erp' }))).toBe(true);
    expect(ruleMatches(DEFAULT_RULE, alert({ severity: 'warning', service: 'erp' }))).toBe(false);
    expect(ruleMatches(DEFAULT_RULE, alert({ severity: 'critical' }))).toBe(false);
    expect(ruleMatches(DEFAULT_RULE, alert({ severity: 'critical', service: '  ' }))).toBe(false);
  });

  test('the first matching rule wins; lists of values and required labels', () => {
    const file = AlertsFile.parse({ rules: [
      { name: 'office', match: { severity: ['critical', 'page'] }, require: ['office'], broadcast: { by: 'office' } },
      { name: 'any', match: { severity: 'critical' } },
    ] });
    expect(firstRule(file.rules, alert({ severity: 'page', service: 'wifi', office: 'Shanghai' }))?.name).toBe('office');
    expect(firstRule(file.rules, alert({ severity: 'critical', service: 'wifi' }))?.name).toBe('any');
    expect(firstRule(file.rules, alert({ severity: 'page', service: 'wifi' }))).toBeUndefined();
  });

  test("category from the rule, else from the alert's label, else other; keywords from the service, the alert and the rule", () => {
    const rule = AlertRule.parse({ name: 'r', keywords: { 'payroll-api': ['工资系统'], '*': ['hr portal'] } });
    expect(alertCategory(rule, alert({ category: 'Email' }))).toBe('email');
    expect(alertCategory(rule, alert({ category: 'nonsense' }))).toBe('other');
    expect(alertCategory(AlertRule.parse({ name: 'r', category: 'network' }), alert({ category: 'email' }))).toBe('network');
    expect(alertKeywords(rule, alert({ service: 'payroll-api', keywords: 'salary,薪资' }))).toEqual(['payroll-api', 'payroll api', 'salary', '薪资', '工资系统', 'hr portal']);
  });

  test('broadcast audiences by category, service and office; an office rule without the label reaches nobody', () => {
    const by = (b: string) => AlertRule.parse({ name: 'r', broadcast: { by: b, channels: ['webchat'] }, category: 'software' });
    const a = alert({ service: 'payroll', office: 'Shanghai, Berlin' });
    expect(alertAudience(by('none'), a)).toBeNull();
    expect(alertAudience(by('everyone'), a)).toEqual({ channels: ['webchat'], categories: [], slackChannels: [] });
    expect(alertAudience(by('category'), a)?.categories).toEqual(['software']);
    expect(alertAudience(by('service'), a)?.services).toEqual(['payroll']);
    expect(alertAudience(by('office'), a)?.offices).toEqual(['Shanghai', 'Berlin']);
    expect(alertAudience(by('office'), alert({ service: 'payroll' }))).toBeNull();
  });

  test('a rules file with a mistake is refused naming the field', () => {
    expect(AlertsFile.safeParse({ rules: [{ name: 'x', broadcast: { by: 'floor' } }] }).success).toBe(false);
    expect(AlertsFile.safeParse({ generic: { 'Bad Name': TEST_RULES.generic['uptime-kuma'] } }).success).toBe(false);
  });
});
