import type Database from 'better-sqlite3';
import { seriousA11yViolations } from '../helpers/axe';
import { chatSession } from '../helpers/sse';
import { consoleWithEscalation, openConsoleTicket } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('the customer view in the ticket pane, in Chromium (#21 customer view)', () => {
  const suite = consoleWithEscalation();
  let secondSession = '';

  beforeAll(async () => {
    const { store } = suite.t.app;
    // The same person writes again from another browser: INC-000002 on a second web chat account.
    const other = await chatSession(suite.t.url);
    secondSession = other.cookie.split('=')[1];
    await other.post('My laptop screen flickers since this morning');
    await suite.t.app.engine.idle();
    const first = (await store.getTicketByNumber('INC-000001'))!;
    const second = (await store.getTicketByNumber('INC-000002'))!;
    expect(second.requesterId).not.toBe(first.requesterId);
    // Both accounts and a Slack account carry her address (in any case); a stranger's does not.
    await store.updateUserProfile(first.requesterId, { name: 'Mei Wang', email: 'Mei.Wang@example.com', department: 'Finance' }, new Date().toISOString());
    await store.updateUserProfile(second.requesterId, { name: 'Mei Wang', email: 'mei.wang@EXAMPLE.com' }, new Date().toISOString());
    const db = (store as unknown as { db: Database.Database }).db;
    const add = db.prepare("INSERT INTO users (channel, platform_user_id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
    add.run('slack', 'U0MEIWANG', 'Mei', 'mei.wang@example.com');
    add.run('slack', 'U0STRANGER', 'Other', 'someone@example.com');
  });

  const onTicket = (login: string, number: string, viewport = DESKTOP) => openConsoleTicket(suite, login, number, viewport);

  test('name, e-mail, department and every channel account; an earlier ticket from her other account opens from its link', async () => {
    const { page, errors } = await onTicket('alice', 'INC-000002');
    await page.locator('#requester dd', { hasText: 'Mei Wang' }).waitFor();
    const requester = (await page.locator('#requester').textContent())!;
    expect(requester).toContain('mei.wang@EXAMPLE.com');
    expect(requester).toContain('Slack: U0MEIWANG');
    expect(requester).toContain('Web chat');
    expect(requester).not.toContain('U0STRANGER');
    // A web chat account is known by its session: never shown.
    expect(await page.locator('body').textContent()).not.toContain(secondSession);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const link = page.locator('#history a', { hasText: 'INC-000001' });
    expect(await link.getAttribute('href')).toBe('/console/tickets/INC-000001');
    await link.click();
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/tickets/INC-000001');
    await page.locator('#requester dd', { hasText: 'Finance' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  test('on a phone the customer view lists the later ticket as a link, with no serious accessibility fault', async () => {
    const { page, errors } = await onTicket('root', 'INC-000001', PHONE);
    await page.locator('#history a', { hasText: 'INC-000002' }).waitFor();
    expect(await page.locator('#requester').textContent()).toContain('Slack: U0MEIWANG');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
