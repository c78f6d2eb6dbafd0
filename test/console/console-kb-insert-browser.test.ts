import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, loginAs, openConsoleTicket } from './helpers';

const PHONE = { width: 390, height: 844 };

describe('inserting a knowledge-base section into a reply, in Chromium (#21 canned responses: KB article section)', () => {
  const suite = consoleWithEscalation();

  test('an agent finds the VPN article, inserts its "If it fails" section with the article\'s link, and sends it', async () => {
    const { store } = suite.t.app;
    const { page, errors } = await openConsoleTicket(suite, 'alice', 'INC-000001');
    await page.getByRole('button', { name: 'Take over' }).click();
    await page.locator('#details dd', { hasText: 'alice' }).waitFor();
    await page.getByText('Insert from the knowledge base').click();
    await page.getByLabel('Search articles').fill('vpn error 809');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.locator('#kb-results a', { hasText: 'Connect to the company VPN (GlobalProtect)' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Message to the user, or internal note').fill('Hello, please try this:');
    await page.getByRole('button', { name: 'Insert "If it fails" from Connect to the company VPN (GlobalProtect)' }).click();
    const draft = await page.getByLabel('Message to the user, or internal note').inputValue();
    expect(draft).toMatch(/^Hello, please try this:\n\nIf it fails\n1\. Disconnect, quit GlobalProtect and open it again\.\n[\s\S]+\nhttps?:\/\/[^\s]+\/kb\/vpn-connect$/);
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    await page.locator('#transcript li', { hasText: 'Disconnect, quit GlobalProtect' }).waitFor();
    const ticket = (await store.getTicketByNumber('INC-000001'))!;
    const sent = (await store.transcript(ticket.conversationId)).filter((m) => m.direction === 'out' && m.text.includes('GlobalProtect'));
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain('/kb/vpn-connect');
    expect(errors).toEqual([]);
  }, 60_000);

  test('the picker searches in the agent\'s language: in Chinese on a phone it inserts the Chinese section and its ?lang=zh link', async () => {
    const { page, errors } = await openConsoleTicket(suite, 'root', 'INC-000001', PHONE);
    await page.getByLabel('Console language').selectOption('zh');
    await page.getByText('从知识库插入').click();
    await page.getByLabel('搜索文章').fill('VPN 连不上');
    await page.getByLabel('搜索文章').press('Enter');
    await page.locator('#kb-results a', { hasText: '连接公司 VPN（GlobalProtect）' }).waitFor();
    await page.getByRole('button', { name: '插入“连接公司 VPN（GlobalProtect）”中的“步骤”' }).click();
    const draft = await page.getByLabel('给用户的消息或内部备注').inputValue();
    expect(draft).toMatch(/^步骤\n[\s\S]+\/kb\/vpn-connect\?lang=zh$/);
    await page.locator('#announce', { hasText: '已将段落插入回复。' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('the API: sections with kb: links written out as addresses; an empty search or an unknown language is a 400', async () => {
    const alice = await loginAs(suite.t.url, 'alice');
    const found = (await (await alice.get('/console/api/kb?q=vpn&lang=en')).json()) as { articles: { id: string; lang: string; url: string; sections: { heading: string; text: string }[] }[] };
    const vpn = found.articles.find((a) => a.id === 'vpn-connect')!;
    expect(vpn.lang).toBe('en');
    const check = vpn.sections.find((s) => s.heading === 'Check first')!;
    expect(check.text).toMatch(/Reset password \(https?:\/\/[^\s)]+\/kb\/password-reset\)/);
    expect(check.text).not.toContain('kb:');
    expect((await alice.get('/console/api/kb?q=&lang=en')).status).toBe(400);
    expect((await alice.get('/console/api/kb?q=vpn&lang=fr')).status).toBe(400);
    expect((await fetch(`${suite.t.url}/console/api/kb?q=vpn`)).status).toBe(401);
  }, 30_000);
});
