import type Database from 'better-sqlite3';
import { REQUEST_IN_FLIGHT_MS, REQUEST_KEY_KEEP_MS, type RequestClaim } from './console-requests';

/** Claim (agent, key) for a request with this hash, atomically: the first claim runs, the others replay or wait. */
export function claimRequest(db: Database.Database, agentId: string, key: string, requestHash: string, now: Date): RequestClaim {
  const at = now.toISOString();
  return db.transaction((): RequestClaim => {
    db.prepare('DELETE FROM console_requests WHERE created_at < ?').run(new Date(now.getTime() - REQUEST_KEY_KEEP_MS).toISOString());
    const row = db.prepare('SELECT request_hash, response_json, created_at FROM console_requests WHERE agent_id = ? AND key = ?').get(agentId, key) as
      { request_hash: string; response_json: string | null; created_at: string } | undefined;
    if (!row) {
      db.prepare('INSERT INTO console_requests (agent_id, key, request_hash, created_at) VALUES (?, ?, ?, ?)').run(agentId, key, requestHash, at);
      return { kind: 'new' };
    }
    if (row.request_hash !== requestHash) return { kind: 'other_request' };
    if (row.response_json !== null) return { kind: 'replay', responseJson: row.response_json };
    if (Date.parse(row.created_at) > now.getTime() - REQUEST_IN_FLIGHT_MS) return { kind: 'in_flight' };
    db.prepare('UPDATE console_requests SET created_at = ? WHERE agent_id = ? AND key = ?').run(at, agentId, key);
    return { kind: 'new' };
  }).immediate();
}

/** Record the answer of a claimed request (`null`: it failed, so the key may be tried again). */
export function finishRequest(db: Database.Database, agentId: string, key: string, responseJson: string | null): void {
  if (responseJson === null) db.prepare('DELETE FROM console_requests WHERE agent_id = ? AND key = ?').run(agentId, key);
  else db.prepare('UPDATE console_requests SET response_json = ? WHERE agent_id = ? AND key = ?').run(responseJson, agentId, key);
}
