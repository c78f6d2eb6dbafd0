import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../email/helpers/mail-servers';
import type { DirectoryMapping, DirectorySettings } from '../../../src/directory/directory-config';
import { loadDirectoryMapping } from '../../../src/directory/directory-config';

const SLAPD = '/usr/sbin/slapd';

/** Whether slapd is installed; under CI=true the suites run regardless, so a missing slapd fails them. */
export const slapdMissing: string | null = fs.existsSync(SLAPD) && spawnSync('sh', ['-c', 'command -v ldapadd']).status === 0 ? null : 'slapd / ldap-utils';

/** `describe`, or `describe.skip` with a warning on a developer machine without slapd; never a skip under CI=true. */
export function describeWithSlapd(): jest.Describe {
  if (!slapdMissing || process.env.CI === 'true') return describe;
  console.warn(`${slapdMissing} is not installed here: the directory tests are skipped (see .ci/install-system.sh)`);
  return describe.skip;
}

export const SUFFIX = 'dc=example,dc=com';
export const ADMIN_DN = `cn=admin,${SUFFIX}`;
export const ADMIN_PASSWORD = 'admin-secret';
export const dnOf = (uid: string) => `uid=${uid},ou=people,${SUFFIX}`;
export const groupDn = (cn: string) => `cn=${cn},ou=groups,${SUFFIX}`;

/** Everyone's starting password in the seeded directory. */
export const OLD_PASSWORD = 'Old-pass-123';

type SeedPerson = { uid: string; name: string; manager?: string; department?: string; office?: string; vip?: boolean; locked?: boolean; expired?: boolean; secondFactor?: boolean };

/**
 * The seeded company: Alice (finance) reports to Bob, Bob to Carol; Dave is locked out, Erin's password
 * has expired, Frank is a VIP; Gus has no second factor. share-finance and dl-announce are owned by Carol.
 */
export const PEOPLE: SeedPerson[] = [
  { uid: 'alice', name: 'Alice Moreau', manager: 'bob', department: 'Finance', office: 'Shanghai 12F', secondFactor: true },
  { uid: 'bob', name: 'Bob Chen', manager: 'carol', department: 'Finance', office: 'Shanghai 12F', secondFactor: true },
  { uid: 'carol', name: 'Carol Diaz', department: 'Finance', office: 'London 3', secondFactor: true },
  { uid: 'dave', name: 'Dave Kim', manager: 'bob', department: 'Sales', office: 'Berlin 2', locked: true, secondFactor: true },
  { uid: 'erin', name: 'Erin Wu', manager: 'bob', department: 'Sales', office: 'Berlin 2', expired: true, secondFactor: true },
  { uid: 'frank', name: 'Frank Li', manager: 'carol', department: 'Board', office: 'London 1', vip: true, secondFactor: true },
  { uid: 'gus', name: 'Gus Park', manager: 'bob', department: 'Sales', locked: true },
];

/** The test domain of everyone's work address and of the second-factor addresses. */
export const emailOf = (uid: string) => `${uid}@example.com`;
export const secondFactorOf = (uid: string) => `${uid}.home@personal.test`;

function seedLdif(): string {
  const blocks = [
    `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example`,
    `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${SUFFIX}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ou=policies,${SUFFIX}\nobjectClass: organizationalUnit\nou: policies`,
    `dn: cn=default,ou=policies,${SUFFIX}\nobjectClass: pwdPolicy\nobjectClass: device\ncn: default\npwdAttribute: userPassword\npwdMaxAge: 7776000\npwdLockout: TRUE\npwdMaxFailure: 5`,
  ];
  for (const p of PEOPLE) {
    const lines = [`dn: ${dnOf(p.uid)}`, 'objectClass: inetOrgPerson', 'objectClass: extensibleObject', `uid: ${p.uid}`, `cn: ${p.name}`, `sn: ${p.name.split(' ')[1]}`,
      `mail: ${emailOf(p.uid)}`, `telephoneNumber: +44 20 7946 0${PEOPLE.indexOf(p)}00`, `userPassword: ${OLD_PASSWORD}`];
    if (p.secondFactor) lines.push(`otherMailbox: ${secondFactorOf(p.uid)}`);
    if (p.manager) lines.push(`manager: ${dnOf(p.manager)}`);
    if (p.department) lines.push(`departmentNumber: ${p.department}`);
    if (p.office) lines.push(`roomNumber: ${p.office}`);
    if (p.vip) lines.push('employeeType: VIP');
    if (p.locked) lines.push('pwdAccountLockedTime: 20260101000000Z');
    if (p.expired) lines.push('pwdChangedTime: 20200101000000Z');
    blocks.push(lines.join('\n'));
  }
  blocks.push(`dn: ${groupDn('share-finance')}\nobjectClass: groupOfNames\ncn: share-finance\nowner: ${dnOf('carol')}\nmember: ${dnOf('carol')}`);
  blocks.push(`dn: ${groupDn('dl-announce')}\nobjectClass: groupOfNames\ncn: dl-announce\nowner: ${dnOf('carol')}\nmember: ${dnOf('carol')}`);
  return `${blocks.join('\n\n')}\n`;
}

/** A running private slapd: its URL, its settings for Frontdesk, and LDAP-level helpers for assertions. */
export type Slapd = {
  url: string; port: number; dir: string;
  settings: DirectorySettings;
  env: Record<string, string>;
  /** ldapsearch as admin: the attribute's values of one entry. */
  values(dn: string, attribute: string): string[];
  /** Whether a simple bind with this password succeeds (ldapwhoami). */
  canBind(dn: string, password: string): boolean;
  stop(): Promise<void>;
  /** Stop and remove the temp folder (afterAll). */
  dispose(): Promise<void>;
  /** Start again on the same port and data (after stop). */
  restart(): Promise<void>;
};

function run(dir: string, port: number): void {
  const asRoot = process.getuid?.() === 0;
  const args = ['-f', path.join(dir, 'slapd.conf'), '-h', `ldap://127.0.0.1:${port}/`];
  if (asRoot) execFileSync('runuser', ['-u', 'openldap', '--', SLAPD, ...args]);
  else execFileSync(SLAPD, args);
}

async function waitUp(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (spawnSync('ldapsearch', ['-x', '-H', `ldap://127.0.0.1:${port}`, '-s', 'base', '-b', '', 'namingContexts']).status === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('slapd did not start');
}

/** Start slapd (as openldap when root) in a temp folder on a free port, with the seeded directory. */
export async function startSlapd(): Promise<Slapd> {
  if (slapdMissing) throw new Error(`${slapdMissing} is not installed: run .ci/install-system.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-slapd-'));
  fs.mkdirSync(path.join(dir, 'db'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'slapd.conf'), `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile ${dir}/slapd.pid
database mdb
maxsize 10485760
suffix "${SUFFIX}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_PASSWORD}
directory ${dir}/db
overlay ppolicy
ppolicy_default "cn=default,ou=policies,${SUFFIX}"
ppolicy_use_lockout
`);
  fs.writeFileSync(path.join(dir, 'seed.ldif'), seedLdif());
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'openldap', dir]);
  run(dir, port);
  await waitUp(port);
  // relax: the seed writes ppolicy's own attributes (a lockout, an old password change) as they would be found.
  const url = `ldap://127.0.0.1:${port}`;
  const mapping: DirectoryMapping = loadDirectoryMapping(path.join(__dirname, '..', '..', '..', 'config', 'directory.openldap.json'));
  const pidFile = path.join(dir, 'slapd.pid');
  const stop = async () => {
    if (!fs.existsSync(pidFile)) return;
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  try {
    execFileSync('ldapadd', ['-x', '-e', 'relax', '-H', url, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD, '-f', path.join(dir, 'seed.ldif')], { stdio: 'pipe' });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url, port, dir,
    settings: { url, bindDn: ADMIN_DN, bindPassword: ADMIN_PASSWORD, timeoutMs: 2000, mapping },
    env: { LDAP_URL: url, LDAP_BIND_DN: ADMIN_DN, LDAP_BIND_PASSWORD: ADMIN_PASSWORD, DIRECTORY_CONFIG: path.join(__dirname, '..', '..', '..', 'config', 'directory.openldap.json') },
    values(dn, attribute) {
      const out = spawnSync('ldapsearch', ['-x', '-LLL', '-o', 'ldif-wrap=no', '-H', url, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD, '-s', 'base', '-b', dn, attribute], { encoding: 'utf8' }).stdout;
      return out.split('\n').filter((l) => l.toLowerCase().startsWith(`${attribute.toLowerCase()}:`)).map((l) => l.slice(l.indexOf(':') + 1).trim());
    },
    canBind(dn, password) {
      return spawnSync('ldapwhoami', ['-x', '-H', url, '-D', dn, '-w', password]).status === 0;
    },
    stop: async () => {
      await stop();
    },
    dispose: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      run(dir, port);
      await waitUp(port);
    },
    // Files removed by the caller's stop via the returned dir if wanted; slapd's folder is small.
  } satisfies Slapd;
}
