import type { CatalogEntryInput } from '../../src/requests/catalog-schema';

/** Unlock one's own account: no approval; the person proves who they are instead. */
export const accountUnlockRequest: CatalogEntryInput = {
  id: 'account-unlock',
  title: { en: 'Account unlock', zh: '账号解锁' },
  category: 'account',
  match: ['\\b(?:unlock|locked out|account (?:is )?locked|locked (?:my )?account)\\b', '(?:账号|账户|帐号).*(?:锁定|被锁|锁住)|解锁'],
  approval: { kind: 'none' },
  fulfilment: { kind: 'unlock' },
  verifyIdentity: true,
};
