import { PassThrough } from 'node:stream';
import { runIncidentsCommand } from '../../src/incidents/incidents.command';
import { sqliteIncidentStore } from '../../src/store/sqlite-incident-store';
import { waitFor } from '../helpers/test-app';
import { amBody, postAlert, startAlertApp, TEST_RULES } from './helpers/alert-app';
import { GRAFANA_BODY } from './helpers/payload-fixtures';

const PAYROLL = { alertname: 'PayrollDown', service: 'payroll', severity: 'critical' };
// A Monday 09:00 after any real clock this test meets: the `incidents resolve` command stamps its notices with the real
// time, so a T0 in the past leaves them due after the test's clock (they passed until 7 Dec 2026 09:00 UTC, then never).
const T0 = Date.parse('2030-12-09T09:00:00Z');

/** An app on a clock the test moves; `at(s)` sets it to T0 + s seconds. */
async function clockedApp(env: Record<string, string>, rules: unknown = TEST_RULES) {
  let now = new Date(T0);
  const t = await startAlertApp(env, { clock: () => now }, rules);
  const at = (seconds: number) => (now = new Date(T0 + seconds * 1000));
  const alert = async (path: string, body: unknown) => {
    const res = await postAlert(t.url, path, body);
    expect(res.status).toBe(200);
    return res.body!.outcomes!.map((o) => (o.broadcast ? `${o.action} ${o.incident} +broadcast` : `${o.action}${o.incident ? ` ${o.incident}` : ''}`));
  };
  const am = (status: 'firing' | 'resolved', labels = PAYROLL) => alert('/alerts/alertmanager', amBody(status, labels));
  const fixedNotices = (user: string) => t.web.to(user).filter((x) => /has been fixed|已修复/.test(x));
  const followUps = (user: string) => t.web.to(user).filter((x) => x.includes('IT notice update'));
  const notices = (user: string) => t.web.to(user).filter((x) => x.startsWith('**IT notice ('));
  const tick = async () => (await t.app.alerts!.intake.tick()).map((o) => `${o.action} ${o.incident}`);
  const settle = async () => {
    await t.app.alerts!.intake.idle();
    await new Promise((r) => setTimeout(r, 300));
    await t.app.dispatcher.drainDue();
  };
  return { t, at, alert, am, fixedNotices, followUps, notices, tick, settle };
}

describe('alert intake: incidents, broadcasts, hysteresis and resolution', () => {
  jest.setTimeout(60_000);

  test('a crash between opening the incident and saving its group: the retry adopts that incident, no twin', async () => {
    const c = await clockedApp({});
    try {
      // What a kill right after createMajorIncident leaves behind: the alert's incident, no alert group.
      await sqliteIncidentStore(c.t.app.store).createMajorIncident({ category: 'software', title: 'payroll: PayrollDown', now: new Date(T0).toISOString(), source: 'alert', keywords: 'payroll' }, []);
      expect(await c.am('firing')).toEqual(['opened MI-000001 +broadcast']);
      expect(c.t.count('SELECT count(*) AS n FROM major_incidents')).toBe(1);
    } finally {
      await c.t.stop();
    }
  });

  test('hysteresis: a flap within the resolve hold keeps the incident open and tells nobody; it resolves once the hold has passed, once', async () => {
    const c = await clockedApp({ ALERTS_RESOLVE_HOLD_SECONDS: '120' });
    try {
      await c.t.say('ana', 1, 'hello');
      expect(await c.am('firing')).toEqual(['opened MI-000001 +broadcast']);
      await c.t.say('bo', 1, 'payroll is not loading');
      c.at(10);
      expect(await c.am('resolved')).toEqual(['resolving']);
      c.at(30);
      expect(await c.am('firing')).toEqual(['updated MI-000001']);
      expect(await c.am('firing')).toEqual(['unchanged MI-000001']);
      c.at(40);
      expect(await c.am('resolved')).toEqual(['resolving']);
      expect(await c.am('resolved')).toEqual(['unchanged']);
      c.at(100);
      expect(await c.tick()).toEqual([]);
      c.at(161);
      expect(await c.tick()).toEqual(['resolved MI-000001']);
      expect(await c.tick()).toEqual([]);
      await c.settle();
      await waitFor(() => c.followUps('ana').length === 1, 5000, 'the follow-up');

      expect(c.t.count('SELECT count(*) AS n FROM major_incidents')).toBe(1);
      expect(c.notices('ana')).toHaveLength(1);
      expect(c.fixedNotices('bo')).toHaveLength(1);
      expect(c.followUps('bo')).toEqual([]);
      expect(c.fixedNotices('ana')).toEqual([]);
    } finally {
      await c.t.stop();
    }
  });

  test('minimum interval: an alert that comes back after resolving opens a new incident but no second broadcast within ALERTS_MIN_NOTICE_MINUTES', async () => {
    const c = await clockedApp({ ALERTS_MIN_NOTICE_MINUTES: '30' });
    try {
      await c.t.say('ana', 1, 'hello');
      expect(await c.am('firing')).toEqual(['opened MI-000001 +broadcast']);
      c.at(60);
      expect(await c.am('resolved')).toEqual(['resolved MI-000001']);
      c.at(5 * 60);
      expect(await c.am('firing')).toEqual(['opened MI-000002']);
      c.at(6 * 60);
      expect(await c.am('resolved')).toEqual(['resolved MI-000002']);
      c.at(40 * 60);
      expect(await c.am('firing')).toEqual(['opened MI-000003 +broadcast']);
      await c.settle();
      await waitFor(() => c.notices('ana').length === 2, 5000, 'two notices');
      expect(c.t.count('SELECT count(*) AS n FROM broadcasts')).toBe(2);
    } finally {
      await c.t.stop();
    }
  });

  test('ask the owner: a resolved alert proposes the resolution, nobody is told until the owner confirms with the incidents command', async () => {
    const rules = { rules: [{ ...TEST_RULES.rules[0], resolve: 'ask', owner: 'lead' }] };
    const c = await clockedApp({}, rules);
    try {
      await c.t.say('ana', 1, 'hello');
      expect(await c.am('firing')).toEqual(['opened MI-000001 +broadcast']);
      await c.t.say('bo', 1, 'payroll is not loading');
      c.at(60);
      expect(await c.am('resolved')).toEqual(['proposed MI-000001']);
      expect(await c.am('resolved')).toEqual(['unchanged']);
      expect(await c.tick()).toEqual([]);
      await c.settle();
      const mi = await c.t.app.majorIncidents.list(5);
      expect(mi[0]).toMatchObject({ status: 'open', owner: 'lead', source: 'alert', proposedResolution: 'monitoring shows payroll working again / 监控显示 payroll 已恢复正常' });
      expect(c.fixedNotices('bo')).toEqual([]);
      const boTicket = (await c.t.app.store.getTicketByNumber('INC-000001'))!;
      const proposals = (await c.t.app.store.ticketEvents(boTicket.id)).filter((e) => e.kind === 'major_incident_resolution_proposed');
      expect(proposals.map((e) => e.data)).toEqual([{ majorIncident: 'MI-000001', owner: 'lead', resolution: 'monitoring shows payroll working again / 监控显示 payroll 已恢复正常' }]);

      const out: string[] = [];
      const stdout = new PassThrough().on('data', (d) => out.push(String(d)));
      const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: { DATABASE_PATH: c.t.app.config.DATABASE_PATH }, cwd: '/nonexistent' };
      expect(await runIncidentsCommand(['resolve', 'MI-000001'], io)).toBe(0);
      expect(out.join('')).toMatch(/MI-000001 resolved; 1 linked user\(s\) notified/);
      await c.tick();
      await c.settle();
      await waitFor(() => c.followUps('ana').length === 1, 5000, 'the follow-up');
      expect(c.fixedNotices('bo')).toHaveLength(1);
      expect(c.followUps('bo')).toEqual([]);
    } finally {
      await c.t.stop();
    }
  });

  test('Grafana and Alertmanager about one service share its incident; it resolves when both have', async () => {
    const c = await clockedApp({});
    try {
      expect(await c.am('firing')).toEqual(['opened MI-000001 +broadcast']);
      const grafana = (status: 'firing' | 'resolved') => c.alert('/alerts/grafana', {
        ...GRAFANA_BODY, status, alerts: [{ ...GRAFANA_BODY.alerts[0], status, labels: { ...GRAFANA_BODY.alerts[0].labels, service: 'payroll' } }],
      });
      expect(await grafana('firing')).toEqual(['joined MI-000001']);
      expect(await grafana('firing')).toEqual(['unchanged MI-000001']);
      expect(await c.am('resolved')).toEqual(['unchanged MI-000001']);
      expect(c.t.count("SELECT count(*) AS n FROM major_incidents WHERE status = 'open'")).toBe(1);
      expect(await grafana('resolved')).toEqual(['resolved MI-000001']);
      expect(await c.am('firing', { alertname: 'WikiSlow', service: 'wiki', severity: 'warning' })).toEqual(['ignored']);
    } finally {
      await c.t.stop();
    }
  });

  test('the same notification twice at once (a retry racing the original): one incident, one broadcast', async () => {
    const c = await clockedApp({});
    try {
      const both = await Promise.all([c.am('firing'), c.am('firing'), c.am('firing')]);
      expect(both.flat().sort()).toEqual(['opened MI-000001 +broadcast', 'unchanged MI-000001', 'unchanged MI-000001']);
      expect(c.t.count('SELECT count(*) AS n FROM major_incidents')).toBe(1);
      expect(c.t.count('SELECT count(*) AS n FROM broadcasts')).toBe(1);
    } finally {
      await c.t.stop();
    }
  });

  test('people reported it first: the alert joins their major incident instead of opening a twin, and its resolution tells them', async () => {
    const c = await clockedApp({ MI_THRESHOLD_USERS: '2' });
    try {
      await c.t.say('ana', 1, 'the payroll site shows error 503');
      await c.t.say('bo', 1, 'payroll site is down, error 503 again');
      await waitFor(async () => (await c.t.app.majorIncidents.list(1)).length === 1, 5000, 'the reports-made incident');
      const [reported] = await c.t.app.majorIncidents.list(1);
      expect(await c.am('firing')).toEqual([`joined ${reported.number}`]);
      expect(await c.am('resolved')).toEqual([`resolved ${reported.number}`]);
      await c.settle();
      await waitFor(() => c.fixedNotices('ana').length === 1 && c.fixedNotices('bo').length === 1, 5000, 'both told');
      expect(c.t.count('SELECT count(*) AS n FROM major_incidents')).toBe(1);
    } finally {
      await c.t.stop();
    }
  });

  test('a broadcast the rule cannot post (Slack channels without Slack) leaves the incident open and the answer 200', async () => {
    const rules = { rules: [{ ...TEST_RULES.rules[0], broadcast: { by: 'everyone', slackChannels: ['C0123ABCD'] } }] };
    const c = await clockedApp({}, rules);
    try {
      expect(await c.am('firing')).toEqual(['opened MI-000001']);
      expect(await c.am('firing')).toEqual(['unchanged MI-000001']);
      expect(c.t.count('SELECT count(*) AS n FROM broadcasts')).toBe(0);
    } finally {
      await c.t.stop();
    }
  });

  test('a generic mapping (Uptime Kuma): down opens an incident, up resolves it; a repeat changes nothing', async () => {
    const c = await clockedApp({});
    try {
      const kuma = (status: number) => c.alert('/alerts/generic/uptime-kuma', { heartbeat: { status, msg: 'timeout' }, monitor: { id: 7, name: 'vpn' } });
      expect(await kuma(0)).toEqual(['opened MI-000001 +broadcast']);
      expect(await kuma(0)).toEqual(['unchanged MI-000001']);
      expect(await kuma(1)).toEqual(['resolved MI-000001']);
      expect(await kuma(1)).toEqual(['unchanged']);
      const [mi] = await c.t.app.majorIncidents.list(1);
      expect(mi).toMatchObject({ title: 'vpn: timeout', category: 'software', keywords: 'vpn' });
    } finally {
      await c.t.stop();
    }
  });

  test('resolved by hand while still firing: repeats do not reopen it, and the broadcast gets its follow-up', async () => {
    const c = await clockedApp({});
    try {
      await c.t.say('ana', 1, 'hello');
      expect(await c.am('firing')).toEqual(['opened MI-000001 +broadcast']);
      await c.t.app.majorIncidents.resolveMajorIncident('MI-000001', 'Payroll server replaced', new Date(T0));
      expect(await c.am('firing')).toEqual(['unchanged MI-000001']);
      await c.tick();
      await c.settle();
      await waitFor(() => c.followUps('ana').length === 1, 5000, 'the follow-up');
      expect(c.t.count('SELECT count(*) AS n FROM major_incidents')).toBe(1);
      c.at(60);
      expect(await c.am('resolved')).toEqual(['unchanged MI-000001']);
      c.at(3600);
      expect(await c.am('firing')).toEqual(['opened MI-000002 +broadcast']);
    } finally {
      await c.t.stop();
    }
  });
});
