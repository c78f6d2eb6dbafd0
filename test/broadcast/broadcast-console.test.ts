import { mountDashboard } from '../../src/console/dashboard';
import { sqliteCoreStores } from '../../src/store/core-stores';
import type { SqliteStore } from '../../src/store/sqlite-store';
import { botMessages, loginAs, startConsoleApp } from '../console/helpers';
import { chatSession } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';

describe('broadcasts and the dashboard API in the running app', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let dashboard: ReturnType<typeof mountDashboard>;
  beforeAll(async () => {
    t = await startConsoleApp();
    const { store, engine, log, config } = t.app;
    const { kpi, kbFeedback, broadcasts: broadcastStore, webhooks: webhookStore } = sqliteCoreStores(store as SqliteStore);
    dashboard = mountDashboard(t.app.router, { store, agentStore: t.agentStore, engine, log, clock: () => new Date(), config, kpi, kbFeedback, broadcastStore, webhookStore });
  });
  afterAll(async () => {
    await dashboard?.stop();
    await t?.stop();
  });

  test('an admin posts a notice: the web chat user gets it once, then the follow-up on close; agents may not', async () => {
    // Arrange: a user who talked to the bot, an admin and an agent in the console.
    const chat = await chatSession(t.url);
    const user = chat.events();
    await user.opened;
    await chat.post('hello');
    await waitFor(() => botMessages(user.events).length > 0, 5000, 'greeting');
    const root = await loginAs(t.url, 'root');
    const alice = await loginAs(t.url, 'alice');

    // Act: post through the console API (CSRF and admin role checked).
    expect((await alice.post('/console/api/broadcasts', { text: 'Mail is down in Shanghai, we are on it' })).status).toBe(403);
    expect((await root.post('/console/api/broadcasts', { text: 'Mail is down in Shanghai, we are on it' }, null)).status).toBe(403);
    expect((await root.post('/console/api/broadcasts', { text: 'no' })).status).toBe(400);
    // This app has no Slack channel: posting into a Slack channel is refused rather than queued to fail.
    const noSlack = await root.post('/console/api/broadcasts', { text: 'Mail is down in Shanghai', audience: { slackChannels: ['C0ITNEWS'] } });
    expect([noSlack.status, ((await noSlack.json()) as { error: string }).error]).toEqual([400, expect.stringMatching(/Slack is not configured/)]);
    const posted = await root.post('/console/api/broadcasts', { text: 'Mail is down in Shanghai, we are on it', audience: { channels: ['webchat'] } });
    expect(posted.status).toBe(201);
    const { broadcast, audience } = (await posted.json()) as { broadcast: { id: number }; audience: number };
    expect(audience).toBe(1);

    // Assert: the notice arrives over the web chat stream, once.
    const notice = '**IT notice**: Mail is down in Shanghai, we are on it';
    await waitFor(() => botMessages(user.events).some((m) => m.text === notice), 5000, 'notice');
    expect((await root.post(`/console/api/broadcasts/${broadcast.id}/close`, { note: 'Mail is back, thanks for your patience' })).status).toBe(200);
    await waitFor(() => botMessages(user.events).some((m) => m.text.includes('Mail is back')), 5000, 'follow-up');
    expect(botMessages(user.events).filter((m) => m.text === notice)).toHaveLength(1);
    expect((await root.post(`/console/api/broadcasts/${broadcast.id}/close`, { note: 'again and again' })).status).toBe(400);
    const list = (await (await root.get('/console/api/broadcasts')).json()) as { broadcasts: { status: string; progress: { notice: { sent: number } } }[] };
    expect(list.broadcasts[0]).toMatchObject({ status: 'closed', progress: { notice: { sent: 1 } } });
    user.close();
  });

  test('at start the app finishes deliveries a previous process left pending', async () => {
    const chat = await chatSession(t.url);
    const user = chat.events();
    await user.opened;
    await chat.post('hello');
    await waitFor(() => botMessages(user.events).length > 0, 5000, 'greeting');
    // Posted by a process that died before sending: deliveries exist, no outbox rows.
    dashboard.broadcasts.broadcasts.create({ text: 'Printers on floor 3 are offline', audience: { channels: ['webchat'], categories: [] }, createdBy: 'cli:ops' }, new Date().toISOString());
    dashboard.start();
    await waitFor(() => botMessages(user.events).some((m) => m.text.includes('Printers on floor 3 are offline')), 5000, 'resumed notice');
    user.close();
  });

  test('dashboard: admins only; the JSON carries the report and the daily series', async () => {
    const root = await loginAs(t.url, 'root');
    const alice = await loginAs(t.url, 'alice');
    expect((await alice.get('/console/api/dashboard')).status).toBe(403);
    expect((await fetch(`${t.url}/console/dashboard`, { redirect: 'manual' })).status).toBe(303);
    expect((await alice.get('/console/dashboard')).status).toBe(403);
    const chat = await chatSession(t.url);
    await chat.post('The VPN is down for the whole team');
    await waitFor(async () => (await t.app.store.getTicketByNumber('INC-000001')) !== null, 5000, 'ticket');
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const res = await root.get(`/console/api/dashboard?from=${threeDaysAgo}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: { overall: { opened: number }; notifications: { users: number }; backlog: { total: number } }; series: unknown[] };
    expect(body.report.overall.opened).toBe(1);
    expect(body.report.backlog.total).toBe(1);
    // The web chat users of the two tests above received notices.
    expect(body.report.notifications.users).toBe(2);
    // One point per UTC day: three whole days and today so far.
    expect(body.series).toHaveLength(4);
    expect((await root.get('/console/api/dashboard?from=garbage')).status).toBe(400);
    const page = await root.get('/console/dashboard');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await page.text()).match(/<svg /g)).toHaveLength(5);
  });
});
