import { createWebchatChannel, webchatConfigFrom } from '../../channels/webchat/webchat.channel';
import { seedTickets } from '../../src/bench/seed-tickets';
import { hashPassword } from '../../src/console/password';
import type { Agent } from '../../src/store/agent-store';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp } from '../helpers/test-app';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { chatSession } from '../helpers/sse';

/** The password of every test agent. */
export const PASSWORD = 'correct horse battery';

/** alice works the network group, bob identity, root is an admin. */
export const AGENTS: Agent[] = [
  { id: 'alice', name: 'Alice Chen', role: 'agent', groups: ['network', 'service-desk'] },
  { id: 'bob', name: 'Bob Li', role: 'agent', groups: ['identity'] },
  { id: 'root', name: 'Ria Admin', role: 'admin', groups: [] },
];

let sharedHash: Promise<string> | null = null;

/**
 * A test app with the web chat and the console mounted, three agents, and an assessment that makes every
 * description a P2 network incident (escalated at once to the "network" group).
 */
export async function startConsoleApp(offsetMs: { value: number; frozenAt?: number } = { value: 0 }, env: Record<string, string> = {}) {
  const t = await startTestApp(env, {
    // The web chat as configured (its attachments under the test's folder), without the rate limits.
    channelFactories: [(config) => createWebchatChannel({ files: webchatConfigFrom(config).files })],
    turnDeps: fixedTurnDeps({ category: 'network', type: 'incident', impact: 1, urgency: 2, priority: 'P2' }),
    // The app mounts the console; an offset clock lets tests jump past login delays (`frozenAt` stops it).
    clock: () => new Date((offsetMs.frozenAt ?? Date.now()) + offsetMs.value),
  });
  const agentStore = t.app.agentStore;
  sharedHash ??= hashPassword(PASSWORD);
  const hash = await sharedHash;
  for (const agent of AGENTS) await agentStore.addAgent(agent, hash, new Date().toISOString());
  return { ...t, agentStore };
}

/** A running console test app (startConsoleApp). */
export type ConsoleApp = Awaited<ReturnType<typeof startConsoleApp>>;

/** startConsoleApp with one escalated ticket seeded straight into the store: the app and the ticket's number. */
export async function startConsoleAppWithTicket(): Promise<{ t: ConsoleApp; number: string }> {
  const t = await startConsoleApp();
  const [id] = seedTickets(t.app.sqliteStore().db, 1, new Date(), ['escalated']);
  return { t, number: (await t.app.store.getTicket(id))!.number };
}

/** A logged-in console client (JSON API). */
export async function loginAs(url: string, login: string, password = PASSWORD) {
  const res = await fetch(`${url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (res.status !== 200) throw new Error(`login ${login} failed with ${res.status}`);
  const cookie = String(res.headers.get('set-cookie')).split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    get: (path: string) => fetch(`${url}${path}`, { headers: { cookie } }),
    post: (path: string, body: unknown = {}, csrf: string | null = csrfToken) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) },
        body: JSON.stringify(body),
      }),
    act: (number: string, action: string, body: unknown = {}) =>
      fetch(`${url}/console/api/tickets/${number}/${action}`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body),
      }),
  };
}

/** Bot/agent messages a web chat stream received, as OutboundMessage objects. */
export const botMessages = (events: { event: string; data: string }[]) =>
  events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data).message as { kind: string; text: string; choices?: { value: string; label: string }[] });

/** Sign in on the console's login page in a browser page (it lands on `/console` or the ticket it came from). */
export async function signIn(page: import('playwright-core').Page, url: string, login: string, path = '/console'): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#who').filter({ hasText: /\w/ }).waitFor();
}

/** Statuses that wait for an agent, in the order seeded tickets take them. */
export const WAITING = ['escalated', 'open', 'new', 'in_progress', 'reopened'];

/**
 * For a describe block: before its tests, a console app with one escalation reported in the web chat, and
 * Chromium; both stopped after. Read `t` and `browser` from the returned object inside the tests.
 */
export function consoleWithEscalation(report = 'The VPN is down for our whole team') {
  const suite = consoleAndChromium();
  beforeAll(async () => {
    const chat = await chatSession(suite.t.url);
    await chat.post(report);
    await suite.t.app.engine.idle();
  }, 30_000);
  return suite;
}

/**
 * For a describe block: a console app and Chromium before its tests, both stopped after. Read `t` and
 * `browser` from the returned object inside the tests.
 */
export function consoleAndChromium() {
  const suite = {} as { t: Awaited<ReturnType<typeof startConsoleApp>>; browser: Browser };
  beforeAll(async () => {
    suite.t = await startConsoleApp();
    suite.browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.stop();
  });
  return suite;
}

/** A signed-in console page on ticket `number` (desktop unless a viewport is given), with the page's errors collected. */
export async function openConsoleTicket(
  suite: { t: ConsoleApp; browser: Browser }, login: string, number: string, viewport = { width: 1366, height: 768 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await (await suite.browser.newContext({ viewport })).newPage();
  page.setDefaultTimeout(8000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, suite.t.url, login, `/console/tickets/${number}`);
  await page.locator('#ticket-title', { hasText: number }).waitFor();
  return { page, errors };
}
