import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors';

/** Which directory attribute holds each fact Frontdesk uses; the examples are config/directory.*.json. */
export const DirectoryMapping = z.object({
  kind: z.enum(['openldap', 'active-directory']),
  usersBase: z.string().min(1),
  groupsBase: z.string().min(1),
  userFilter: z.string().default('(objectClass=inetOrgPerson)'),
  groupFilter: z.string().default('(objectClass=groupOfNames)'),
  attributes: z.object({
    id: z.string().default('uid'),
    name: z.string().default('cn'),
    email: z.string().default('mail'),
    /** The second factor the one-time code goes to (an address outside the account being recovered). */
    secondFactorEmail: z.string().optional(),
    phone: z.string().default('telephoneNumber'),
    department: z.string().default('departmentNumber'),
    manager: z.string().default('manager'),
    office: z.string().default('roomNumber'),
    vip: z.string().optional(),
    groupName: z.string().default('cn'),
    groupMember: z.string().default('member'),
    groupOwner: z.string().default('owner'),
  }).prefault({}),
  /** Values of the VIP attribute that mark a VIP (case-insensitive). */
  vipValues: z.array(z.string()).default(['VIP']),
  /** How a lockout is recorded and lifted: OpenLDAP ppolicy deletes the attribute, AD writes lockoutTime 0. */
  lock: z.object({ attribute: z.string(), unlock: z.enum(['delete', 'zero']) }),
  /** OpenLDAP: a salted SHA hash in userPassword; AD: unicodePwd (needs LDAPS). */
  password: z.object({ encoding: z.enum(['ssha', 'unicodePwd']), attribute: z.string().default('userPassword') }),
});
export type DirectoryMapping = z.infer<typeof DirectoryMapping>;

/** Connection settings (bind account from the environment) plus the attribute mapping. */
export type DirectorySettings = { url: string; bindDn: string; bindPassword: string; timeoutMs: number; mapping: DirectoryMapping };

/** Read and validate a mapping file; a bad file stops start-up with a message naming it. */
export function loadDirectoryMapping(file: string): DirectoryMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`DIRECTORY_CONFIG ${file}: ${(error as Error).message}`);
  }
  const parsed = DirectoryMapping.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`DIRECTORY_CONFIG ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
