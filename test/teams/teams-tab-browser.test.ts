import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { JwksStandIn } from './helpers/jwks-stand-in';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

const SSO_APP = '7d1c2b3a-9e8f-4a5b-8c7d-6e5f4a3b2c1d';
const PUBLIC_URL = 'https://helpdesk.contoso.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const personal = fixture('personal-message');
const ALICE = (personal.from as { aadObjectId: string }).aadObjectId;
const HOST = 'https://teams.microsoft.com/_test/host';

/**
 * A stand-in for the Teams web client: a page at https://teams.microsoft.com (one of the origins teams-js trusts)
 * that frames the tab and answers the teams-js host protocol (postMessage requests { id, uuidAsString, func, args },
 * answers { id, uuidAsString, args }) for initialize, getContext and authentication.getAuthToken. Every call's func
 * is kept in window.calls.
 */
function hostPage(tabUrl: string, context: Record<string, unknown>, token: string | null): string {
  return `<!doctype html><html lang="en"><head><title>Microsoft Teams (stand-in)</title></head><body>
<iframe title="My tickets" src="${tabUrl}" style="width:900px;height:700px"></iframe>
<script>
window.calls = [];
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m.func !== 'string' || typeof m.id !== 'number') return;
  window.calls.push(m.func);
  const reply = (args) => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
  if (m.func === 'initialize') reply(['content', 'web', '2.58.0']);
  else if (m.func === 'getContext') reply([${JSON.stringify(context)}]);
  else if (m.func === 'authentication.getAuthToken') reply(${token === null ? "[false, 'resourceRequiresConsent']" : `[true, ${JSON.stringify(token)}]`});
});
</script></body></html>`;
}

describe('Teams "My tickets" personal tab (Chromium)', () => {
  let h: TeamsHarness;
  let jwks: JwksStandIn;
  let browser: Browser;
  let context: BrowserContext;
  let ticket: string;
  let signedQuery: string;
  const authorizations: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    jwks = new JwksStandIn();
    await jwks.start();
    h = await startTeamsHarness({ TEAMS_SSO_APP_ID: SSO_APP, TEAMS_SSO_JWKS_URL: jwks.url, PUBLIC_URL });
    await h.post(fixture('install-personal', {}, h.connector.serviceUrl));
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.settle();
    const conversation = (await h.app.store.findConversation({ channel: 'teams', conversationId: (personal.conversation as { id: string }).id }))!;
    ticket = (await h.app.store.getTicket(conversation.ticketId!))!.number;
    const welcome = h.connector.posted().map((p) => String(p.body.text)).find((t) => t.includes('/teams/my-tickets?'))!;
    const link = new URL(/\((https?:\/\/[^)]+\/teams\/my-tickets\?[^)]+)\)/.exec(welcome)![1].replace(/&amp;/g, '&'));
    signedQuery = link.search;
  });
  afterAll(async () => {
    await browser.close();
    await disposeTeamsHarness(h);
    await jwks.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    // The service answers as https://helpdesk.contoso.com (PUBLIC_URL); requests go to the local server.
    await context.route(`${PUBLIC_URL}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith('/teams/tab/api/')) authorizations.push(route.request().headers().authorization ?? '(none)');
      await route.fulfill({ response: await route.fetch({ url: `${h.url}${url.pathname}${url.search}` }) });
    });
  });
  afterEach(() => context.close());

  const tabFrame = async (page: Page): Promise<Frame> => {
    await page.waitForFunction(() => document.querySelector('iframe') !== null);
    const frame = await (await page.$('iframe'))!.contentFrame();
    return frame!;
  };

  test('inside Teams: initialize, context (Chinese, dark), getAuthToken; lists the ticket with the Bearer token; a ticket change shows within 30 s', async () => {
    const token = await jwks.token(SSO_APP, ALICE, TENANT);
    await context.route(HOST, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(`${PUBLIC_URL}/teams/tab`, { locale: 'zh-cn', theme: 'dark', entityId: 'myTickets', userObjectId: ALICE, tid: TENANT }, token) }));
    const page = await context.newPage();
    await page.clock.install();
    authorizations.length = 0;
    await page.goto(HOST);
    const tab = await tabFrame(page);

    const item = tab.locator(`li[data-ticket="${ticket}"]`);
    await item.waitFor();
    expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    expect(authorizations).toEqual([`Bearer ${token}`]);
    expect(await tab.locator('h1').textContent()).toBe('我的 IT 工单');
    expect(await tab.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await tab.locator('body').getAttribute('data-theme')).toBe('dark');
    expect(await item.locator('.next').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await item.locator('.meta').getAttribute('data-due')).toBeTruthy();
    expect(await seriousA11yViolations(tab)).toEqual([]);

    // The ticket waits for Alice now: the tab shows it after its next half-minute look, without a reload.
    const conversation = (await h.app.store.findConversation({ channel: 'teams', conversationId: (personal.conversation as { id: string }).id }))!;
    await h.app.store.commitTurn({ conversationId: conversation.id, expectedVersion: conversation.version, mode: conversation.mode, lang: 'zh', state: conversation.state,
      tickets: [{ kind: 'update', ticketId: conversation.ticketId!, fields: { status: 'pending_user' } }], events: [], outbound: [], now: new Date().toISOString() });
    expect(await item.locator('.status').textContent()).not.toBe('等待您回复');
    await page.clock.fastForward(31_000);
    await tab.waitForFunction((n) => document.querySelector(`li[data-ticket="${n}"] .status`)?.textContent === '等待您回复', ticket);
    expect(await item.locator('.next').textContent()).toContain('请在与机器人的聊天中回复');
    expect(await item.locator('.meta').getAttribute('data-due')).toBeNull(); // the clock is paused while it waits for her
    expect(authorizations.length).toBe(2);
  });

  test('inside Teams when SSO fails (no consent): the tab says so, or falls back to the signed link it was opened with', async () => {
    await context.route(HOST, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(`${PUBLIC_URL}/teams/tab`, { locale: 'en-us', theme: 'default' }, null) }));
    const page = await context.newPage();
    await page.goto(HOST);
    const tab = await tabFrame(page);
    await tab.waitForFunction(() => document.getElementById('state')?.className === 'bad');
    expect(await tab.locator('#state').textContent()).toContain('could not sign you in');
    expect(await tab.locator('li').count()).toBe(0);

    await context.route(`${HOST}?link`, (route) => route.fulfill({ contentType: 'text/html', body: hostPage(`${PUBLIC_URL}/teams/tab${signedQuery}`, { locale: 'en-us' }, null) }));
    await page.goto(`${HOST}?link`);
    const linked = await tabFrame(page);
    await linked.locator(`li[data-ticket="${ticket}"]`).waitFor();
  });

  test('outside Teams: the signed link lists the tickets (its language, default theme); without one the page says where to open it', async () => {
    const page = await context.newPage();
    authorizations.length = 0;
    await page.goto(`${PUBLIC_URL}/teams/tab${signedQuery}`);
    await page.locator(`li[data-ticket="${ticket}"]`).waitFor();
    expect(authorizations).toEqual(['(none)']);
    expect(await page.locator('h1').textContent()).toBe('我的 IT 工单'); // the welcome's link carries l=zh (the install was zh-CN)
    expect(await page.locator('body').getAttribute('data-theme')).toBe('default');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`${PUBLIC_URL}/teams/tab`);
    await page.waitForFunction(() => document.getElementById('state')?.className === 'bad');
    expect(await page.locator('#state').textContent()).toMatch(/Open this page from the Frontdesk app in Teams|请在 Teams/);
    expect(await page.locator('li').count()).toBe(0);

    const tampered = new URLSearchParams(signedQuery);
    tampered.set('u', '1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0');
    await page.goto(`${PUBLIC_URL}/teams/tab?${tampered}`);
    await page.waitForFunction(() => document.getElementById('state')?.className === 'bad');
    expect(await page.locator('li').count()).toBe(0);
  });
});
