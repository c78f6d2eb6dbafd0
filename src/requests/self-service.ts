import path from 'node:path';
import type { Config } from '../config';
import { loadDirectoryMapping } from '../directory/directory-config';
import type { Directory } from '../directory/directory';
import { LdapDirectory } from '../directory/ldap-directory';
import type { HttpRouter } from '../http/router';
import type { Logger } from '../log';
import { packageRoot } from '../package-root';
import { deriveKey } from '../store/install-secret';
import type { Store, TurnResult } from '../store/store';
import { AccountFlow } from './account-flow';
import { ApprovalMonitor } from './approval-monitor';
import { Approvals } from './approvals';
import { ConsoleApprovals } from './console-approvals';
import { validateCatalog, type CatalogEntryInput } from './catalog-schema';
import type { CodeSender } from './code-sender';
import { DirectoryActions } from './directory-actions';
import type { RequestStore } from './request-store';
import { RequestDesk } from './request-desk';
import { mountResetPage } from './reset-page';
import { Verifier } from './verification';
import { approvalLink, mountApprovalPages } from './approval-links';

/** What the app hands over to build self-service. */
export type SelfServiceInput = {
  config: Config; store: Store;
  /** Self-service state (CoreStores.requests): on SQLite or PostgreSQL, shared by every instance. */
  requests: RequestStore;
  router: HttpRouter; clock: () => Date; log: Logger; secret: Buffer;
  catalog: CatalogEntryInput[]; codeSender: CodeSender | null; announce: (result: TurnResult) => void;
  /** A directory other than LDAP_URL's (tests of other back-ends); default: LDAP with the mapping file. */
  directory?: Directory;
  /** Whether an active console agent has this work e-mail (their approvals wait in the console). */
  inConsole?: (email: string) => Promise<boolean>;
};

/** The directory configured by LDAP_URL, LDAP_BIND_* and DIRECTORY_CONFIG. */
export function directoryFromConfig(config: Config): Directory {
  const file = config.DIRECTORY_CONFIG ?? path.join(packageRoot(), 'config', 'directory.openldap.json');
  return new LdapDirectory({
    url: config.LDAP_URL as string, bindDn: config.LDAP_BIND_DN as string, bindPassword: config.LDAP_BIND_PASSWORD as string,
    timeoutMs: config.LDAP_TIMEOUT_MS, mapping: loadDirectoryMapping(file),
  });
}

/**
 * Self-service requests, approvals and directory actions, wired: the engine's preTurn, the approval
 * monitor (a background job the app runs under the 'approvals' lease) and the one-time password page, on
 * the RequestStore of CoreStores (SQLite or PostgreSQL). Built only when a directory is configured.
 */
export function createSelfService(input: SelfServiceInput) {
  const { config, store, clock, log } = input;
  const catalog = validateCatalog(input.catalog);
  const byId = new Map(catalog.map((e) => [e.id, e]));
  const { requests } = input;
  const directory = input.directory ?? directoryFromConfig(config);
  const actions = new DirectoryActions(directory, requests, { perUserHour: config.SELF_SERVICE_PER_USER_HOUR, perHour: config.SELF_SERVICE_PER_HOUR }, log);
  const linkKey = deriveKey(input.secret, 'approval-links');
  const approvals = new Approvals({
    store, requests, directory, actions, catalog: byId, log, announce: input.announce,
    remindMs: config.APPROVAL_REMIND_MINUTES * 60_000, timeoutMs: config.APPROVAL_TIMEOUT_MINUTES * 60_000,
    mailer: input.codeSender, link: (row) => approvalLink(config.PUBLIC_URL, linkKey, row), inConsole: input.inConsole,
  });
  mountApprovalPages(input.router, { requests, approvals, key: linkKey, clock, log });
  const verifier = new Verifier(requests, deriveKey(input.secret, 'verification-codes'), config.VERIFY_LOCK_MINUTES * 60_000);
  const account = new AccountFlow({ requests, actions, verifier, sender: input.codeSender, publicUrl: config.PUBLIC_URL, lockMinutes: config.VERIFY_LOCK_MINUTES, log });
  const desk = new RequestDesk({ store, catalog, requests, directory, approvals, account, log });
  const monitor = new ApprovalMonitor({ requests, approvals, clock, log, intervalMs: config.APPROVAL_CHECK_SECONDS * 1000 });
  mountResetPage(input.router, { store, requests, actions, clock, log, minLength: config.PASSWORD_MIN_LENGTH, announce: input.announce });
  const consoleApprovals = new ConsoleApprovals({ requests, approvals, store, catalog: byId });
  return { desk, monitor, approvals, consoleApprovals, requests, directory, catalog };
}

/** The wired self-service parts. */
export type SelfService = ReturnType<typeof createSelfService>;
