import type { CatalogEntryInput } from '../../src/requests/catalog-schema';

/** Reset one's own password: identity verified, then the person sets it on a one-time page (never in the chat). */
export const passwordResetRequest: CatalogEntryInput = {
  id: 'password-reset',
  title: { en: 'Password reset', zh: '密码重置' },
  category: 'account',
  match: ['\\b(?:reset|forgot|forgotten|change)\\b.*\\bpassword\\b', '\\bpassword\\b.*\\b(?:reset|expired|forgot)\\b', '(?:重置|忘记|忘了|修改).*密码|密码.*(?:过期|重置|忘)'],
  approval: { kind: 'none' },
  fulfilment: { kind: 'reset_password' },
  verifyIdentity: true,
};
