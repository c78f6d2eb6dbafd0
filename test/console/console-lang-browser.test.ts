import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, signIn } from './helpers';

/** Every label, heading, button, option and term on the page that is the UI's (not ticket data), with its text. */
const uiTexts = (page: Page) => page.evaluate(() => {
  const data = '#queue *, #ticket-title, #who, #to-group option:not([value=""]), #to-agent option:not([value=""]), #f-group option:not([value=""]), #edit-group option, #bulk-agent option:not([value=""]), #incident-pick option:not([value=""]), #bulk-incident option:not([value=""]), #shortcuts dt, #ui-lang option';
  return Array.from(document.querySelectorAll('label, button, h1, h2, h3, dt, option, legend, a, p, [placeholder]'))
    .filter((n) => !n.matches(data))
    .flatMap((n) => [n.textContent!.trim(), n.getAttribute('placeholder') ?? '', n.getAttribute('aria-label') ?? ''])
    .filter((text) => /[A-Za-z]{3}/.test(text) && !/[\u3400-\u9fff]/.test(text));
});

describe('the console in Chinese, chosen by the agent (#21 defect 10)', () => {
  const suite = consoleWithEscalation();

  test('the agent picks 中文: every label turns Chinese, the choice survives a reload, English comes back', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.t.url, 'root', '/console/tickets/INC-000001');
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The check below finds English labels: in English it lists them.
    expect(await uiTexts(page)).toEqual(expect.arrayContaining(['Take over', 'Status', 'Message to the user, or internal note']));

    await page.getByLabel('Console language').selectOption('zh');
    await page.locator('#queue-title', { hasText: '队列' }).waitFor();
    await page.locator('#details dt', { hasText: '状态' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('button', { name: '接管' }).isVisible()).toBe(true);
    expect(await page.locator('#queue button[data-number="INC-000001"]').textContent()).toContain('等待坐席');
    expect(await page.locator('#details').textContent()).toContain('等待坐席');
    expect(await uiTexts(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.reload();
    await page.locator('#details dt', { hasText: '优先级' }).waitFor();
    expect(await page.getByLabel('给用户的消息或内部备注').isVisible()).toBe(true);

    await page.getByLabel('界面语言').selectOption('en');
    await page.locator('#queue-title', { hasText: 'Queue' }).waitFor();
    await page.locator('#details dt', { hasText: 'Status' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(errors).toEqual([]);
  }, 60_000);
});
