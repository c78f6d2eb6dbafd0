import { Writable } from 'node:stream';
import { createLogger } from '../../src/log';
import { ALERT_TOKEN, amBody, postAlert, startAlertApp } from './helpers/alert-app';
import { AM_BODY } from './helpers/payload-fixtures';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({ write(chunk, _e, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { lines, log: createLogger({ level: 'info', destination, secrets: [ALERT_TOKEN] }) };
}

describe('the alert webhook: authentication and bad input', () => {
  let t: Awaited<ReturnType<typeof startAlertApp>>;
  let logs: ReturnType<typeof capture>;
  beforeAll(async () => {
    logs = capture();
    t = await startAlertApp({}, { log: logs.log });
  });
  afterAll(async () => {
    await t.stop();
  });

  test.each([
    ['no Authorization header', null],
    ['a wrong token', 'Bearer not-the-alert-token-at-all'],
    ['the token one character short', `Bearer ${ALERT_TOKEN.slice(0, -1)}`],
    ['the token as Basic credentials', `Basic ${Buffer.from(`x:${ALERT_TOKEN}`).toString('base64')}`],
  ])('%s: 401 with a Bearer challenge, nothing stored', async (_what, authorization) => {
    for (const path of ['/alerts/alertmanager', '/alerts/grafana', '/alerts/generic/uptime-kuma']) {
      const res = await postAlert(t.url, path, AM_BODY, authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="alerts"');
    }
    expect(t.count('SELECT count(*) AS n FROM alert_groups')).toBe(0);
    expect(t.count('SELECT count(*) AS n FROM major_incidents')).toBe(0);
  });

  test('malformed bodies: 400 (415 for another media type) and a log line each, and the server keeps serving', async () => {
    const before = logs.lines.length;
    const bad = [
      await postAlert(t.url, '/alerts/alertmanager', '{"version": "4", '),
      await postAlert(t.url, '/alerts/alertmanager', { ...AM_BODY, version: '3' }),
      await postAlert(t.url, '/alerts/alertmanager', { ...AM_BODY, alerts: [{ status: 'firing' }] }),
      await postAlert(t.url, '/alerts/grafana', [1, 2, 3]),
      await postAlert(t.url, '/alerts/generic/uptime-kuma', { heartbeat: { status: 'maybe' }, monitor: { name: 'vpn' } }),
      await postAlert(t.url, '/alerts/alertmanager', 'null'),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(bad[1].body?.error).toMatch(/^not an Alertmanager webhook \(version 4\): version/);
    expect(bad[4].body?.error).toMatch(/heartbeat.status: "maybe" is neither a firing/);
    const refused = logs.lines.slice(before).filter((l) => l.msg === 'request refused');
    expect(refused).toHaveLength(6);
    expect(refused.every((l) => l.status === 400 && String(l.path).startsWith('/alerts/'))).toBe(true);
    const text = await fetch(`${t.url}/alerts/alertmanager`, { method: 'POST', headers: { authorization: `Bearer ${ALERT_TOKEN}`, 'content-type': 'text/plain' }, body: 'x' });
    expect(text.status).toBe(415);
    expect((await postAlert(t.url, '/alerts/generic/nagios', {})).status).toBe(404);
    expect((await postAlert(t.url, '/alerts/alertmanager', amBody('firing', { alertname: 'X', service: 'erp', severity: 'critical' }))).status).toBe(200);
  });

  test('the token never reaches the log', () => {
    expect(JSON.stringify(logs.lines)).not.toContain(ALERT_TOKEN);
  });

  test('without ALERTS_TOKEN the routes do not exist', async () => {
    const off = await startAlertApp({ ALERTS_TOKEN: '' });
    try {
      expect((await postAlert(off.url, '/alerts/alertmanager', AM_BODY)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});
