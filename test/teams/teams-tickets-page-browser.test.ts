import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

describe('Teams "My tickets" page, opened from the signed link in the welcome (Chromium)', () => {
  let h: TeamsHarness;
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(() => disposeTeamsHarness(h));

  test('lists the person\'s open ticket in their language, refreshed on reload; an altered link is refused', async () => {
    // Install (zh-CN client): the welcome carries the signed link.
    await h.post(fixture('install-personal', {}, h.connector.serviceUrl));
    await h.settle();
    const welcome = String(h.connector.posted()[0].body.text);
    const link = /\((https?:\/\/[^)]+\/teams\/my-tickets\?[^)]+)\)/.exec(welcome)?.[1];
    expect(link).toBeDefined();
    // The text goes out HTML-escaped (&amp;), which the Teams client decodes as a browser does.
    const local = new URL(link!.replace(/&amp;/g, '&'));
    const url = `${h.url}${local.pathname}${local.search}`;
    const tab = await browser.newPage();
    // Before any ticket: none listed.
    expect((await tab.goto(url))?.status()).toBe(200);
    expect(await tab.locator('h1').textContent()).toBe('我的 IT 工单');
    expect(await tab.locator('li[data-ticket]').count()).toBe(0);
    // It re-reads itself every minute while open, so a ticket change shows without a click.
    expect(await tab.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('60');
    // Alice reports a problem; the page shows the ticket after a reload.
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.settle();
    const conversation = (await h.app.store.findConversation({ channel: 'teams', conversationId: (fixture('personal-message').conversation as { id: string }).id }))!;
    const ticket = (await h.app.store.getTicket(conversation.ticketId!))!;
    await tab.reload();
    expect(await tab.locator(`li[data-ticket="${ticket.number}"]`).textContent()).toContain(ticket.summary);
    // Someone else's id with Alice's signature: refused, nothing listed.
    const forged = new URL(url);
    forged.searchParams.set('u', 'someone-else');
    expect((await tab.goto(forged.toString()))?.status()).toBe(403);
    expect(await tab.locator('li').count()).toBe(0);
    expect(await tab.locator('.bad').textContent()).toContain('链接无效');
    await tab.close();
  });
});
