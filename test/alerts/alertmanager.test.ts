import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../helpers/test-app';
import { ALERT_TOKEN, startAlertApp } from './helpers/alert-app';
import { describeWithAlertmanager, startAlertmanager, type Alertmanager } from './helpers/alertmanager';

/** Between Alertmanager and Frontdesk: forwards every notification, and answers the first firing one with 503 after forwarding it (a lost acknowledgement), so Alertmanager retries what Frontdesk already handled. */
async function flakyProxy(target: string) {
  const seen: { status: string; answered: number; frontdesk: number; actions: string[] }[] = [];
  let failedOnce = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const forwarded = await fetch(`${target}${req.url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: String(req.headers.authorization ?? '') }, body });
      const answer = (await forwarded.json().catch(() => ({}))) as { outcomes?: { action: string }[] };
      const status = String((JSON.parse(body) as { status: string }).status);
      const fail = status === 'firing' && !failedOnce;
      failedOnce ||= fail;
      const answered = fail ? 503 : forwarded.status;
      seen.push({ status, answered, frontdesk: forwarded.status, actions: (answer.outcomes ?? []).map((o) => o.action) });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const PAYROLL = { alertname: 'PayrollDown', service: 'payroll', severity: 'critical' };

describeWithAlertmanager()('a real Alertmanager posting to Frontdesk', () => {
  jest.setTimeout(90_000);

  test('one alert: one major incident, one broadcast, writers linked; retries and repeats change nothing; resolved once, linked users told once', async () => {
    const t = await startAlertApp();
    const proxy = await flakyProxy(t.url);
    let am: Alertmanager | null = null;
    try {
      am = await startAlertmanager(`${proxy.url}/alerts/alertmanager`, ALERT_TOKEN, { groupWait: '1s', groupInterval: '2s', repeatInterval: '3s' });
      // Two people known before the outage: the broadcast reaches both.
      await t.say('ana', 1, 'hello');
      await t.say('bo', 1, 'how do I change my password?');

      await am.post([{ labels: PAYROLL, annotations: { summary: 'Payroll web app answers 503' } }]);
      await waitFor(() => proxy.seen.some((s) => s.status === 'firing' && s.answered === 503) && proxy.seen.some((s) => s.status === 'firing' && s.answered === 200), 20_000, 'a failed delivery and its retry');
      await waitFor(() => t.web.to('bo').some((x) => x.includes('IT notice (MI-000001)')), 10_000, 'the broadcast');

      // Written after the alert: linked at once, in English and (by the rule's keyword) in Chinese.
      await t.say('ana', 2, 'payroll will not load for me');
      await t.say('cy', 1, '工资系统打不开了');
      // Alertmanager's repeat_interval: at least two more firing notifications.
      await waitFor(() => proxy.seen.filter((s) => s.status === 'firing' && s.answered === 200).length >= 3, 20_000, 'repeat notifications');

      expect(proxy.seen.every((s) => s.frontdesk === 200)).toBe(true);
      // The first delivery opened it; the retry of the lost acknowledgement and every repeat changed nothing.
      expect(proxy.seen.map((s) => s.actions.join())).toEqual(['opened', ...proxy.seen.slice(1).map(() => 'unchanged')]);
      expect(t.count('SELECT count(*) AS n FROM major_incidents')).toBe(1);
      expect(t.count('SELECT count(*) AS n FROM broadcasts')).toBe(1);
      expect(t.count("SELECT count(*) AS n FROM tickets WHERE major_incident_id = 1")).toBe(2);
      expect(t.web.to('ana').filter((x) => x.includes('known problem, **MI-000001**'))).toHaveLength(1);
      expect(t.web.to('cy').filter((x) => x.includes('已知问题 **MI-000001**'))).toHaveLength(1);

      await am.post([{ labels: PAYROLL, annotations: { summary: 'Payroll web app answers 503' }, endsAt: new Date(Date.now() - 60_000).toISOString() }]);
      await waitFor(() => proxy.seen.some((s) => s.status === 'resolved'), 20_000, 'the resolved notification');
      await waitFor(() => t.web.to('bo').some((x) => x.includes('IT notice update (MI-000001)')), 10_000, 'the follow-up');
      // Alertmanager may still send; a retried resolved notification must change nothing either.
      await new Promise((r) => setTimeout(r, 4000));
      await t.app.dispatcher.drainDue();

      expect(t.count("SELECT count(*) AS n FROM major_incidents WHERE status = 'resolved'")).toBe(1);
      expect(proxy.seen.filter((s) => s.status === 'resolved').map((s) => s.actions.join())).toEqual(['resolved', ...proxy.seen.filter((s) => s.status === 'resolved').slice(1).map(() => 'unchanged')]);
      const fixed = (user: string) => t.web.to(user).filter((x) => /MI-000001[^.。]{0,200}?(has been fixed|已修复)|IT notice update/.test(x));
      expect(fixed('ana')).toHaveLength(1);
      expect(fixed('ana')[0]).toMatch(/The known problem MI-000001 \(.+\) has been fixed: monitoring shows payroll working again/);
      expect(fixed('cy')).toHaveLength(1);
      expect(fixed('cy')[0]).toMatch(/已知问题 MI-000001 已修复/);
      expect(fixed('bo')).toEqual(['**IT notice update (MI-000001)**: payroll is working again (MI-000001).\npayroll 已恢复正常（MI-000001）。']);
      expect(t.web.to('bo').filter((x) => x.includes('IT notice (MI-000001)'))).toHaveLength(1);
    } finally {
      await am?.stop();
      await proxy.close();
      await t.stop();
    }
  });
});
