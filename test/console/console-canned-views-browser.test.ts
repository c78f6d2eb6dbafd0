import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { waitFor } from '../helpers/test-app';
import { consoleWithEscalation, loginAs, signIn } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('agent workspace in Chromium: canned responses with placeholders, saved views per agent, keyboard shortcuts (#21 features)', () => {
  const suite = consoleWithEscalation();

  async function agentPage(login: string, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
    const page = await (await suite.browser.newContext({ viewport })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.t.url, login);
    return { page, errors };
  }

  test('an agent writes a shared canned response, inserts it with the name and ticket filled in, edits and deletes it', async () => {
    const { t } = suite;
    const ticket = (await t.app.store.getTicketByNumber('INC-000001'))!;
    t.app.sqliteStore().db.prepare('UPDATE users SET name = ? WHERE id = ?').run('Wang Fang', ticket.requesterId);
    const { page, errors } = await agentPage('alice');
    await page.locator('#queue button[data-number="INC-000001"]').click();
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();

    await page.getByLabel('Title').fill('VPN reset');
    await page.getByLabel('Text', { exact: true }).fill('Hello {{name}}, {{ticket}} is fixed. {{agent}}');
    await page.getByRole('button', { name: 'Save canned response' }).click();
    await page.locator('#canned-list li', { hasText: 'VPN reset' }).waitFor();
    expect(t.app.sqliteStore().db.prepare('SELECT title, owner_id, created_by FROM canned_responses').all()).toEqual([{ title: 'VPN reset', owner_id: null, created_by: 'alice' }]);

    await page.getByLabel('Message to the user, or internal note').fill('Update: ');
    await page.getByLabel('Canned response', { exact: true }).selectOption({ label: 'VPN reset (English, shared)' });
    await page.getByRole('button', { name: 'Insert' }).click();
    expect(await page.getByLabel('Message to the user, or internal note').inputValue()).toBe('Update: Hello Wang Fang, INC-000001 is fixed. Alice Chen');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Shared: bob (another group) has it too, over the API.
    const bob = await loginAs(t.url, 'bob');
    expect(((await (await bob.get('/console/api/canned')).json()) as { canned: { title: string }[] }).canned.map((c) => c.title)).toEqual(['VPN reset']);

    await page.getByRole('button', { name: 'Edit canned response VPN reset' }).click();
    await page.getByLabel('Text', { exact: true }).fill('Please reconnect, {{name}}.');
    await page.getByRole('button', { name: 'Save canned response' }).click();
    await waitFor(() => (t.app.sqliteStore().db.prepare('SELECT body FROM canned_responses').get() as { body: string }).body === 'Please reconnect, {{name}}.', 5000, 'canned response changed');
    await page.getByRole('button', { name: 'Delete canned response VPN reset' }).click();
    await page.locator('#canned-empty').waitFor({ state: 'visible' });
    expect(t.app.sqliteStore().db.prepare('SELECT count(*) AS n FROM canned_responses').get()).toEqual({ n: 0 });
    expect(errors).toEqual([]);
  }, 60_000);

  test('the current search is saved as a named view in the sidebar, kept across reloads, per agent', async () => {
    const { t } = suite;
    const { page, errors } = await agentPage('alice');
    await page.getByLabel('Status').selectOption('all');
    await page.getByLabel('Priority').selectOption('P2');
    await page.getByLabel('Save this search as').fill('All my P2s');
    await page.getByRole('button', { name: 'Save view' }).click();
    const view = page.locator('#views').getByRole('button', { name: 'All my P2s', exact: true });
    await view.waitFor();
    expect(t.app.sqliteStore().db.prepare('SELECT agent_id, name, query FROM saved_views').all()).toEqual([{ agent_id: 'alice', name: 'All my P2s', query: 'status=all&priority=P2' }]);

    await page.goto(`${t.url}/console`);
    await page.locator('#who').filter({ hasText: /\w/ }).waitFor();
    expect(await page.getByLabel('Priority').inputValue()).toBe('');
    await view.click();
    await waitFor(() => new URL(page.url()).search === '?status=all&priority=P2', 5000, 'view in the address');
    expect(await page.getByLabel('Status').inputValue()).toBe('all');
    expect(await view.getAttribute('aria-current')).toBe('true');
    await page.locator('#queue button[data-number="INC-000001"]').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const bob = await agentPage('bob', PHONE);
    await bob.page.locator('#views-empty').waitFor({ state: 'visible' });
    expect(await bob.page.locator('#views li').count()).toBe(0);
    expect(await bob.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yViolations(bob.page)).toEqual([]);

    await page.getByRole('button', { name: 'Delete view All my P2s' }).click();
    await page.locator('#views-empty').waitFor({ state: 'visible' });
    expect(t.app.sqliteStore().db.prepare('SELECT count(*) AS n FROM saved_views').get()).toEqual({ n: 0 });
    expect([...errors, ...bob.errors]).toEqual([]);
  }, 60_000);

  test('"?" lists the keyboard shortcuts, Esc closes the list, "/" goes to the search; typing in a field is left alone', async () => {
    const { page, errors } = await agentPage('alice');
    await page.locator('#queue button[data-number="INC-000001"]').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.locator('dd').allTextContents()).toEqual(['Send the reply', 'Search the queue', 'Show this list', 'Close this list']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('?/');
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('?/');
    expect(await dialog.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);
});
