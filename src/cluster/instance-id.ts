import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** This process as a lease holder: host, pid and a random part (a restarted process, or a reused pid, is a new holder). */
export function instanceId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
