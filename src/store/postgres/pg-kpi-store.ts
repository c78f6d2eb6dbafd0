import { IS_PERSON } from '../../broadcast/broadcast-targets';
import type { KpiData, Period } from '../../kpi/kpi-data';
import type { KpiStore } from '../../kpi/kpi-store';
import { eventsByTicket, toKpiKbAnswer, toKpiMajorIncident, toKpiTicket } from '../../kpi/load-kpi-data';
import { toExportedTicket, type ExportedTicket } from '../../kpi/ticket-export';
import type { PgDatabase } from './pg-database';

/** The KPI rows on PostgreSQL: the same queries as SQLite (load-kpi-data.ts, ticket-export.ts). */
export class PgKpiStore implements KpiStore {
  constructor(private readonly db: PgDatabase) {}

  async loadKpiData(until: string): Promise<KpiData> {
    const rows = await this.db.rows('SELECT t.*, c.channel FROM tickets t LEFT JOIN conversations c ON c.id = t.conversation_id WHERE t.created_at < $1 ORDER BY t.id', [until]);
    const events = eventsByTicket(await this.db.rows(
      'SELECT e.ticket_id, e.at, e.kind, e.data_json FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.created_at < $1 ORDER BY e.id', [until],
    ));
    const majorIncidents = (await this.db.rows('SELECT * FROM major_incidents ORDER BY id')).map(toKpiMajorIncident);
    const kbAnswers = (await this.db.rows('SELECT at, channel, category, articles_json, csat FROM kb_answers WHERE at < $1 ORDER BY id', [until])).map(toKpiKbAnswer);
    return { tickets: rows.map((r) => toKpiTicket(r, events.get(Number(r.id)) ?? [])), kbAnswers, notifications: await this.notifications(), majorIncidents };
  }

  /** Broadcasts sent to people; their tables come with the broadcast store, so a database without them has none. */
  private async notifications(): Promise<KpiData['notifications']> {
    const present = await this.db.one("SELECT to_regclass('broadcast_deliveries') IS NOT NULL AS deliveries, to_regclass('broadcast_targets') IS NOT NULL AS targets");
    if (!present?.deliveries) return [];
    // Posts into a Slack channel (broadcast_targets) reach a channel, not a person: not counted.
    const rows = await this.db.rows(`SELECT d.user_id, o.sent_at FROM broadcast_deliveries d JOIN outbox o ON o.id = d.outbox_id
      WHERE o.status = 'sent' AND o.sent_at IS NOT NULL ${present.targets ? `AND ${IS_PERSON('d.user_id')}` : ''}`);
    return rows.map((r) => ({ userId: Number(r.user_id), sentAt: String(r.sent_at) }));
  }

  async exportTickets(period: Period): Promise<ExportedTicket[]> {
    const rows = await this.db.rows(
      `SELECT t.*, c.channel, u.name AS requester_name, u.email AS requester_email, u.department AS requester_department
       FROM tickets t LEFT JOIN conversations c ON c.id = t.conversation_id LEFT JOIN users u ON u.id = t.requester_id
       WHERE t.created_at >= $1 AND t.created_at < $2 ORDER BY t.id`, [period.from, period.to],
    );
    return rows.map(toExportedTicket);
  }
}
