import { simpleParser } from 'mailparser';
import { LdapDirectory } from '../../src/directory/ldap-directory';
import { describeWithSlapd, dnOf, emailOf, groupDn, startSlapd, type Slapd } from '../directory/helpers/slapd';
import { startRequestApp, type RequestApp } from './helpers/request-app';

const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

describeWithSlapd()('an approver without a chat channel decides from a signed link in a mail', () => {
  let slapd: Slapd;
  let t: RequestApp;
  beforeAll(async () => {
    slapd = await startSlapd();
    t = await startRequestApp({}, slapd);
  });
  afterAll(async () => {
    await t?.stop();
    await slapd?.dispose();
  });

  test('mail with a signed link → page shows the request (GET decides nothing) → Approve → member in LDAP → requester told', async () => {
    const ldap = new LdapDirectory(slapd.settings);
    const first = await t.say('U0ALICE', 'I need access to the finance shared folder');
    expect(first).toMatch(/asked Bob Chen to approve/);
    const [mail] = await t.smtp.waitFor(1);
    expect(mail.to).toEqual([emailOf('bob')]);
    const text = (await simpleParser(mail.raw)).text ?? '';
    expect(text).toContain('Alice Moreau asks for: Access to a shared folder (finance)');
    const link = /(http:\/\/\S+\/approvals\/\d+\?sig=[\w-]+)/.exec(text)![1];
    expect((await fetch(link.replace(/sig=[\w-]{4}/, 'sig=AAAA'))).status).toBe(404);
    expect((await fetch(link.replace(/\/approvals\/(\d+)/, (_m, id: string) => `/approvals/${Number(id) + 1}`))).status).toBe(404);
    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Approve');
    expect(slapd.values(groupDn('share-finance'), 'member')).not.toContain(dnOf('alice'));
    expect((await fetch(link, form({ decision: 'deny' }))).status).toBe(400);
    const approved = await fetch(link, form({ decision: 'approve' }));
    expect(approved.status).toBe(200);
    expect(slapd.values(groupDn('share-finance'), 'member')).toContain(dnOf('alice'));
    await t.api.waitFor(() => t.posted('U0ALICE').find((p) => /Bob Chen approved/.test(p)));
    expect((await fetch(link, form({ decision: 'approve' }))).status).toBe(409);
    await ldap.removeMember((await ldap.findGroup('share-finance'))!, (await ldap.findByEmail(emailOf('alice')))!);
  });
});
