import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashPassword } from '../../src/console/password';
import { describeWithSlapd, dnOf, emailOf, groupDn, startSlapd, type Slapd } from '../directory/helpers/slapd';
import { startRequestApp, type RequestApp } from './helpers/request-app';

const PASSWORD = 'console-approver-42';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const AXE = require.resolve('axe-core/axe.min.js');

const ticketOf = async (t: RequestApp, text: string) => {
  const number = /REQ-\d{6}/.exec(text)?.[0];
  if (!number) throw new Error(`no ticket number in: ${text}`);
  return (await t.app.store.getTicketByNumber(number))!;
};

/** Sign in through the login form and open the approvals page (CSP bypassed only so axe can be injected). */
async function approverPage(browser: Browser, url: string, login: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true })).newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${url}/console/approvals`);
  expect(new URL(page.url()).pathname).toBe('/console/login');
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/console`);
  await page.getByRole('link', { name: 'Approvals', exact: true }).click();
  await page.waitForURL(`${url}/console/approvals`);
  return page;
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: fs.readFileSync(AXE, 'utf8') });
  const found = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe.run()).violations);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

describeWithSlapd()('approvers who work in the console decide there (real OpenLDAP, Chromium)', () => {
  let slapd: Slapd;
  let t: RequestApp;
  let browser: Browser;
  beforeAll(async () => {
    slapd = await startSlapd();
    t = await startRequestApp({}, slapd);
    const now = new Date().toISOString();
    const hash = await hashPassword(PASSWORD);
    // Bob and Carol have never written to the bot: the console (and the mail link) is where they are reached.
    await t.app.agentStore.addAgent({ id: 'bob', name: 'Bob Chen', role: 'agent', groups: ['service-desk'], email: emailOf('bob') }, hash, now);
    await t.app.agentStore.addAgent({ id: 'carol', name: 'Carol Diaz', role: 'agent', groups: ['service-desk'], email: emailOf('carol') }, hash, now);
    await t.app.agentStore.addAgent({ id: 'nomail', name: 'No Mail', role: 'agent', groups: ['service-desk'] }, hash, now);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await slapd?.dispose();
  });

  test('deny needs a reason; the requester hears it; another agent cannot decide; nothing changes in LDAP', async () => {
    const first = await t.say('U0ALICE', 'I need access to the finance shared folder');
    expect(first).toMatch(/asked Bob Chen to approve/);
    const ticket = await ticketOf(t, first);
    // Listed in the console and mailed with the signed link (the mail is sent after the requester's reply).
    const channels = async () => (await t.app.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'approval_sent').map((e) => e.data.channel);
    for (const deadline = Date.now() + 5000; (await channels()).length < 2 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 20));
    expect((await channels()).sort()).toEqual(['console', 'email']);
    const approval = (await t.app.selfService!.requests.pendingFor(emailOf('bob')))[0];

    // Carol is an agent too, but not this request's approver: the server refuses her, whatever the page shows.
    const carol = await approverPage(browser, t.url, 'carol');
    await carol.getByText('Nothing waits for your decision. / 暂无待审批的申请。').waitFor();
    const csrf = await carol.evaluate(async () => (await (await fetch('/console/api/me')).json()).csrfToken as string);
    const forged = await carol.evaluate(async ({ id, token }) => {
      const res = await fetch(`/console/api/approvals/${id}/approve`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: '{}' });
      return { status: res.status, body: await res.json() };
    }, { id: approval.id, token: csrf });
    expect(forged).toEqual({ status: 403, body: { outcome: 'not_yours' } });

    const bob = await approverPage(browser, t.url, 'bob');
    const card = bob.locator(`#approval-${approval.id}`);
    await card.getByText('Alice Moreau').waitFor();
    await card.getByText(ticket.number, { exact: false }).waitFor();
    expect(await seriousAxeViolations(bob)).toEqual([]);
    await card.getByRole('button', { name: 'Deny / 拒绝' }).click();
    await card.getByText('Please give a reason. / 请填写原因。').waitFor();
    expect((await t.app.selfService!.requests.approval(approval.id))!.status).toBe('pending');
    await card.getByLabel('Reason (needed to deny) / 原因（拒绝时必填）').fill('Finance share is for the finance team only');
    await card.getByRole('button', { name: 'Deny / 拒绝' }).click();
    await card.getByText(/^Denied: the requester has been told why/).waitFor();
    expect(await card.getByRole('button', { name: 'Approve / 批准' }).isDisabled()).toBe(true);

    const told = await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /declined/.test(p)));
    expect(told).toContain('Bob Chen declined');
    expect(told).toContain('Finance share is for the finance team only');
    expect(slapd.values(groupDn('share-finance'), 'member')).not.toContain(dnOf('alice'));
    expect((await t.app.store.getTicket(ticket.id))!.status).toBe('closed');
    const denied = (await t.app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'approval_denied');
    expect(denied).toMatchObject({ actor: `approver:${emailOf('bob')}`, data: { by: emailOf('bob'), reason: 'Finance share is for the finance team only' } });
    // A second decision on a settled approval is refused, not applied twice.
    expect(await t.app.selfService!.consoleApprovals.decide(approval.id, 'approve', '', emailOf('bob'), new Date())).toBe('decided_already');
  });

  test('approve in one click: the member appears in LDAP, the requester is told, the ticket is resolved', async () => {
    const first = await t.say('U0ALICE', 'please add me to the announce distribution list');
    expect(first).toMatch(/asked Carol Diaz to approve/);
    const ticket = await ticketOf(t, first);
    const carol = await approverPage(browser, t.url, 'carol');
    const card = carol.locator('article', { hasText: ticket.number });
    await card.getByText('Alice Moreau').waitFor();
    await card.getByRole('button', { name: 'Approve / 批准' }).click();
    await card.getByText(/^Approved: the requester has been told/).waitFor();
    expect(slapd.values(groupDn('dl-announce'), 'member')).toContain(dnOf('alice'));
    const told = await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /Carol Diaz approved/.test(p)));
    expect(told).toContain(ticket.number);
    expect((await t.app.store.getTicket(ticket.id))!.status).toBe('closed');
  });

  test('no self-approval from the console, and an agent without a work e-mail is told why the list is empty', async () => {
    const rows = t.app.selfService!.requests;
    const first = await t.say('U0BOB', 'add me to the announce distribution list');
    expect(first).toMatch(/asked Carol Diaz to approve/);
    const ticket = await ticketOf(t, first);
    const approval = (await rows.pendingFor(emailOf('carol'))).find((a) => a.ticketId === ticket.id)!;
    // Bob is signed in to the console too; deciding his own request is refused.
    expect(await t.app.selfService!.consoleApprovals.decide(approval.id, 'approve', '', emailOf('bob'), new Date())).toBe('own_request');
    expect((await rows.approval(approval.id))!.status).toBe('pending');
    const nomail = await approverPage(browser, t.url, 'nomail');
    await nomail.getByText(/has no work e-mail/).waitFor();
  });
});
