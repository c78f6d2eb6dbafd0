import { LdapDirectory } from '../../src/directory/ldap-directory';
import fs from 'node:fs';
import { describeWithSlapd, dnOf, groupDn, startSlapd, type Slapd } from '../directory/helpers/slapd';
import { waitFor } from '../helpers/test-app';
import { startRequestApp, type RequestApp } from './helpers/request-app';

const ticketOf = async (t: RequestApp, text: string) => {
  const number = /REQ-\d{6}/.exec(text)?.[0];
  if (!number) throw new Error(`no ticket number in: ${text}`);
  return (await t.app.store.getTicketByNumber(number))!;
};
const eventKinds = async (t: RequestApp, id: number) => (await t.app.store.ticketEvents(id)).map((e) => e.kind);

describeWithSlapd()('approvals in Slack against a real OpenLDAP', () => {
  let slapd: Slapd;
  let t: RequestApp;
  beforeAll(async () => {
    slapd = await startSlapd();
  });
  afterAll(async () => {
    await slapd?.dispose();
  });
  beforeEach(async () => {
    t = await startRequestApp({}, slapd);
    // Approvers reach the bot in their own DM once (Slack gives the bot their profile email).
    await t.say('U0BOB', 'hello');
    await t.say('U0CAROL', 'hello');
  });
  afterEach(async () => {
    await t?.stop();
  });

  test('access request → manager approves in Slack → member in LDAP → requester told → ticket resolved', async () => {
    const started = Date.now();
    const first = await t.say('U0ALICE', 'I need access to the finance shared folder please');
    expect(first).toMatch(/asked Bob Chen to approve/);
    const ticket = await ticketOf(t, first);
    expect(ticket.slots).toMatchObject({ catalog: 'shared-folder', folder: 'finance', department: 'Finance', manager: 'Bob Chen', office: 'Shanghai 12F' });
    const prompt = await t.api.waitFor(() => t.posted('U0BOB').find((p) => p.includes(ticket.number)));
    expect(prompt).toMatch(/Alice Moreau asks for: Access to a shared folder \(finance\)/);
    expect(slapd.values(groupDn('share-finance'), 'member')).not.toContain(dnOf('alice'));
    const approved = await t.click('U0BOB', /^approval:\d+:approve$/);
    expect(approved).toMatch(/Approved\. Alice Moreau added to share-finance/);
    expect(slapd.values(groupDn('share-finance'), 'member')).toContain(dnOf('alice'));
    const told = await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /approved/.test(p)));
    expect(told).toMatch(new RegExp(`Bob Chen approved \\*?${ticket.number}\\*?\\. Done: Alice Moreau added to share-finance`));
    const after = (await t.app.store.getTicket(ticket.id))!;
    expect(after.status).toBe('closed');
    expect(after.resolvedAt).not.toBeNull();
    expect(after.agentId).toBeNull();
    expect(await eventKinds(t, ticket.id)).toEqual(expect.arrayContaining(['opened', 'approval_requested', 'approval_sent', 'approval_approved', 'fulfilled', 'resolved']));
    const audit = await t.app.selfService!.requests.auditOf(ticket.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'add_member', target: 'alice@example.com', outcome: 'ok', actor: expect.stringMatching(/^approval:/) })]);
    console.log(`access request to fulfilment (Slack, real slapd): ${Date.now() - started} ms`);
  });

  test('deny with a reason: the requester hears the reason, nothing changes in LDAP, ticket closed', async () => {
    const first = await t.say('U0ALICE', 'please add me to the announce distribution list');
    expect(first).toMatch(/asked Carol Diaz to approve/);
    const ticket = await ticketOf(t, first);
    const ask = await t.click('U0CAROL', /^approval:\d+:deny$/);
    expect(ask).toMatch(/Why are you declining\? Alice Moreau will see your reason/);
    const done = await t.say('U0CAROL', 'Announce is for managers only');
    expect(done).toMatch(/Declined; Alice Moreau has been told/);
    const told = await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /declined/.test(p)));
    expect(told).toContain('Carol Diaz declined');
    expect(told).toContain('Announce is for managers only');
    expect(slapd.values(groupDn('dl-announce'), 'member')).not.toContain(dnOf('alice'));
    expect((await t.app.store.getTicket(ticket.id))!.status).toBe('closed');
    const denied = (await t.app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'approval_denied');
    expect(denied?.data).toMatchObject({ by: 'carol@example.com', reason: 'Announce is for managers only' });
  });

  test('self-approval refused: the approver of their own request is routed past, and a click by the requester is refused', async () => {
    // Carol owns dl-announce: her own request goes to her manager; she has none, so the desk gets it.
    const own = await t.say('U0CAROL', 'add me to the announce distribution list');
    expect(own).toMatch(/service desk/);
    const ownTicket = await ticketOf(t, own);
    expect(await eventKinds(t, ownTicket.id)).toContain('self_service_stopped');
    // Bob's request for the finance folder goes to Carol (his manager); Bob clicking it himself is refused.
    const bob = await t.say('U0BOB', 'I need access to the finance shared folder');
    expect(bob).toMatch(/asked Carol Diaz to approve/);
    const ticket = await ticketOf(t, bob);
    await t.api.waitFor(() => t.posted('U0CAROL').find((p) => p.includes(ticket.number)));
    const approval = (await t.app.selfService!.requests.due('9999-01-01T00:00:00Z')).find((a) => a.ticketId === ticket.id)!;
    const before = t.posted('U0BOB').length;
    await postClick(t, 'U0BOB', `approval:${approval.id}:approve`);
    const reply = await t.api.waitFor(() => t.posted('U0BOB')[before]);
    expect(reply).toMatch(/can't approve your own request/);
    expect(slapd.values(groupDn('share-finance'), 'member')).not.toContain(dnOf('bob'));
    expect((await t.app.selfService!.requests.approval(approval.id))!.status).toBe('pending');
    expect(await eventKinds(t, ticket.id)).toContain('self_approval_refused');
  });

  test('the directory down when the approval arrives: requester and approver told, a person finishes it, nothing half-done', async () => {
    // An earlier test may have added Alice: start from "not a member".
    const ldap = new LdapDirectory(slapd.settings);
    await ldap.removeMember((await ldap.findGroup('share-finance'))!, (await ldap.findByEmail('alice@example.com'))!);
    const first = await t.say('U0ALICE', 'I need access to the finance shared folder');
    const ticket = await ticketOf(t, first);
    await t.api.waitFor(() => t.posted('U0BOB').find((p) => p.includes(ticket.number)));
    await slapd.stop();
    try {
      const reply = await t.click('U0BOB', /^approval:\d+:approve$/);
      expect(reply).toMatch(/The directory did not answer, so nothing was changed yet/);
      const told = await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /isn't answering/.test(p)));
      expect(told).toContain('nothing was changed yet');
    } finally {
      await slapd.restart();
    }
    expect(slapd.values(groupDn('share-finance'), 'member')).not.toContain(dnOf('alice'));
    expect((await t.app.store.getTicket(ticket.id))!.status).toBe('escalated');
    expect(await eventKinds(t, ticket.id)).toEqual(expect.arrayContaining(['approval_approved', 'fulfilment_failed', 'escalated']));
    expect(await t.app.selfService!.requests.auditOf(ticket.id)).toEqual([expect.objectContaining({ action: 'add_member', outcome: 'directory_unavailable' })]);
  });

  test('questions, then a manual fulfilment: software install approved goes to the desktop team; an abandoned question expires', async () => {
    const first = await t.say('U0ALICE', 'I need some software installed');
    expect(first).toMatch(/Which software/);
    const ticket = await ticketOf(t, first);
    expect(await t.say('U0ALICE', 'Visio 2021')).toMatch(/On which computer/);
    expect(await t.say('U0ALICE', 'LAP-0042')).toMatch(/asked Bob Chen to approve/);
    const approved = await t.click('U0BOB', /^approval:\d+:approve$/);
    expect(approved).toMatch(/Approved\. The request is now with desktop/);
    await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /It is now with desktop/.test(p)));
    const after = (await t.app.store.getTicket(ticket.id))!;
    expect(after).toMatchObject({ status: 'escalated', group: 'desktop' });
    expect(after.slots).toMatchObject({ software: 'Visio 2021', device: 'LAP-0042' });
    expect(await eventKinds(t, ticket.id)).toEqual(expect.arrayContaining(['approval_approved', 'manual_tasks', 'escalated']));
    // A question left for more than 30 minutes does not take the next message as its answer.
    expect(await t.say('U0ALICE', 'please install some software for me')).toMatch(/Which software/);
    t.clock.advance(31);
    const later = await t.say('U0ALICE', 'The printer on floor 3 is jammed again');
    expect(later).not.toMatch(/On which computer/);
  });

  test('timeout: a reminder, then the approver\'s manager is asked; a second timeout hands it to the desk (state survives a restart)', async () => {
    const first = await t.say('U0ALICE', 'I need access to the finance shared folder');
    const ticket = await ticketOf(t, first);
    const monitor = t.app.selfService!.monitor;
    t.clock.advance(61);
    expect((await monitor.tick(t.clock.now())).reminded).toHaveLength(1);
    await t.api.waitFor(() => t.posted('U0BOB').find((p) => p.startsWith('Reminder:')));
    // A restart between the reminder and the timeout: the timers are rows in the database.
    const old = t;
    await old.stop({ keepFiles: true });
    t = await startRequestApp({ DATABASE_PATH: old.databasePath }, slapd);
    t.clock.ms = old.clock.ms;
    fs.rmSync(old.dir, { recursive: true, force: true });
    // The monitor runs under the 'approvals' lease: one instance of a cluster reminds and times out.
    await waitFor(async () => ((await (await fetch(`${t.url}/healthz`)).json()) as { leases: string[] }).leases.includes('approvals'), 5000, 'the approvals lease');
    t.clock.advance(180);
    expect((await t.app.selfService!.monitor.tick(t.clock.now())).timedOut).toHaveLength(1);
    await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /hasn't answered/.test(p) && /Carol Diaz/.test(p)));
    await t.api.waitFor(() => t.posted('U0CAROL').find((p) => p.includes(ticket.number)));
    t.clock.advance(241);
    expect((await t.app.selfService!.monitor.tick(t.clock.now())).timedOut).toHaveLength(1);
    await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /passed it to the service desk/.test(p)));
    expect((await t.app.store.getTicket(ticket.id))!.status).toBe('escalated');
    expect((await eventKinds(t, ticket.id)).filter((k) => k === 'approval_timed_out')).toHaveLength(2);
  });
});

async function postClick(t: RequestApp, user: string, value: string): Promise<void> {
  const { postInteraction } = await import('../slack/helpers/signed-request');
  const { fixture } = await import('../slack/helpers/fixtures');
  const click = fixture('block-actions');
  const channel = `D${user.slice(1)}DM`;
  const ts = `17000${Math.floor(Math.random() * 99999)}.000002`;
  click.user = { ...click.user, id: user };
  click.container = { ...click.container, channel_id: channel, message_ts: ts };
  click.channel = { id: channel, name: 'directmessage' };
  click.message = { ...click.message, ts };
  click.actions = [{ action_id: 'fd_choice_0', block_id: 'fd_choices', text: { type: 'plain_text', text: 'Approve' }, value, type: 'button', action_ts: ts }];
  const res = await postInteraction(t.url, click);
  if (res.status !== 200) throw new Error(`click answered ${res.status}`);
}
