import { Attribute, Change, Client, EqualityFilter, ResultCodeError, type Entry } from 'ldapts';
import type { DirectoryMapping, DirectorySettings } from './directory-config';
import { DirectoryRefusedError, DirectoryUnavailableError, type Directory, type Group, type Person } from './directory';
import { sshaHash, unicodePwd } from './password-encoding';

const first = (value: Entry[string] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  const s = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return s === '' ? undefined : s;
};
const all = (value: Entry[string] | undefined): string[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))));
const sameDn = (a: string, b: string) => a.replace(/\s*,\s*/g, ',').toLowerCase() === b.replace(/\s*,\s*/g, ',').toLowerCase();

/**
 * The directory over LDAP with ldapts: a fresh connection and bind per call (no pooled socket to go stale
 * across a directory restart), one operation, unbind. A connection that fails or times out becomes
 * DirectoryUnavailableError (nothing was done); an LDAP result code becomes DirectoryRefusedError.
 */
export class LdapDirectory implements Directory {
  private readonly map: DirectoryMapping;

  constructor(private readonly settings: DirectorySettings) {
    this.map = settings.mapping;
  }

  async findByEmail(email: string): Promise<Person | null> {
    const filter = `(&${this.map.userFilter}${new EqualityFilter({ attribute: this.map.attributes.email, value: email }).toString()})`;
    const entries = await this.search(this.map.usersBase, filter);
    return entries.length === 1 ? this.toPerson(entries[0]) : null;
  }

  async get(dn: string): Promise<Person | null> {
    const entries = await this.search(dn, this.map.userFilter, 'base').catch((error) => {
      if (error instanceof DirectoryRefusedError) return [];
      throw error;
    });
    return entries[0] ? this.toPerson(entries[0]) : null;
  }

  async findGroup(name: string): Promise<Group | null> {
    const a = this.map.attributes;
    const filter = `(&${this.map.groupFilter}${new EqualityFilter({ attribute: a.groupName, value: name }).toString()})`;
    const [entry] = await this.search(this.map.groupsBase, filter);
    if (!entry) return null;
    return { dn: entry.dn, name: first(entry[a.groupName]) ?? name, ownerDns: all(entry[a.groupOwner]), memberDns: all(entry[a.groupMember]) };
  }

  async unlock(person: Person): Promise<void> {
    const { attribute, unlock } = this.map.lock;
    if (!person.locked) return;
    const change = unlock === 'delete'
      ? new Change({ operation: 'delete', modification: new Attribute({ type: attribute, values: [] }) })
      : new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values: ['0'] }) });
    await this.modify(person.dn, [change]);
  }

  async setPassword(person: Person, password: string): Promise<void> {
    const { encoding, attribute } = this.map.password;
    const value = encoding === 'ssha' ? sshaHash(password) : unicodePwd(password);
    const changes = [new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values: [value as never] }) })];
    // A new password also ends a lockout, in the same operation: the person can log on right away.
    if (person.locked && this.map.lock.unlock === 'delete') changes.push(new Change({ operation: 'delete', modification: new Attribute({ type: this.map.lock.attribute, values: [] }) }));
    if (person.locked && this.map.lock.unlock === 'zero') changes.push(new Change({ operation: 'replace', modification: new Attribute({ type: this.map.lock.attribute, values: ['0'] }) }));
    await this.modify(person.dn, changes);
  }

  async addMember(group: Group, person: Person): Promise<'added' | 'already'> {
    if (group.memberDns.some((dn) => sameDn(dn, person.dn))) return 'already';
    await this.modify(group.dn, [new Change({ operation: 'add', modification: new Attribute({ type: this.map.attributes.groupMember, values: [person.dn] }) })]);
    return 'added';
  }

  async removeMember(group: Group, person: Person): Promise<'removed' | 'absent'> {
    const current = group.memberDns.find((dn) => sameDn(dn, person.dn));
    if (!current) return 'absent';
    await this.modify(group.dn, [new Change({ operation: 'delete', modification: new Attribute({ type: this.map.attributes.groupMember, values: [current] }) })]);
    return 'removed';
  }

  private toPerson(entry: Entry): Person {
    const a = this.map.attributes;
    const vip = a.vip ? all(entry[a.vip]).some((v) => this.map.vipValues.some((m) => m.toLowerCase() === v.toLowerCase())) : false;
    const lock = first(entry[this.map.lock.attribute]);
    return {
      dn: entry.dn,
      id: first(entry[a.id]) ?? entry.dn,
      name: first(entry[a.name]) ?? entry.dn,
      email: first(entry[a.email]),
      secondFactorEmail: a.secondFactorEmail ? first(entry[a.secondFactorEmail]) : undefined,
      phone: first(entry[a.phone]),
      department: first(entry[a.department]),
      managerDn: first(entry[a.manager]),
      office: first(entry[a.office]),
      vip,
      locked: lock !== undefined && lock !== '0',
    };
  }

  private attributes(): string[] {
    const a = this.map.attributes;
    return [...new Set([a.id, a.name, a.email, a.phone, a.department, a.manager, a.office, this.map.lock.attribute,
      ...(a.secondFactorEmail ? [a.secondFactorEmail] : []), ...(a.vip ? [a.vip] : []), a.groupName, a.groupMember, a.groupOwner])];
  }

  private async search(base: string, filter: string, scope: 'base' | 'sub' = 'sub'): Promise<Entry[]> {
    return this.withClient(async (client) => (await client.search(base, { scope, filter, attributes: this.attributes(), sizeLimit: 50 })).searchEntries);
  }

  private async modify(dn: string, changes: Change[]): Promise<void> {
    await this.withClient((client) => client.modify(dn, changes));
  }

  private async withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const { url, bindDn, bindPassword, timeoutMs } = this.settings;
    const client = new Client({ url, timeout: timeoutMs, connectTimeout: timeoutMs });
    try {
      await client.bind(bindDn, bindPassword);
      return await work(client);
    } catch (error) {
      if (error instanceof ResultCodeError) throw new DirectoryRefusedError(`the directory refused: ${error.message}`);
      throw new DirectoryUnavailableError(`the directory did not answer: ${(error as Error).message}`);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}
