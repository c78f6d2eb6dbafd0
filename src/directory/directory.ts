/** A person as the directory knows them, in Frontdesk's words (the mapping file names the attributes). */
export type Person = {
  dn: string;
  id: string;
  name: string;
  email?: string;
  /** Where a one-time code may go: an address outside the account being recovered. */
  secondFactorEmail?: string;
  phone?: string;
  department?: string;
  managerDn?: string;
  office?: string;
  vip: boolean;
  locked: boolean;
};

/** A directory group (shared-folder access, distribution list) with its owners and members. */
export type Group = { dn: string; name: string; ownerDns: string[]; memberDns: string[] };

/** The directory could not be reached or did not answer in time: nothing was changed by us. */
export class DirectoryUnavailableError extends Error {
  readonly code = 'directory_unavailable';
}

/** The directory answered and refused (a policy, a missing entry): its answer is in the message. */
export class DirectoryRefusedError extends Error {
  readonly code = 'directory_refused';
}

/** Lookups and the few changes self-service may make. Each call is one bind and one operation. */
export interface Directory {
  findByEmail(email: string): Promise<Person | null>;
  get(dn: string): Promise<Person | null>;
  findGroup(name: string): Promise<Group | null>;
  unlock(person: Person): Promise<void>;
  /** Replace the password in one modify operation (the server applies all of it or none). */
  setPassword(person: Person, password: string): Promise<void>;
  addMember(group: Group, person: Person): Promise<'added' | 'already'>;
  removeMember(group: Group, person: Person): Promise<'removed' | 'absent'>;
}
