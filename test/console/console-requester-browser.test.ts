import type { Browser } from 'playwright-core';
import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { commonSlots } from '../../src/dialog/common-slots';
import { validateDialogs, type DialogRegistry } from '../../src/dialog/registry';
import { defineDialog } from '../../src/dialog/schema';
import { hashPassword } from '../../src/console/password';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { chatSession } from '../helpers/sse';
import { startTestApp } from '../helpers/test-app';
import { AGENTS, PASSWORD, signIn } from './helpers';

/** A report that asks the user's name and e-mail address (profile slots), as the shipped intake dialogs do. */
const askWho = defineDialog({
  id: 'ask-who', version: 1, type: 'incident', title: { en: 'Report', zh: '报告' },
  slots: [commonSlots.problem(), commonSlots.name(), commonSlots.contact()],
  summary: { en: '{problem}', zh: '{problem}' },
});

describe('the requester named in the chat (#21 defect 9)', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  beforeAll(async () => {
    const [dialog] = validateDialogs([{ file: 'test/console/console-requester-browser.test.ts', definition: askWho }]);
    const dialogs: DialogRegistry = { all: [dialog], get: (id) => (id === dialog.id ? dialog : undefined), select: () => dialog };
    const base = fixedTurnDeps({ category: 'hardware', priority: 'P4' });
    t = await startTestApp({}, { channels: [createWebchatChannel()], turnDeps: (now) => ({ ...base(now), dialogs }) });
    const hash = await hashPassword(PASSWORD);
    for (const agent of AGENTS) await t.app.agentStore.addAgent(agent, hash, new Date().toISOString());
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  test('the name and e-mail given in the chat are stored on the user and shown as the requester', async () => {
    const chat = await chatSession(t.url);
    for (const text of ['My monitor flickers all day', 'Jane Doe', 'jane.doe@example.com']) {
      await chat.post(text);
      await t.app.engine.idle();
    }
    const ticket = await t.app.store.getTicketByNumber('INC-000001');
    expect(ticket).not.toBeNull();
    const user = (await t.app.store.getUser(ticket!.requesterId))!;
    expect({ name: user.name, email: user.email }).toEqual({ name: 'Jane Doe', email: 'jane.doe@example.com' });

    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(8000);
    await signIn(page, t.url, 'root', '/console/tickets/INC-000001');
    await page.locator('#requester dd', { hasText: 'Jane Doe' }).waitFor();
    expect(await page.locator('#requester').textContent()).toContain('jane.doe@example.com');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);
});
