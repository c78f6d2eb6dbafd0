import type Database from 'better-sqlite3';
import { AT_RISK_SHARE, type QueuePage, type QueueQuery, type QueueScope } from '../console/queue-query';
import { QUEUE_STATUSES } from './agent-store';
import { toTicket, type Row } from './rows';

const ORDER: Record<QueueQuery['sort'], string> = {
  priority: 't.priority, t.response_due_at, t.id',
  due: 't.response_due_at, t.id',
  newest: 't.id DESC',
  oldest: 't.id',
  updated: 't.updated_at DESC, t.id DESC',
};

/**
 * The waiting statuses as literals: SQLite uses a partial index only when the query states its condition as written
 * (migration 027's tickets_waiting_by_priority), and bound parameters are not that.
 */
const WAITING = `t.status IN (${QUEUE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** `text` as a LIKE pattern matching it anywhere, with %, _ and \ taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the console's queue with the number of matches. The search looks at the ticket number, the
 * summary, description and tags (`tag:vpn` filters on one), and the requester's name, e-mail and platform id. Offset paging: an agent jumps
 * to page n of a sorted list, and the total makes "page 3 of 7" honest; at desk sizes (10,000 open tickets)
 * the count and the sort stay a few milliseconds, and the default view reads its page off an index (see `npm run bench -- --only console`).
 */
export function searchQueue(db: Database.Database, scope: QueueScope, query: QueueQuery): QueuePage {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (query.status === 'waiting') add(WAITING);
  else if (query.status !== 'all') add('t.status = ?', query.status);
  // Outside their groups an agent sees nothing, even when they ask for another group by name.
  if (scope.groups !== null) add(`t.group_name IN (${scope.groups.map(() => '?').join(', ') || 'NULL'})`, ...scope.groups);
  if (query.group) add('t.group_name = ?', query.group);
  if (query.priority) add('t.priority = ?', query.priority);
  if (query.assignee === 'mine') add('t.agent_id = ?', scope.agentId);
  else if (query.assignee === 'unassigned') add('t.agent_id IS NULL');
  else if (query.assignee) add('t.agent_id = ?', query.assignee);
  if (query.sla === 'at_risk') {
    // The clock that runs: response until the first answer, then resolution; paused and finished tickets are out.
    const due = 'julianday(CASE WHEN t.first_response_at IS NULL THEN t.response_due_at ELSE t.resolve_due_at END)';
    // Ended SLA pauses (the monitor's sla_pauses) do not count as time used.
    const paused = 'coalesce((SELECT sum(julianday(p.to_at) - julianday(p.from_at)) FROM sla_pauses p WHERE p.ticket_id = t.id AND p.to_at IS NOT NULL), 0)';
    add(`t.status NOT IN ('pending_user', 'resolved', 'closed') AND julianday(?) - julianday(t.created_at) - ${paused} >= ? * (${due} - julianday(t.created_at))`,
      scope.now ?? new Date().toISOString(), AT_RISK_SHARE);
  }
  if (query.watching) add('EXISTS (SELECT 1 FROM ticket_watchers w WHERE w.ticket_id = t.id AND w.agent_id = ?)', scope.agentId);
  for (const tag of query.tags) add('EXISTS (SELECT 1 FROM json_each(t.tags_json) j WHERE j.value = ?)', tag);
  if (query.q) {
    const like = contains(query.q);
    add(`(t.number = ? COLLATE NOCASE OR t.number LIKE ? ESCAPE '\\' OR t.summary LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\' OR t.tags_json LIKE ? ESCAPE '\\'
      OR t.requester_id IN (SELECT u.id FROM users u WHERE u.name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\' OR u.platform_user_id LIKE ? ESCAPE '\\'))`,
    query.q, like, like, like, like, like, like, like);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number((db.prepare(`SELECT COUNT(*) AS n FROM tickets t ${filter}`).get(...args) as { n: number }).n);
  // The default view walks the waiting tickets in order (the planner, without statistics, would sort them all).
  const indexed = query.status === 'waiting' && query.sort === 'priority' ? 'INDEXED BY tickets_waiting_by_priority' : '';
  const rows = db.prepare(`SELECT t.* FROM tickets t ${indexed} ${filter} ORDER BY ${ORDER[query.sort]} LIMIT ? OFFSET ?`)
    .all(...args, query.pageSize, (query.page - 1) * query.pageSize) as Row[];
  return { tickets: rows.map(toTicket), total, page: query.page, pageSize: query.pageSize };
}
