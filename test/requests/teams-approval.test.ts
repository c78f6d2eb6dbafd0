import type { App } from '../../src/app';
import type { ConnectorCall, ConnectorStandIn } from '../teams/helpers/connector-stand-in';
import { startTeamsRequestApp, type TeamsRequestApp } from './helpers/teams-request-app';
import { fixture } from '../teams/helpers/teams-test-app';
import { describeWithSlapd, dnOf, emailOf, groupDn, type Slapd } from '../directory/helpers/slapd';
import { LdapDirectory } from '../../src/directory/ldap-directory';

type Person = { uid: string; name: string; teamsId: string; aad: string; conversation: string };
const person = (uid: string, name: string, n: number): Person => ({
  uid, name, teamsId: `29:1${uid}TeamsUserId${n}`, aad: `6c1f4b2e-8d3a-4f57-9b0e-2a7c5d1e9f4${n}`, conversation: `a:1${uid}PersonalChat${n}`,
});
const ALICE = person('alice', 'Alice Moreau', 1);
const BOB = person('bob', 'Bob Chen', 2);
type CardAction = { type: string; title: string; verb?: string; data: Record<string, unknown> };
type Card = { contentType: string; content: { body: unknown[]; actions: CardAction[] } };

describeWithSlapd()('approvals through the Teams stand-in (real botbuilder CloudAdapter, real slapd)', () => {
  let t: TeamsRequestApp;
  let slapd: Slapd;
  let connector: ConnectorStandIn;
  let app: App;
  let port = 0;
  let counter = 0;
  beforeAll(async () => {
    t = await startTeamsRequestApp({ APPROVAL_CHECK_SECONDS: '3600' });
    ({ slapd, connector, app, port } = t);
    for (const p of [ALICE, BOB]) {
      connector.members.set(p.teamsId, { ...fixture('member-alice'), id: p.teamsId, aadObjectId: p.aad, name: p.name, givenName: p.name.split(' ')[0], surname: p.name.split(' ')[1], email: emailOf(p.uid), userPrincipalName: emailOf(p.uid) });
    }
  });
  afterAll(async () => {
    await t?.stop();
  });

  const base = (p: Person) => {
    const activity = fixture('personal-message', {}, connector.serviceUrl);
    return { ...activity, from: { id: p.teamsId, name: p.name, aadObjectId: p.aad }, conversation: { ...(activity.conversation as object), id: p.conversation } };
  };
  const postedTo = (p: Person) => connector.posted().filter((c) => c.conversationId === p.conversation);
  const textOf = (c: ConnectorCall) => String(c.body.text ?? JSON.stringify(c.body.attachments ?? ''));
  const send = async (activity: Record<string, unknown>) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/teams/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBeLessThan(300);
    return res;
  };
  const waitFor = async <T>(probe: () => T | undefined | false, what: string): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  /** A message from `p`; resolves with the text of the bot's next post into their chat. */
  const say = async (p: Person, text: string): Promise<string> => {
    const before = postedTo(p).length;
    await send({ ...base(p), id: `17636300${String(++counter).padStart(5, '0')}`, text });
    return textOf(await waitFor(() => postedTo(p)[before], `a reply to ${p.name}`));
  };
  /** The approval card posted into the approver's chat for a ticket: its activity id and card. */
  const approvalCard = async (p: Person, ticket: string) => {
    const call = await waitFor(() => postedTo(p).find((c) => JSON.stringify(c.body.attachments ?? '').includes(ticket)), `the approval card of ${ticket}`);
    return { activityId: `1:${connector.posted().indexOf(call) + 1}`, card: (call.body.attachments as Card[])[0] };
  };
  /** Press a card's Action.Execute button as Teams delivers it (an `adaptiveCard/action` invoke); the invoke's answer is kept in `refreshed`. */
  const refreshed: Record<string, unknown>[] = [];
  const invoke = async (p: Person, activityId: string, button: CardAction) => {
    const res = await send(fixture('card-action-invoke', {
      ...base(p), type: 'invoke', name: 'adaptiveCard/action', id: `f:17636301${String(++counter).padStart(5, '0')}`, replyToId: activityId,
      value: { action: { type: button.type, title: button.title, verb: (button as { verb?: string }).verb, data: button.data }, trigger: 'manual' },
    }, connector.serviceUrl));
    refreshed.push((await res.json()) as Record<string, unknown>);
  };
  /** Press, then resolve with the text of the bot's next post into the presser's chat. */
  const press = async (p: Person, activityId: string, button: CardAction): Promise<string> => {
    const before = postedTo(p).length;
    await invoke(p, activityId, button);
    return textOf(await waitFor(() => postedTo(p)[before], `a reply to ${p.name}'s click`));
  };
  const ticketIn = (text: string) => /REQ-\d{6}/.exec(text)?.[0] ?? '';

  test('Bob gets Approve / Deny as a card in Teams; Deny asks for a reason, Alice hears it, LDAP unchanged, the card is closed', async () => {
    // Arrange: the approver has talked to the bot once (Teams gives the bot his profile email).
    await say(BOB, 'hello');
    const ldap = new LdapDirectory(slapd.settings);
    await ldap.removeMember((await ldap.findGroup('share-finance'))!, (await ldap.findByEmail(emailOf('alice')))!);
    const first = await say(ALICE, 'I need access to the finance shared folder please');
    expect(first).toMatch(/asked Bob Chen to approve/);
    const ticket = ticketIn(first);
    const { activityId, card } = await approvalCard(BOB, ticket);
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content.body)).toContain('Alice Moreau asks for: Access to a shared folder (finance)');
    expect(card.content.actions.map((a) => [a.type, a.title])).toEqual([['Action.Execute', 'Approve'], ['Action.Execute', 'Deny']]);
    // Act: Bob presses Deny, then gives the reason.
    const deny = card.content.actions.find((a) => a.title === 'Deny')!;
    expect(await press(BOB, activityId, deny)).toMatch(/Why are you declining\? Alice Moreau will see your reason/);
    expect(await say(BOB, 'Finance folder is for the audit team only')).toMatch(/Declined; Alice Moreau has been told/);
    // Assert
    const told = await waitFor(() => postedTo(ALICE).map(textOf).find((t) => /declined/.test(t)), 'the requester told');
    expect(told).toContain('Bob Chen declined');
    expect(told).toContain('Finance folder is for the audit team only');
    expect(slapd.values(groupDn('share-finance'), 'member')).not.toContain(dnOf('alice'));
    const row = (await app.store.getTicketByNumber(ticket))!;
    expect(row.status).toBe('closed');
    const denied = (await app.store.ticketEvents(row.id)).find((e) => e.kind === 'approval_denied');
    expect(denied?.data).toMatchObject({ by: emailOf('bob'), reason: 'Finance folder is for the audit team only' });
    // The approval card no longer offers Approve / Deny: the invoke's answer replaced it in place.
    expect(refreshed.at(-1)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { actions: [] } });
    expect(JSON.stringify(refreshed.at(-1))).toContain('✓ Deny');
  });

  test('Approve on the Teams card adds Alice to the group; a second press of the same card changes nothing', async () => {
    await say(BOB, 'hi again');
    const ldap = new LdapDirectory(slapd.settings);
    await ldap.removeMember((await ldap.findGroup('share-finance'))!, (await ldap.findByEmail(emailOf('alice')))!);
    const first = await say(ALICE, 'I need access to the finance shared folder');
    expect(first).toMatch(/asked Bob Chen to approve/);
    const ticket = ticketIn(first);
    const { activityId, card } = await approvalCard(BOB, ticket);
    const approve = card.content.actions.find((a) => a.title === 'Approve')!;
    // Act
    expect(await press(BOB, activityId, approve)).toMatch(/Approved\. Alice Moreau added to share-finance/);
    // Assert
    expect(slapd.values(groupDn('share-finance'), 'member')).toContain(dnOf('alice'));
    const told = await waitFor(() => postedTo(ALICE).map(textOf).find((t) => /approved/.test(t)), 'the requester told');
    expect(told).toMatch(new RegExp(`Bob Chen approved \\*?\\*?${ticket}`));
    expect((await app.store.getTicketByNumber(ticket))!.status).toBe('closed');
    const posts = postedTo(BOB).length;
    const events = (await app.store.ticketEvents((await app.store.getTicketByNumber(ticket))!.id)).length;
    await invoke(BOB, activityId, approve);
    await app.engine.idle();
    await app.dispatcher.drainDue();
    expect(postedTo(BOB).length).toBe(posts);
    expect((await app.store.ticketEvents((await app.store.getTicketByNumber(ticket))!.id)).length).toBe(events);
  });

  test('an approval card and Bob\'s own question in the same chat do not close each other: both buttons still answer', async () => {
    await say(BOB, 'hello once more');
    const ldap = new LdapDirectory(slapd.settings);
    await ldap.removeMember((await ldap.findGroup('share-finance'))!, (await ldap.findByEmail(emailOf('alice')))!);
    // Bob's own conversation asks him something (a card), then Alice's approval card arrives, then another question of his.
    const ask = async (text: string) => {
      const conversation = (await app.store.findConversation({ channel: 'teams', conversationId: BOB.conversation }))!;
      const before = postedTo(BOB).length;
      await app.store.commitTurn({
        conversationId: conversation.id, expectedVersion: conversation.version, mode: conversation.mode, lang: 'en', state: conversation.state, tickets: [], events: [],
        outbound: [{ kind: 'choice', text, choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] }], now: new Date().toISOString(),
      });
      await app.dispatcher.drainDue();
      const call = await waitFor(() => postedTo(BOB)[before], 'Bob\'s own question');
      return { activityId: `1:${connector.posted().indexOf(call) + 1}`, card: (call.body.attachments as Card[])[0] };
    };
    const first = await say(ALICE, 'please give me access to the finance shared folder');
    const ticket = ticketIn(first);
    const approval = await approvalCard(BOB, ticket);
    await ask('Is your monitor working again?');
    // Act: Bob presses Approve on the approval card, posted before his own newer question.
    const approved = await press(BOB, approval.activityId, approval.card.content.actions.find((a) => a.title === 'Approve')!);
    // Assert
    expect(approved).toMatch(/Approved\. Alice Moreau added to share-finance/);
    expect(slapd.values(groupDn('share-finance'), 'member')).toContain(dnOf('alice'));
  });
});
