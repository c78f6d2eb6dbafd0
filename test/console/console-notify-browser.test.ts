import type { BrowserContext, Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { chatSession } from '../helpers/sse';
import { consoleWithEscalation, signIn } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/**
 * Headless Chromium has no audio device and no permission prompt to click: these stand-ins record what the
 * console plays and shows. The permission granted survives a reload, as a browser's does.
 */
function recordAlerts() {
  const w = window as unknown as Record<string, unknown>;
  w.__beeps = 0;
  w.__notes = [];
  w.__asked = 0;
  const count = (key: string) => { w[key] = (w[key] as number) + 1; };
  class Tone { frequency = { value: 0 }; connect(n: unknown) { return n; } start() { count('__beeps'); } stop() {} }
  class Audio { currentTime = 0; destination = {}; createOscillator() { return new Tone(); } createGain() { return { gain: { value: 0 }, connect: (n: unknown) => n }; } }
  class Note {
    constructor(title: string, options?: { body?: string }) { (w.__notes as unknown[]).push({ title, body: options?.body }); }
    static get permission() { return sessionStorage.getItem('granted') ? 'granted' : 'default'; }
    static requestPermission() { count('__asked'); sessionStorage.setItem('granted', '1'); return Promise.resolve('granted'); }
  }
  w.AudioContext = Audio;
  w.Notification = Note;
}

describe('console notifications in Chromium: tab-title count, unread markers, sound and desktop notification (#21)', () => {
  const suite = consoleWithEscalation();

  async function consoleOf(login: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await suite.browser.newContext({ viewport });
    await context.addInitScript(recordAlerts);
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.t.url, login);
    await page.locator('#queue li', { hasText: 'INC-000001' }).waitFor();
    return { context, page, errors };
  }
  const seen = (page: Page) => page.evaluate(() => {
    const w = window as unknown as { __beeps: number; __notes: { title: string; body: string }[]; __asked: number };
    return { beeps: w.__beeps, notes: w.__notes, asked: w.__asked };
  });

  test('a new escalation counts in the title and is marked; with sound and desktop on it beeps and notifies; opening it reads it; settings are kept', async () => {
    const { page, errors } = await consoleOf('alice');
    await page.waitForFunction(() => document.title === '(1) Frontdesk console');
    await page.locator('#queue li', { hasText: 'INC-000001' }).locator('.unread-mark', { hasText: 'New escalation' }).waitFor();

    await page.getByText('Notifications', { exact: true }).click();
    expect(await page.getByLabel('Count in the browser tab').isChecked()).toBe(true);
    await page.getByLabel('Sound').check();
    await page.getByLabel('Desktop notification').check();
    await page.waitForFunction(() => (window as unknown as { __asked: number }).__asked === 1);
    expect(await page.getByLabel('Desktop notification').isChecked()).toBe(true);
    const before = await seen(page);
    expect(before.beeps).toBe(1); // the sample when sound is switched on

    const chat = await chatSession(suite.t.url);
    await chat.post('The office printer network port is dead');
    await suite.t.app.engine.idle();
    await page.waitForFunction(() => document.title === '(2) Frontdesk console');
    await page.locator('#queue li', { hasText: 'INC-000002' }).locator('.unread-mark').waitFor();
    const after = await seen(page);
    expect(after.beeps).toBe(2);
    expect(after.notes).toEqual([{ title: 'New escalation INC-000002', body: expect.stringMatching(/printer/i) }]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('#queue button[data-number="INC-000001"]').click();
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    await page.waitForFunction(() => document.title === '(1) INC-000001 · Frontdesk console');
    expect(await page.locator('#queue li', { hasText: 'INC-000001' }).locator('.unread-mark').count()).toBe(0);

    // A reload keeps the settings and what was read; switching the title count off drops it.
    await page.goto(`${suite.t.url}/console`);
    await page.waitForFunction(() => document.title === '(1) Frontdesk console');
    await page.getByText('Notifications', { exact: true }).click();
    expect(await page.getByLabel('Sound').isChecked()).toBe(true);
    expect(await page.getByLabel('Desktop notification').isChecked()).toBe(true);
    await page.getByLabel('Count in the browser tab').uncheck();
    await page.waitForFunction(() => document.title === 'Frontdesk console');
    expect(errors).toEqual([]);
  }, 60_000);

  test('on a phone, a reply of the user on my ticket is marked "New message" and counted until I open it', async () => {
    const chat = await chatSession(suite.t.url);
    await chat.post('Our team share drive cannot be reached over the network');
    await suite.t.app.engine.idle();
    const { page, errors } = await consoleOf('root', PHONE);
    await page.locator('#queue button[data-number="INC-000003"]').click();
    await page.getByRole('button', { name: 'Take over' }).click();
    await page.locator('#details dd', { hasText: 'root' }).waitFor();
    await page.getByRole('button', { name: 'Back to the queue' }).click();
    const row = page.locator('#queue li', { hasText: 'INC-000003' });
    await row.waitFor();
    expect(await row.locator('.unread-mark').count()).toBe(0);
    const count = () => page.evaluate(() => Number(/^\((\d+)\)/.exec(document.title)?.[1] ?? 0));
    const before = await count();

    await chat.post('It still fails, error 0x80070035');
    await suite.t.app.engine.idle();
    await row.locator('.unread-mark', { hasText: 'New message' }).waitFor();
    await page.waitForFunction((n) => document.title.startsWith(`(${n}) `), before + 1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.locator('button[data-number]').click();
    await page.locator('#transcript li', { hasText: '0x80070035' }).waitFor();
    await page.waitForFunction((n) => (/^\((\d+)\)/.exec(document.title)?.[1] ?? '0') === String(n), before);
    await page.getByRole('button', { name: 'Back to the queue' }).click();
    expect(await row.locator('.unread-mark').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
