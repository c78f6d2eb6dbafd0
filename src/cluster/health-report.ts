import type { DatabaseReachability } from './database-reachability';

/** What /healthz is built from. */
export type HealthInputs = {
  instance: string;
  database: DatabaseReachability;
  channels: string[];
  /** Background leases this instance holds now ('sla', 'imap', ...). */
  leases: string[];
  streams: { degraded: boolean } & Record<string, unknown>;
  queue: { turns: number; seconds: number };
  maxQueueWaitSeconds: number;
};

/**
 * The /healthz answer. SQLite that takes no writes is "unhealthy" (503: this instance alone holds the data, a
 * load balancer should stop sending it traffic). PostgreSQL out of reach is "degraded" (200): every instance
 * shares it, so taking them all out of rotation would help no one; turns wait and resume when it is back.
 * Near the stream cap or with a queue past its wait budget: "degraded" as well.
 */
export function healthReport(input: HealthInputs): { status: number; body: Record<string, unknown> } {
  const database = input.database.status();
  const base = { instance: input.instance, database, channels: input.channels, leases: input.leases };
  if (!database.reachable && database.kind === 'sqlite') return { status: 503, body: { status: 'unhealthy', ...base } };
  const degraded = !database.reachable || input.streams.degraded || input.queue.seconds > input.maxQueueWaitSeconds;
  return { status: 200, body: { status: degraded ? 'degraded' : 'ok', ...base, streams: input.streams, queue: input.queue } };
}
