import type Database from 'better-sqlite3';

/** The clock of every KPI test: a Tuesday noon, after the fixture week. */
export const NOW = '2026-03-10T12:00:00.000Z';
/** The reported week: [Mon 2 March, Mon 9 March). */
export const PERIOD = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };

type Fixture = {
  number: string; channel: string; category: string; priority: string; status: string; group: string;
  created: string; responseDue: string; resolveDue: string;
  firstResponse?: string; escalatedAt?: string; resolved?: string; closed?: string; csat?: number;
  kb?: { id: string; helpful: boolean | null }[]; majorIncidentId?: number;
  events: [string, string, Record<string, unknown>?][];
};

const t = (day: number, time: string) => `2026-03-${String(day).padStart(2, '0')}T${time}:00.000Z`;

/**
 * Nine tickets whose every KPI is worked out by hand in kpi-report.test.ts. Times are UTC.
 * INC-000006 is opened after the period, REQ-000002 before it (closed inside it).
 */
export const TICKETS: Fixture[] = [
  { number: 'INC-000001', channel: 'webchat', category: 'network', priority: 'P2', status: 'closed', group: 'network',
    created: t(2, '09:00'), responseDue: t(2, '09:30'), resolveDue: t(2, '17:00'), firstResponse: t(2, '09:20'), resolved: t(2, '12:00'),
    closed: t(2, '12:30'), csat: 5,
    events: [['opened', t(2, '09:00')], ['escalated', t(2, '09:00')], ['resolved', t(2, '12:00')], ['closed', t(2, '12:30'), { by: 'requester' }], ['csat', t(2, '12:31'), { score: 5 }]] },
  { number: 'INC-000002', channel: 'slack', category: 'network', priority: 'P2', status: 'closed', group: 'network',
    created: t(3, '10:00'), responseDue: t(3, '10:30'), resolveDue: t(3, '18:00'), firstResponse: t(3, '11:00'), resolved: t(4, '09:00'),
    closed: t(4, '10:00'),
    events: [['opened', t(3, '10:00')], ['escalated', t(3, '10:00')], ['resolved', t(3, '15:00')], ['reopened', t(3, '16:00')],
      ['resolved', t(4, '09:00')], ['closed', t(4, '10:00'), { by: 'requester' }], ['csat_skipped', t(4, '10:01')]] },
  { number: 'REQ-000001', channel: 'webchat', category: 'account', priority: 'P4', status: 'closed', group: 'service-desk',
    created: t(4, '08:00'), responseDue: t(4, '16:00'), resolveDue: t(9, '16:00'), firstResponse: t(4, '10:00'), resolved: t(5, '10:00'),
    closed: t(5, '11:00'), csat: 3,
    events: [['opened', t(4, '08:00')], ['resolved', t(5, '10:00')], ['closed', t(5, '11:00'), { by: 'requester' }], ['csat', t(5, '11:01'), { score: 3 }]] },
  { number: 'INC-000003', channel: 'webchat', category: 'software', priority: 'P3', status: 'closed', group: 'service-desk',
    created: t(5, '09:00'), responseDue: t(5, '13:00'), resolveDue: t(8, '13:00'), closed: t(5, '09:00'),
    kb: [{ id: 'software-install', helpful: true }],
    events: [['opened', t(5, '09:00')], ['self_service_resolved', t(5, '09:00'), { articles: ['software-install'] }]] },
  { number: 'INC-000004', channel: 'email', category: 'email', priority: 'P3', status: 'escalated', group: 'service-desk',
    created: t(6, '14:00'), responseDue: t(6, '18:00'), resolveDue: t(11, '18:00'), escalatedAt: t(6, '15:30'),
    kb: [{ id: 'outlook-not-syncing', helpful: false }],
    events: [['opened', t(6, '14:00')], ['escalated', t(6, '15:30'), { reason: 'requested' }]] },
  { number: 'INC-000005', channel: 'slack', category: 'hardware', priority: 'P4', status: 'new', group: 'service-desk',
    created: t(8, '20:00'), responseDue: t(9, '16:00'), resolveDue: t(13, '16:00'),
    kb: [{ id: 'software-install', helpful: false }, { id: 'outlook-not-syncing', helpful: false }],
    events: [['opened', t(8, '20:00')]] },
  { number: 'INC-000006', channel: 'webchat', category: 'network', priority: 'P1', status: 'in_progress', group: 'network',
    created: t(9, '10:00'), responseDue: t(9, '10:15'), resolveDue: t(9, '14:00'), firstResponse: t(9, '10:05'),
    events: [['opened', t(9, '10:00')], ['escalated', t(9, '10:00')], ['taken_over', t(9, '10:04')]] },
  { number: 'REQ-000002', channel: 'teams', category: 'account', priority: 'P3', status: 'closed', group: 'service-desk',
    created: t(1, '10:00'), responseDue: t(1, '14:00'), resolveDue: t(4, '14:00'), firstResponse: t(1, '11:00'), resolved: t(2, '14:00'),
    closed: t(2, '15:00'), csat: 4,
    events: [['opened', t(1, '10:00')], ['transferred', t(1, '12:00'), { toGroup: 'identity' }], ['resolved', t(2, '14:00')],
      ['closed', t(2, '15:00'), { by: 'requester' }], ['csat', t(2, '15:01'), { score: 4 }]] },
  { number: 'INC-000007', channel: 'webchat', category: 'security', priority: 'P2', status: 'in_progress', group: 'security',
    created: t(7, '11:00'), responseDue: t(7, '11:30'), resolveDue: t(7, '19:00'), firstResponse: t(7, '11:10'), majorIncidentId: 1,
    events: [['opened', t(7, '11:00')], ['escalated', t(7, '11:00'), { reason: 'security' }], ['taken_over', t(7, '11:05')]] },
];

/** Write the fixture history into a migrated Frontdesk database (one user and conversation per ticket). */
export function seedHistory(db: Database.Database): void {
  const user = db.prepare('INSERT INTO users (channel, platform_user_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const conversation = db.prepare('INSERT INTO conversations (channel, platform_conversation_id, ref_json, user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const ticket = db.prepare(
    `INSERT INTO tickets (number, type, category, impact, urgency, priority, status, requester_id, conversation_id, summary, description, lang,
       kb_json, group_name, response_due_at, resolve_due_at, first_response_at, escalated_at, resolved_at, closed_at, csat, major_incident_id, created_at, updated_at)
     VALUES (?, ?, ?, 2, 2, ?, ?, ?, ?, ?, '', 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare('INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    TICKETS.forEach((f, i) => {
      const ref = { channel: f.channel, conversationId: `c${i}`, userId: `u${i}` };
      const userId = Number(user.run(f.channel, `u${i}`, `User ${i}`, f.created, f.created).lastInsertRowid);
      const convId = Number(conversation.run(f.channel, `c${i}`, JSON.stringify(ref), userId, f.created, f.created).lastInsertRowid);
      const id = Number(ticket.run(f.number, f.number.startsWith('INC') ? 'incident' : 'service_request', f.category, f.priority, f.status, userId, convId,
        `Fixture ${f.number}`, JSON.stringify(f.kb ?? []), f.group, f.responseDue, f.resolveDue, f.firstResponse ?? null, f.escalatedAt ?? null,
        f.resolved ?? null, f.closed ?? null, f.csat ?? null, f.majorIncidentId ?? null, f.created, f.created).lastInsertRowid);
      for (const [kind, at, data] of f.events) event.run(id, at, kind === 'opened' ? 'bot' : 'agent:alice', kind, JSON.stringify(data ?? {}));
    });
  })();
}
