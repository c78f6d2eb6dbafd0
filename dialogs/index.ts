import type { DialogEntry } from '../src/dialog/registry';
import type { DialogDefinition } from '../src/dialog/schema';
import { generalIncidentDialog } from './general-incident.dialog';
import { serviceRequestDialog } from './service-request.dialog';
import { networkVpnDialog } from './network-vpn.dialog';
import { accountAccessDialog } from './account-access.dialog';
import { hardwarePrinterDialog } from './hardware-printer.dialog';
import { emailDialog } from './email.dialog';
import { securityDialog } from './security.dialog';
import { dataRestoreDialog } from './data-restore.dialog';
import { newHireDialog } from './new-hire.dialog';

/** Every dialog with the file it lives in, for the registry to validate at start-up. */
export const dialogEntries: (DialogEntry & { definition: DialogDefinition })[] = [
  { file: 'dialogs/general-incident.dialog.ts', definition: generalIncidentDialog },
  { file: 'dialogs/service-request.dialog.ts', definition: serviceRequestDialog },
  { file: 'dialogs/network-vpn.dialog.ts', definition: networkVpnDialog },
  { file: 'dialogs/account-access.dialog.ts', definition: accountAccessDialog },
  { file: 'dialogs/hardware-printer.dialog.ts', definition: hardwarePrinterDialog },
  { file: 'dialogs/email.dialog.ts', definition: emailDialog },
  { file: 'dialogs/security.dialog.ts', definition: securityDialog },
  { file: 'dialogs/data-restore.dialog.ts', definition: dataRestoreDialog },
  { file: 'dialogs/new-hire.dialog.ts', definition: newHireDialog },
];

/** Every dialog definition (unvalidated; pass `dialogEntries` through `validateDialogs` at start-up). */
export const dialogs: DialogDefinition[] = dialogEntries.map((e) => e.definition);
