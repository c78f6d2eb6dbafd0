import { REQUEST_IN_FLIGHT_MS, REQUEST_KEY_KEEP_MS, type RequestClaim } from '../console-requests';
import type { PgDatabase } from './pg-database';

/** Claim (agent, key) for a request with this hash: the row is locked, so two instances cannot both run it. */
export function claimRequestPg(db: PgDatabase, agentId: string, key: string, requestHash: string, now: Date): Promise<RequestClaim> {
  return db.transaction(async (tx): Promise<RequestClaim> => {
    await tx.run('DELETE FROM console_requests WHERE created_at < $1', [new Date(now.getTime() - REQUEST_KEY_KEEP_MS).toISOString()]);
    const inserted = await tx.run('INSERT INTO console_requests (agent_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [agentId, key, requestHash, now.toISOString()]);
    if (inserted === 1) return { kind: 'new' };
    const row = await tx.one('SELECT request_hash, response_json, created_at FROM console_requests WHERE agent_id = $1 AND key = $2 FOR UPDATE', [agentId, key]);
    if (!row) return { kind: 'in_flight' };
    if (row.request_hash !== requestHash) return { kind: 'other_request' };
    if (row.response_json !== null) return { kind: 'replay', responseJson: String(row.response_json) };
    if (Date.parse(String(row.created_at)) > now.getTime() - REQUEST_IN_FLIGHT_MS) return { kind: 'in_flight' };
    await tx.run('UPDATE console_requests SET created_at = $1 WHERE agent_id = $2 AND key = $3', [now.toISOString(), agentId, key]);
    return { kind: 'new' };
  });
}

/** Record the answer of a claimed request (`null`: it failed, so the key may be tried again). */
export async function finishRequestPg(db: PgDatabase, agentId: string, key: string, responseJson: string | null): Promise<void> {
  if (responseJson === null) await db.run('DELETE FROM console_requests WHERE agent_id = $1 AND key = $2', [agentId, key]);
  else await db.run('UPDATE console_requests SET response_json = $1 WHERE agent_id = $2 AND key = $3', [responseJson, agentId, key]);
}
