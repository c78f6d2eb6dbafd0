import { loadConfig } from '../config';
import { NotFoundError, ValidationError } from '../errors';
import { toTable } from '../kpi/format-report';
import { openReadOnly } from '../kpi/load-kpi-data';
import { parsePeriod } from '../kpi/period';
import { describeEventData, exportTickets, ticketAudit, ticketsCsv } from '../kpi/ticket-export';
import { parseArgs, type CliCommand } from './command';

const USAGE = `Usage:
  frontdesk tickets export [--format csv|json] [--from YYYY-MM-DD] [--to YYYY-MM-DD]   (default: json, last 30 days)
  frontdesk tickets show INC-000001                                                   ticket and its audit trail
`;

const text = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** `frontdesk tickets export|show`: ticket export (CSV/JSON) and the audit trail of one ticket, read-only. */
export const runTicketsCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [sub, number] = positional;
  if (sub !== 'export' && sub !== 'show') {
    io.stderr.write(USAGE);
    return 1;
  }
  const format = options.format ?? 'json';
  if (sub === 'export' && format !== 'csv' && format !== 'json') throw new ValidationError('--format must be csv or json');
  if (sub === 'show' && !number) throw new ValidationError('give the ticket number: frontdesk tickets show INC-000001');
  const period = sub === 'export' ? parsePeriod({ from: text(options.from), to: text(options.to) }, new Date()) : null;
  const db = openReadOnly(loadConfig(io.env, io.cwd).DATABASE_PATH);
  try {
    if (period) {
      const tickets = exportTickets(db, period);
      io.stdout.write(format === 'csv' ? ticketsCsv(tickets) : `${JSON.stringify(tickets, null, 2)}\n`);
      return 0;
    }
    const audit = ticketAudit(db, number);
    if (!audit) throw new NotFoundError(`no ticket ${number}: check the number (INC-000001 or REQ-000001)`);
    const t = audit.ticket;
    io.stdout.write(`${t.number}  ${t.type}  ${t.category}  ${t.priority}  ${t.status}  group=${t.group ?? '-'}  agent=${t.agentId ?? '-'}\n`);
    io.stdout.write(`${t.summary}\ncreated ${t.createdAt}  response due ${t.responseDueAt}  resolve due ${t.resolveDueAt}\n\nAudit trail\n`);
    io.stdout.write(toTable(['at', 'actor', 'event', 'details'], audit.events.map((e) => [e.at, e.actor, e.kind, describeEventData(e.data)])));
    return 0;
  } finally {
    db.close();
  }
};
