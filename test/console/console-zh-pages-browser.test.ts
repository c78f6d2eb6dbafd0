import type { Page } from 'playwright-core';
import { APPROVALS_PAGE } from '../../src/console/approvals-page';
import { APPROVALS_SCRIPT } from '../../src/console/approvals.script';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, PASSWORD } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** Visible texts of the page's own UI with three Latin letters in a row and no Chinese (ignoring the given data). */
const englishLeft = (page: Page, data: string) => page.evaluate((skip) => Array.from(document.querySelectorAll('h1, h2, h3, label, button, legend, figcaption, th, caption, a, .k'))
  .filter((n) => !n.matches(skip) && !n.closest(skip))
  .map((n) => n.textContent!.trim())
  .filter((text) => /[A-Za-z]{3}/.test(text) && !/[\u3400-\u9fff]/.test(text)), data);

describe('the sign-in, dashboard and approvals pages follow a Chinese agent\'s language (#21 item: console pages in Chinese)', () => {
  const suite = consoleWithEscalation();

  async function chinesePage(viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
    const context = await suite.browser.newContext({ viewport });
    await context.addInitScript(() => localStorage.setItem('frontdesk.console.lang', 'zh'));
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  }

  test('sign-in in Chinese, then the dashboard in Chinese (desktop and phone), axe clean', async () => {
    const { page, errors } = await chinesePage();
    await page.goto(`${suite.t.url}/console/login`);
    await page.getByRole('heading', { name: 'Frontdesk 坐席控制台' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['zh-CN', '登录 · Frontdesk 控制台']);
    expect(await englishLeft(page, '#ui-lang')).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('登录名').fill('root');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('登录名或密码错误。').waitFor();
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByLabel('登录名').fill('root');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#queue-title', { hasText: '队列' }).waitFor();

    await page.goto(`${suite.t.url}/console/dashboard`);
    await page.getByRole('heading', { name: '关键指标' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('.tile .k').allTextContents()).toContain('新建工单');
    // Data (group and channel names, metric column ids, agent and article names) stays as stored.
    expect(await englishLeft(page, 'header span, th[scope=col], td, #broadcasts, fieldset label, a[href="/console/webhooks"]')).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  }, 60_000);

  test('the approvals page shows its Chinese half, including the cards its script adds', async () => {
    const { page, errors } = await chinesePage(PHONE);
    const approval = { id: 7, ticket: 'REQ-000007', title: { en: 'Shared folder access', zh: '共享文件夹权限' }, requester: 'Wang Fang',
      details: { folder: 'finance' }, askedAt: new Date().toISOString(), escalateAt: new Date(Date.now() + 86_400_000).toISOString() };
    // The page, its scripts and its two API answers, as the server sends them (the real approvals need a directory).
    await page.route(`${suite.t.url}/console/approvals`, (r) => r.fulfill({ contentType: 'text/html', body: APPROVALS_PAGE }));
    await page.route(`${suite.t.url}/console/approvals.js`, (r) => r.fulfill({ contentType: 'text/javascript', body: APPROVALS_SCRIPT }));
    await page.route(`${suite.t.url}/console/api/me`, (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({ csrfToken: 'x' }) }));
    await page.route(`${suite.t.url}/console/api/approvals`, (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({ email: 'a@example.org', approvals: [approval] }) }));
    await page.goto(`${suite.t.url}/console/approvals`);
    await page.getByRole('button', { name: '批准', exact: true }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['zh-CN', '审批 · Frontdesk']);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('审批');
    expect(await page.getByLabel('原因（拒绝时必填）').isVisible()).toBe(true);
    await page.getByRole('button', { name: '拒绝', exact: true }).click();
    await page.getByText('请填写原因。', { exact: true }).waitFor();
    expect(await englishLeft(page, 'article h2')).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
