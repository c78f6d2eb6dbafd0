import { alertGroupStoreContract } from './alert-group-store-contract';
import { broadcastStoreContract } from './broadcast-store-contract';
import type { StoreHarness } from './harness';
import { webhookStoreContract } from './webhook-store-contract';

/** The contracts of the stores that tell people and systems (broadcasts, outgoing webhooks, alert groups), on one harness. */
export function noticesContracts(name: string, harness: StoreHarness): void {
  broadcastStoreContract(name, harness);
  webhookStoreContract(name, harness);
  alertGroupStoreContract(name, harness);
}
