import { seriousA11yViolations } from '../helpers/axe';
import { chatSession } from '../helpers/sse';
import { consoleWithEscalation, loginAs, openConsoleTicket } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('merging a duplicate ticket from the console in Chromium (#21 ticket editing: merge)', () => {
  const suite = consoleWithEscalation();

  const onTicket = (login: string, number: string, viewport = DESKTOP) => openConsoleTicket(suite, login, number, viewport);

  test('a Chinese duplicate from another person moves into the ticket, is closed, its requester told in Chinese; it cannot be merged again', async () => {
    const { store } = suite.t.app;
    // Another person reports the same outage in Chinese: INC-000002.
    const other = await chatSession(suite.t.url);
    await other.post('我们整个团队的 VPN 都断了，无法连接');
    await suite.t.app.engine.idle();
    const duplicate = (await store.getTicketByNumber('INC-000002'))!;
    expect(duplicate.status).not.toBe('closed');

    // bob works another group: he cannot merge what he cannot see (the same 404 as an unknown number).
    const bob = await loginAs(suite.t.url, 'bob');
    expect((await bob.act('INC-000002', 'merge', { into: 'INC-000001' })).status).toBe(404);
    const alice = await loginAs(suite.t.url, 'alice');
    expect((await alice.act('INC-000002', 'merge', { into: 'INC-000002' })).status).toBe(400);
    expect((await alice.act('INC-000002', 'merge', { into: 'not a number' })).status).toBe(400);

    const { page, errors } = await onTicket('alice', 'INC-000002');
    await page.getByLabel('Merge this ticket into (ticket number)').fill('inc-000001');
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.locator('#action-status', { hasText: 'INC-000002 merged into INC-000001.' }).waitFor();
    await page.locator('#events li', { hasText: 'Alice Chen · merged into INC-000001' }).waitFor();
    expect(await page.getByRole('button', { name: 'Merge', exact: true }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const closed = (await store.getTicketByNumber('INC-000002'))!;
    expect(closed.status).toBe('closed');
    const target = (await store.getTicketByNumber('INC-000001'))!;
    expect((await store.ticketEvents(closed.id)).filter((e) => e.kind === 'merged_into').map((e) => e.data)).toEqual([{ by: 'Alice Chen', target: 'INC-000001' }]);
    expect((await store.ticketEvents(target.id)).filter((e) => e.kind === 'merged_from').map((e) => e.data))
      .toEqual([{ by: 'Alice Chen', ticket: 'INC-000002', requesterId: duplicate.requesterId, watcher: true }]);
    const told = (await store.transcript(closed.conversationId)).filter((m) => m.direction === 'out' && m.text.includes('合并'));
    expect(told.map((m) => m.text)).toEqual(['服务台发现 **INC-000002** 与 **INC-000001** 是同一个问题，已将两者合并：INC-000002 已关闭，后续在 INC-000001 中处理。']);

    // Merged already: a second merge (a retry, another agent) is refused and changes nothing.
    const again = await alice.act('INC-000002', 'merge', { into: 'INC-000001' });
    expect(again.status).toBe(409);
    expect((await store.ticketEvents(target.id)).filter((e) => e.kind === 'merged_from')).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 60_000);

  test('on a phone, the target shows the duplicate\'s conversation and audit lines marked with its number, and its requester as a watcher', async () => {
    const { page, errors } = await onTicket('root', 'INC-000001', PHONE);
    await page.locator('#transcript li', { hasText: '我们整个团队的 VPN 都断了' }).filter({ hasText: 'From INC-000002' }).waitFor();
    await page.locator('#transcript li', { hasText: 'The VPN is down for our whole team' }).waitFor();
    await page.locator('#events li', { hasText: 'Alice Chen · merged from INC-000002' }).waitFor();
    await page.locator('#events li', { hasText: 'From INC-000002' }).first().waitFor();
    await page.locator('#watchers li', { hasText: 'Watcher: ' }).filter({ hasText: '(from INC-000002)' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
