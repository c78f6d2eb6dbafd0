import type { CatalogEntryInput } from '../../src/requests/catalog-schema';
import { accountUnlockRequest } from './account-unlock.request';
import { passwordResetRequest } from './password-reset.request';
import { sharedFolderRequest } from './shared-folder.request';
import { distributionListRequest } from './distribution-list.request';
import { softwareInstallRequest } from './software-install.request';
import { newHireRequest } from './new-hire.request';

/** The shipped request catalog, in matching order (account actions first: "locked out of the finance share" is an unlock). */
export const catalogEntries: CatalogEntryInput[] = [
  accountUnlockRequest,
  passwordResetRequest,
  distributionListRequest,
  sharedFolderRequest,
  softwareInstallRequest,
  newHireRequest,
];
