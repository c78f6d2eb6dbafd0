import { seedTickets } from '../../src/bench/seed-tickets';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, signIn } from './helpers';

describe('bulk actions in Chromium: select queue rows, assign them, resolve them; per-agent dashboard figures (#21 features)', () => {
  const suite = consoleWithEscalation();

  test('an admin selects three rows, assigns them to Alice, then resolves two; the queue and the selection follow', async () => {
    const { t } = suite;
    const numbers = await Promise.all(seedTickets(t.app.sqliteStore().db, 3, new Date(), ['escalated']).map(async (id) => (await t.app.store.getTicket(id))!.number));
    const page = await (await suite.browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, t.url, 'root');
    for (const n of numbers) await page.getByRole('checkbox', { name: `Select ${n}` }).check();
    await page.locator('#bulk-count', { hasText: '3 selected' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Assign to').selectOption('alice');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.locator('#bulk-status', { hasText: 'Done: 3.' }).waitFor();
    for (const n of numbers) expect((await t.app.store.getTicketByNumber(n))!.agentId).toBe('alice');
    // Done rows leave the selection, the bar goes with it.
    await page.locator('#bulk').waitFor({ state: 'hidden' });
    expect(await page.locator('#queue .pick:checked').count()).toBe(0);

    for (const n of numbers.slice(0, 2)) await page.getByRole('checkbox', { name: `Select ${n}` }).check();
    await page.getByLabel('Resolution', { exact: true }).fill('Replaced the access switch');
    await page.getByRole('button', { name: 'Resolve selected' }).click();
    await page.locator('#bulk').waitFor({ state: 'hidden' });
    expect(await Promise.all(numbers.map(async (n) => (await t.app.store.getTicketByNumber(n))!.status))).toEqual(['resolved', 'resolved', 'in_progress']);
    await page.locator(`#queue button[data-number="${numbers[0]}"]`).waitFor({ state: 'detached' });
    expect(await page.locator(`#queue button[data-number="${numbers[2]}"]`).count()).toBe(1);

    // The dashboard's per-agent figures: Alice owns one open ticket and resolved two today.
    await page.goto(`${t.url}/console/dashboard`);
    const row = page.locator('#agent-figures tbody tr', { hasText: 'Alice Chen' });
    expect((await row.locator('td').allTextContents()).slice(0, 3)).toEqual(['Alice Chen', '1', '2']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
