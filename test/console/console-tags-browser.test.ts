import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, loginAs, openConsoleTicket } from './helpers';

const PHONE = { width: 390, height: 844 };

describe('tags on tickets in the console, in Chromium (#21 ticket editing: tags)', () => {
  const suite = consoleWithEscalation();

  test('an agent adds tags in the ticket pane: on the row, in the audit log with her name, found by tag:vpn; one removed again', async () => {
    const { store } = suite.t.app;
    const { page, errors } = await openConsoleTicket(suite, 'alice', 'INC-000001');
    expect(await page.locator('#tags-empty').isVisible()).toBe(true);
    await page.getByLabel('Add tags').fill('#VPN, 远程办公');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Show tickets tagged vpn' }).waitFor();
    await page.getByRole('button', { name: 'Show tickets tagged 远程办公' }).waitFor();
    expect(await page.getByLabel('Add tags').inputValue()).toBe('');
    await page.locator('#events li', { hasText: 'Alice Chen · edited: tags — → vpn, 远程办公' }).waitFor();
    await page.locator('#queue button[data-number="INC-000001"] .row-tags', { hasText: '#vpn #远程办公' }).waitFor();
    const ticket = (await store.getTicketByNumber('INC-000001'))!;
    expect(ticket.tags).toEqual(['vpn', '远程办公']);
    expect((await store.ticketEvents(ticket.id)).filter((e) => e.kind === 'edited').map((e) => e.data))
      .toEqual([{ by: 'Alice Chen', changes: { tags: { from: [], to: ['vpn', '远程办公'] } } }]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Searching: tag:vpn finds it, a tag nobody set finds nothing; the tag's button sets that search.
    await page.getByLabel('Search', { exact: true }).fill('tag:printer');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#queue-empty', { hasText: 'No tickets match.' }).waitFor();
    await page.getByRole('button', { name: 'Show tickets tagged vpn' }).click();
    await page.locator('#queue button[data-number="INC-000001"]').waitFor();
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('tag:vpn');
    expect(new URL(page.url()).searchParams.get('q')).toBe('tag:vpn');

    await page.getByRole('button', { name: 'Remove tag vpn' }).click();
    await page.locator('#events li', { hasText: 'Alice Chen · edited: tags vpn, 远程办公 → 远程办公' }).waitFor();
    expect((await store.getTicketByNumber('INC-000001'))!.tags).toEqual(['远程办公']);
    // The queue still searches tag:vpn: the ticket no longer matches.
    await page.locator('#queue-empty', { hasText: 'No tickets match.' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  test('the server checks tags: spaces or too many are a 400, another group\'s ticket a 404, the same tag again changes nothing', async () => {
    const alice = await loginAs(suite.t.url, 'alice');
    expect((await alice.act('INC-000001', 'edit', { addTags: ['two words'] })).status).toBe(400);
    expect((await alice.act('INC-000001', 'edit', { addTags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).status).toBe(400);
    expect((await alice.act('INC-000001', 'edit', { addTags: Array.from({ length: 20 }, (_, i) => `t${i}`) })).status).toBe(400);
    expect((await alice.act('INC-000001', 'edit', { addTags: ['远程办公'] })).status).toBe(400); // nothing to change
    const bob = await loginAs(suite.t.url, 'bob');
    expect((await bob.act('INC-000001', 'edit', { addTags: ['vpn'] })).status).toBe(404);
    expect((await alice.get('/console/api/queue?tag=has%20space')).status).toBe(400);
    const found = await (await alice.get('/console/api/queue?status=all&q=tag%3A%E8%BF%9C%E7%A8%8B%E5%8A%9E%E5%85%AC')).json() as { tickets: { number: string; tags: string[] }[] };
    expect(found.tickets.map((t) => [t.number, t.tags])).toEqual([['INC-000001', ['远程办公']]]);
    expect((await suite.t.app.store.getTicketByNumber('INC-000001'))!.tags).toEqual(['远程办公']);
  }, 30_000);

  test('on a phone, in Chinese: the tags show and a tag is added', async () => {
    const { page, errors } = await openConsoleTicket(suite, 'root', 'INC-000001', PHONE);
    await page.getByLabel('Console language').selectOption('zh');
    await page.locator('#tags-title', { hasText: '标签' }).waitFor();
    await page.getByLabel('添加标签').fill('网络');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByRole('button', { name: '显示带标签 网络 的工单' }).waitFor();
    expect(await page.getByRole('button', { name: '删除标签 远程办公' }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.getByLabel('界面语言').selectOption('en');
  }, 60_000);
});
