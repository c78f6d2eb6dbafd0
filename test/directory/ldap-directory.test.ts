import { LdapDirectory } from '../../src/directory/ldap-directory';
import { DirectoryUnavailableError } from '../../src/directory/directory';
import { describeWithSlapd, dnOf, emailOf, groupDn, secondFactorOf, startSlapd, type Slapd } from './helpers/slapd';

describeWithSlapd()('LdapDirectory against a real OpenLDAP', () => {
  let slapd: Slapd;
  let directory: LdapDirectory;
  beforeAll(async () => {
    slapd = await startSlapd();
    directory = new LdapDirectory(slapd.settings);
  });
  afterAll(async () => {
    await slapd?.dispose();
  });

  test('looks a person up by email: manager, department, office, phone, second factor, VIP and lock flags', async () => {
    const alice = await directory.findByEmail(emailOf('alice'));
    expect(alice).toMatchObject({ dn: dnOf('alice'), id: 'alice', name: 'Alice Moreau', department: 'Finance', office: 'Shanghai 12F', managerDn: dnOf('bob'), secondFactorEmail: secondFactorOf('alice'), vip: false, locked: false });
    expect(alice?.phone).toMatch(/^\+44/);
    expect((await directory.findByEmail(emailOf('frank')))?.vip).toBe(true);
    expect((await directory.findByEmail(emailOf('dave')))?.locked).toBe(true);
    expect(await directory.findByEmail('nobody@example.com')).toBeNull();
    expect((await directory.get(dnOf('bob')))?.name).toBe('Bob Chen');
  });

  test('unlocks a locked account: the person can bind again', async () => {
    const dave = (await directory.findByEmail(emailOf('dave')))!;
    expect(slapd.canBind(dave.dn, 'Old-pass-123')).toBe(false);
    await directory.unlock(dave);
    expect(slapd.values(dave.dn, 'pwdAccountLockedTime')).toEqual([]);
    expect(slapd.canBind(dave.dn, 'Old-pass-123')).toBe(true);
  });

  test('sets a password stored hashed; an expired account works again with the new one', async () => {
    const erin = (await directory.findByEmail(emailOf('erin')))!;
    expect(slapd.canBind(erin.dn, 'Old-pass-123')).toBe(false);
    await directory.setPassword(erin, 'Brand-new-pass-42');
    expect(slapd.canBind(erin.dn, 'Brand-new-pass-42')).toBe(true);
    expect(Buffer.from(slapd.values(erin.dn, 'userPassword')[0] ?? '', 'base64').toString()).toMatch(/^\{SSHA\}/);
  });

  test('adds and removes group members once', async () => {
    const alice = (await directory.findByEmail(emailOf('alice')))!;
    const group = (await directory.findGroup('share-finance'))!;
    expect(group.ownerDns).toEqual([dnOf('carol')]);
    expect(await directory.addMember(group, alice)).toBe('added');
    expect(slapd.values(groupDn('share-finance'), 'member')).toContain(dnOf('alice'));
    expect(await directory.addMember((await directory.findGroup('share-finance'))!, alice)).toBe('already');
    expect(await directory.removeMember((await directory.findGroup('share-finance'))!, alice)).toBe('removed');
    expect(slapd.values(groupDn('share-finance'), 'member')).not.toContain(dnOf('alice'));
  });

  test('a stopped directory is DirectoryUnavailableError, not a hang or a crash', async () => {
    await slapd.stop();
    try {
      await expect(directory.findByEmail(emailOf('alice'))).rejects.toBeInstanceOf(DirectoryUnavailableError);
    } finally {
      await slapd.restart();
    }
    expect((await directory.findByEmail(emailOf('alice')))?.id).toBe('alice');
  });
});
