import fs from 'node:fs';
import path from 'node:path';
import { catalogEntries } from '../../dialogs/catalog';
import { extractAnswers, fillGroup, matchCatalog, validateCatalog } from '../../src/requests/catalog-schema';
import { loadDirectoryMapping } from '../../src/directory/directory-config';
import { parseConfig } from '../../src/config';
import { channelIdentity } from '../../src/requests/identity';
import { maskEmail, requestSay } from '../../src/requests/request-messages';

const catalog = validateCatalog(catalogEntries);
const match = (text: string) => matchCatalog(catalog, text)?.id ?? null;

describe('request catalog as data', () => {
  test('the shipped entries validate: six request types, each with its approval and fulfilment', () => {
    expect(catalog.map((e) => [e.id, e.approval.kind, e.fulfilment.kind])).toEqual([
      ['account-unlock', 'none', 'unlock'], ['password-reset', 'none', 'reset_password'], ['distribution-list', 'owner', 'add_member'],
      ['shared-folder', 'manager', 'add_member'], ['software-install', 'manager', 'manual'], ['new-hire', 'manager', 'manual'],
    ]);
    const newHire = catalog.find((e) => e.id === 'new-hire')!;
    expect(newHire.fulfilment.kind === 'manual' && newHire.fulfilment.tasks.map((t) => t.group)).toEqual(['identity', 'desktop', 'facilities']);
  });

  test('recognises requests in English and Chinese, and leaves problems alone', () => {
    expect(match("I'm locked out of my account")).toBe('account-unlock');
    expect(match('我的账号被锁定了')).toBe('account-unlock');
    expect(match('I forgot my password')).toBe('password-reset');
    expect(match('密码过期了，帮我重置')).toBe('password-reset');
    expect(match('I need access to the finance shared folder')).toBe('shared-folder');
    expect(match('申请 finance 共享文件夹的访问权限')).toBe('shared-folder');
    expect(match('add me to the announce distribution list')).toBe('distribution-list');
    expect(match('please install Visio on my laptop')).toBe('software-install');
    expect(match('new hire starting Monday, please set up')).toBe('new-hire');
    expect(match('my laptop will not turn on')).toBeNull();
    expect(match('the VPN drops every hour')).toBeNull();
  });

  test('answers already in the first message are taken; group names come from them', () => {
    const folder = catalog.find((e) => e.id === 'shared-folder')!;
    expect(extractAnswers(folder, 'I need access to the Finance shared folder')).toEqual({ folder: 'Finance' });
    expect(extractAnswers(folder, '申请 finance 共享文件夹的访问权限')).toEqual({ folder: 'finance' });
    expect(fillGroup('share-{folder}', { folder: 'Finance Team' })).toBe('share-finance-team');
  });

  test('a bad entry stops start-up with its id and the problem', () => {
    const unlock = catalogEntries[0];
    expect(() => validateCatalog([{ ...unlock, verifyIdentity: false }])).toThrow(/account-unlock: account actions need verifyIdentity/);
    expect(() => validateCatalog([unlock, unlock])).toThrow(/defined twice/);
    expect(() => validateCatalog([{ ...unlock, match: ['(unclosed'] }])).toThrow(/bad pattern/);
  });

  test('every request sentence exists in English and Chinese; addresses are masked', () => {
    expect(requestSay('zh', 'codeWrong', { left: 2 })).toBe('验证码不正确，还可以尝试 2 次。');
    expect(requestSay('en', 'approve')).toBe('Approve');
    expect(maskEmail('alice.home@personal.test')).toBe('al***@personal.test');
  });
});

describe('directory configuration', () => {
  test('the OpenLDAP and Active Directory mapping examples validate', () => {
    const root = path.join(__dirname, '..', '..', 'config');
    expect(loadDirectoryMapping(path.join(root, 'directory.openldap.json')).lock).toEqual({ attribute: 'pwdAccountLockedTime', unlock: 'delete' });
    const ad = loadDirectoryMapping(path.join(root, 'directory.active-directory.json'));
    expect(ad).toMatchObject({ kind: 'active-directory', lock: { attribute: 'lockoutTime', unlock: 'zero' }, password: { encoding: 'unicodePwd' } });
    expect(ad.attributes).toMatchObject({ id: 'sAMAccountName', department: 'department', groupOwner: 'managedBy' });
  });

  test('a broken mapping file is one clear error naming the file', () => {
    const file = path.join(fs.mkdtempSync('/tmp/fd-map-'), 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ kind: 'openldap', usersBase: 'ou=p' }));
    expect(() => loadDirectoryMapping(file)).toThrow(new RegExp(`DIRECTORY_CONFIG ${file}: .*groupsBase`));
  });

  test('a partly configured directory stops start-up; the bind password is a secret', () => {
    expect(() => parseConfig({ LDAP_URL: 'ldap://127.0.0.1:389' })).toThrow(/directory is partly configured .*set LDAP_BIND_DN, LDAP_BIND_PASSWORD/);
    const config = parseConfig({ LDAP_URL: 'ldap://127.0.0.1:389', LDAP_BIND_DN: 'cn=admin', LDAP_BIND_PASSWORD: 'bind-secret' });
    expect(config.channels.directory).toBe(true);
    expect(config.secrets).toContain('bind-secret');
    expect(() => parseConfig({ LDAP_URL: 'http://x' })).toThrow(/LDAP_URL/);
  });
});

describe('channel identity', () => {
  const ctx = (channel: string, extra: Record<string, string> = {}, email?: string) => ({
    conversation: {} as never,
    user: { id: 1, channel, platformUserId: channel === 'email' ? 'Dave@Example.com' : 'U1', lang: null, email },
    message: { ref: { channel, conversationId: 'c', userId: 'u', extra }, platformMessageId: 'm', text: 'unlock' },
  }) as never;
  test('Slack and Teams: the profile email; mail: only with DMARC pass; web chat and terminal: nobody', () => {
    expect(channelIdentity(ctx('slack', {}, 'Dave@example.com'))).toEqual({ ok: true, email: 'dave@example.com' });
    expect(channelIdentity(ctx('teams'))).toEqual({ ok: false, reason: 'unknown' });
    expect(channelIdentity(ctx('email', { senderAuth: 'pass' }))).toEqual({ ok: true, email: 'dave@example.com' });
    expect(channelIdentity(ctx('email', { senderAuth: 'none' }))).toEqual({ ok: false, reason: 'mail' });
    expect(channelIdentity(ctx('email', {}))).toEqual({ ok: false, reason: 'mail' });
    expect(channelIdentity(ctx('webchat', {}, 'dave@example.com'))).toEqual({ ok: false, reason: 'webchat' });
    expect(channelIdentity(ctx('terminal'))).toEqual({ ok: false, reason: 'webchat' });
  });
});
