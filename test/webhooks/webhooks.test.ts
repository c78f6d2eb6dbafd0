import { createHmac, timingSafeEqual } from 'node:crypto';
import { Subscriptions } from '../../src/webhooks/subscriptions';
import { loginAs } from '../console/helpers';
import { chatSession } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { startApiApp } from '../api/helpers';
import { startReceiver } from './receiver';

/** Standard Webhooks verification written from the spec with node:crypto (not the library that signed). */
function verify(secret: string, headers: Record<string, string | string[] | undefined>, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = createHmac('sha256', key).update(signed).digest();
  const age = Math.abs(Date.now() / 1000 - Number(headers['webhook-timestamp']));
  return age < 300 && String(headers['webhook-signature']).split(' ').some((part) => {
    const [version, sig] = part.split(',');
    const given = Buffer.from(sig ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe('webhooks out: signed, from the audit trail, retried in order, disabled on 410 or persistent failure', () => {
  let t: Awaited<ReturnType<typeof startApiApp>>;
  let subs: Subscriptions;
  beforeEach(async () => {
    t = await startApiApp({ WEBHOOK_BASE_DELAY_MS: '40', WEBHOOK_MAX_ATTEMPTS: '6', WEBHOOK_TIMEOUT_MS: '2000' });
    subs = new Subscriptions(t.app.webhookStore);
  });
  afterEach(() => t.stop());

  const openTicket = async (text = 'The VPN is down for our whole team') => {
    const chat = await chatSession(t.url);
    await chat.post(text);
    await t.app.engine.idle();
    return (t.app.sqliteStore().db.prepare('SELECT number FROM tickets ORDER BY id DESC').get() as { number: string }).number;
  };

  test('every writer\'s change arrives signed (verified with node:crypto), and payloads follow the scope', async () => {
    const receiver = await startReceiver();
    const people = await startReceiver();
    const plain = await subs.add(receiver.url, ['ticket.created', 'ticket.updated', 'ticket.commented', 'ticket.resolved'], ['tickets:read'], new Date());
    const full = await subs.add(people.url, ['ticket.created', 'ticket.commented'], ['tickets:read', 'people:read', 'conversations:read'], new Date());
    const number = await openTicket();
    const tok = t.token(['tickets:write'], 'jira');
    await t.call(tok, 'PATCH', `/tickets/${number}`, { priority: 'P1' });
    await t.call(tok, 'POST', `/tickets/${number}/comments`, { text: 'We are on it' });
    const root = await loginAs(t.url, 'root');
    expect((await root.act(number, 'takeover')).status).toBe(200);
    expect((await root.act(number, 'resolve', { resolution: 'Gateway restarted' })).status).toBe(200);
    const got = await waitFor(() => {
      const d = receiver.delivered();
      return d.some((e) => e.type === 'ticket.resolved') ? d : null;
    }, 8000, 'ticket.resolved');
    for (const r of receiver.received) expect(verify(plain.secret, r.headers, r.body)).toBe(true);
    expect(verify(full.secret, receiver.received[0].headers, receiver.received[0].body)).toBe(false);
    // In the order they happened, one webhook event per audit event of the wanted kinds.
    const types = got.map((e) => e.type);
    expect(types[0]).toBe('ticket.created');
    expect(types).toEqual(expect.arrayContaining(['ticket.updated', 'ticket.commented', 'ticket.resolved']));
    const ids = got.map((e) => Number(e.id.slice(4)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(got.find((e) => e.type === 'ticket.updated' && e.data.change.kind === 'updated').data.change).toEqual(
      expect.objectContaining({ actor: 'agent:api:jira', changes: { priority: { from: 'P2', to: 'P1' } } }));
    expect(got[0].data.ticket).toEqual(expect.objectContaining({ number, status: expect.any(String), summary: expect.stringContaining('VPN') }));
    // tickets:read only: no requester, no comment text, the requester acting is "requester".
    const text = JSON.stringify(got);
    expect(text).not.toContain('"requester":{');
    expect(text).not.toContain('We are on it');
    // With people:read and conversations:read: the requester and the words.
    const rich = await waitFor(() => (people.delivered().length >= 2 ? people.delivered() : null), 5000, 'people deliveries');
    expect(rich[0].data.ticket.requester).toEqual(expect.objectContaining({ channel: 'webchat' }));
    expect(rich.find((e) => e.type === 'ticket.commented').data.change.text).toBe('We are on it');
    await receiver.close();
    await people.close();
  });

  test('a receiver down for a while: retried with backoff, then everything arrives once, in order', async () => {
    let down = true;
    const receiver = await startReceiver(() => (down ? 503 : 200));
    await subs.add(receiver.url, ['ticket.created', 'ticket.updated'], ['tickets:read'], new Date());
    const tok = t.token(['tickets:write']);
    const number = await openTicket();
    for (const priority of ['P1', 'P3', 'P4', 'P2'] as const) await t.call(tok, 'PATCH', `/tickets/${number}`, { priority });
    await waitFor(() => receiver.received.length >= 3, 5000, 'failed attempts');
    // Still only the first event was tried: order is kept by never sending past a failing one.
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    down = false;
    const got = await waitFor(() => (receiver.delivered().length >= 6 ? receiver.delivered() : null), 10_000, 'all deliveries');
    // Opened, escalated at once (P2), then the four API changes.
    expect(got.map((e) => `${e.type}:${e.data.change.kind}`)).toEqual(['ticket.created:opened', 'ticket.updated:escalated', ...Array(4).fill('ticket.updated:updated')]);
    expect(got.slice(2).map((e) => e.data.change.changes.priority.to)).toEqual(['P1', 'P3', 'P4', 'P2']);
    expect(new Set(got.map((e) => e.id)).size).toBe(6);
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.delivered()).toHaveLength(6);
    const [{ attempts }] = t.app.sqliteStore().db.prepare('SELECT attempts FROM webhook_deliveries ORDER BY id LIMIT 1').all() as { attempts: number }[];
    expect(attempts).toBeGreaterThanOrEqual(4);
    expect((await subs.list())[0].disabledAt).toBeNull();
    await receiver.close();
  });

  test('410 Gone disables the subscription at once, with a notice on the console; enable resumes in order', async () => {
    let gone = true;
    const receiver = await startReceiver(() => (gone ? 410 : 200));
    const sub = await subs.add(receiver.url, ['ticket.created'], ['tickets:read'], new Date());
    await openTicket();
    await waitFor(async () => (await subs.get(sub.id)).disabledAt, 5000, 'disabled');
    expect((await subs.get(sub.id)).disabledReason).toMatch(/410/);
    await openTicket('Printer on floor 3 is offline');
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(1);
    const root = await loginAs(t.url, 'root');
    const page = await (await root.get('/console/webhooks')).text();
    expect(page).toMatch(/was disabled at .*410 Gone/);
    const dashboard = await (await root.get('/console/dashboard')).text();
    expect(dashboard).toMatch(/role="alert"[^<]*Webhook #\d+ .* is disabled since .*410 Gone/);
    const overview = await (await root.get('/console/api/webhooks')).json();
    expect(overview.deliveries[0]).toEqual(expect.objectContaining({ event: 'ticket.created', status: 'pending', lastStatus: 410 }));
    expect((await (await loginAs(t.url, 'alice')).get('/console/api/webhooks')).status).toBe(403);
    // The receiver is fixed: the waiting delivery goes first (events while disabled are not queued).
    gone = false;
    await subs.enable(sub.id, new Date());
    t.app.webhooks.kick();
    await waitFor(() => receiver.delivered().length === 1, 5000, 'resumed');
    expect(receiver.delivered()[0].type).toBe('ticket.created');
  });

  test('persistent failure (an unreachable receiver) disables after WEBHOOK_MAX_ATTEMPTS', async () => {
    const receiver = await startReceiver();
    await receiver.close();
    const sub = await subs.add(receiver.url, ['ticket.created'], ['tickets:read'], new Date());
    await openTicket();
    await waitFor(async () => (await subs.get(sub.id)).disabledAt, 10_000, 'disabled');
    expect((await subs.get(sub.id)).disabledReason).toMatch(/6 failed attempts in a row \(last: unreachable/);
    expect((t.app.sqliteStore().db.prepare('SELECT attempts FROM webhook_deliveries').get() as { attempts: number }).attempts).toBe(6);
  });
});

describe('webhooks out: major incidents', () => {
  test('incident.opened and incident.resolved arrive once per incident, though written on every linked ticket', async () => {
    const t = await startApiApp({ WEBHOOK_BASE_DELAY_MS: '40' });
    try {
      const receiver = await startReceiver();
      const subs = new Subscriptions(t.app.webhookStore);
      await subs.add(receiver.url, ['incident.opened', 'incident.resolved'], ['incidents:read'], new Date());
      for (const text of ['The VPN is down for our whole team', 'VPN down here too, whole team cannot connect', 'Our VPN is down, nobody can connect']) {
        const chat = await chatSession(t.url);
        await chat.post(text);
        await t.app.engine.idle();
      }
      await t.app.majorIncidents.idle();
      const [incident] = await t.app.majorIncidents.list();
      expect(incident).toBeDefined();
      await t.app.majorIncidents.resolveMajorIncident(incident.number, 'The VPN concentrator was replaced', new Date());
      t.app.webhooks.kick();
      const got = await waitFor(() => (receiver.delivered().length >= 2 ? receiver.delivered() : null), 5000, 'incident events');
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.delivered().map((e) => [e.type, e.data.incident.number])).toEqual([['incident.opened', incident.number], ['incident.resolved', incident.number]]);
      expect(got[1].data.incident.resolution).toBe('The VPN concentrator was replaced');
      // No ticket (and so no person) in an incidents-only payload.
      expect(JSON.stringify(receiver.delivered())).not.toMatch(/INC-\d|webchat/);
      await receiver.close();
    } finally {
      await t.stop();
    }
  });
});

describe('webhooks out: erasure', () => {
  test('users erase removes the person from the delivery log and from deliveries still waiting', async () => {
    const t = await startApiApp({ WEBHOOK_BASE_DELAY_MS: '40' });
    try {
      const { erasePersonalData } = await import('../../src/store/personal-data');
      const sent = await startReceiver();
      const down = await startReceiver(() => 503);
      const subs = new Subscriptions(t.app.webhookStore);
      await subs.add(sent.url, ['ticket.created'], ['tickets:read', 'people:read'], new Date());
      await subs.add(down.url, ['ticket.created'], ['tickets:read', 'people:read'], new Date());
      const chat = await chatSession(t.url);
      await chat.post('My laptop screen is cracked, I am Zoe Quinn');
      await t.app.engine.idle();
      await waitFor(() => sent.delivered().length === 1, 5000, 'delivered');
      const userId = (t.app.sqliteStore().db.prepare('SELECT id FROM users').get() as { id: number }).id;
      erasePersonalData(t.app.sqliteStore().db, String(userId), new Date());
      const rows = t.app.sqliteStore().db.prepare('SELECT status, payload_json FROM webhook_deliveries').all() as { status: string; payload_json: string }[];
      expect(rows.map((r) => r.status)).toEqual(['pending']);
      expect(JSON.parse(rows[0].payload_json).data).toEqual({ ticket: { number: expect.stringMatching(/^INC-/) }, change: { kind: 'personal_data_erased' } });
      expect(rows[0].payload_json).not.toContain('Zoe');
      await sent.close();
      await down.close();
    } finally {
      await t.stop();
    }
  });
});
