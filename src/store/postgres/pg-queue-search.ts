import { AT_RISK_SHARE, type QueuePage, type QueueQuery, type QueueScope } from '../../console/queue-query';
import { QUEUE_STATUSES } from '../agent-store';
import { toTicket } from '../rows';
import type { PgDatabase } from './pg-database';

// The same orders as SQLite (sqlite-queue-search.ts); priority text sorts P1 < P5 in byte order.
const ORDER: Record<QueueQuery['sort'], string> = {
  priority: 't.priority COLLATE "C", t.response_due_at, t.id',
  due: 't.response_due_at, t.id',
  newest: 't.id DESC',
  oldest: 't.id',
  updated: 't.updated_at DESC, t.id DESC',
};

/**
 * The waiting statuses as literals: PostgreSQL uses a partial index only when it can prove the query implies the
 * index's condition (migration 17's tickets_waiting_by_priority), and a bound array parameter is not proof.
 */
const WAITING = `t.status IN (${QUEUE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** `text` as an ILIKE pattern matching it anywhere, with %, _ and \ taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of the console's queue with the number of matches: the filters and search of the SQLite version. */
export async function searchQueuePg(db: PgDatabase, scope: QueueScope, query: QueueQuery): Promise<QueuePage> {
  const where: string[] = [];
  const args: unknown[] = [];
  const param = (value: unknown) => `$${args.push(value)}`;
  if (query.status === 'waiting') where.push(WAITING);
  else if (query.status !== 'all') where.push(`t.status = ${param(query.status)}`);
  // Outside their groups an agent sees nothing, even when they ask for another group by name.
  if (scope.groups !== null) where.push(`t.group_name = ANY(${param([...scope.groups])})`);
  if (query.group) where.push(`t.group_name = ${param(query.group)}`);
  if (query.priority) where.push(`t.priority = ${param(query.priority)}`);
  if (query.assignee === 'mine') where.push(`t.agent_id = ${param(scope.agentId)}`);
  else if (query.assignee === 'unassigned') where.push('t.agent_id IS NULL');
  else if (query.assignee) where.push(`t.agent_id = ${param(query.assignee)}`);
  if (query.sla === 'at_risk') {
    const due = 'CASE WHEN t.first_response_at IS NULL THEN t.response_due_at ELSE t.resolve_due_at END';
    // Ended SLA pauses (the monitor's sla_pauses) do not count as time used.
    const paused = "coalesce((SELECT sum(p.to_at - p.from_at) FROM sla_pauses p WHERE p.ticket_id = t.id AND p.to_at IS NOT NULL), interval '0')";
    where.push(`t.status NOT IN ('pending_user', 'resolved', 'closed')
      AND ${param(scope.now ?? new Date().toISOString())}::timestamptz - t.created_at - ${paused} >= ${param(AT_RISK_SHARE)}::float8 * (${due} - t.created_at)`);
  }
  if (query.watching) where.push(`EXISTS (SELECT 1 FROM ticket_watchers w WHERE w.ticket_id = t.id AND w.agent_id = ${param(scope.agentId)})`);
  for (const tag of query.tags) where.push(`t.tags_json::jsonb ? ${param(tag)}`);
  if (query.q) {
    const exact = param(query.q);
    const like = param(contains(query.q));
    where.push(`(upper(t.number) = upper(${exact}) OR t.number ILIKE ${like} OR t.summary ILIKE ${like} OR t.description ILIKE ${like} OR t.tags_json ILIKE ${like}
      OR t.requester_id IN (SELECT u.id FROM users u WHERE u.name ILIKE ${like} OR u.email ILIKE ${like} OR u.platform_user_id ILIKE ${like}))`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number((await db.one(`SELECT count(*) AS n FROM tickets t ${filter}`, args))?.n ?? 0);
  const rows = await db.rows(`SELECT t.* FROM tickets t ${filter} ORDER BY ${ORDER[query.sort]} LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`, args);
  return { tickets: rows.map(toTicket), total, page: query.page, pageSize: query.pageSize };
}
