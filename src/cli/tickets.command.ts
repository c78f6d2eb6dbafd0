import { NotFoundError, ValidationError } from '../errors';
import { toTable } from '../kpi/format-report';
import { parsePeriod } from '../kpi/period';
import { describeEventData, ticketsCsv } from '../kpi/ticket-export';
import { parseArgs, type CliCommand } from './command';
import { openReadStores } from './read-stores';

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
  const stores = await openReadStores(io, 'refuse');
  try {
    if (period) {
      const tickets = await stores.kpi.exportTickets(period);
      io.stdout.write(format === 'csv' ? ticketsCsv(tickets) : `${JSON.stringify(tickets, null, 2)}\n`);
      return 0;
    }
    const audit = await stores.ticketAudit(number);
    if (!audit) throw new NotFoundError(`no ticket ${number}: check the number (INC-000001 or REQ-000001)`);
    const t = audit.ticket;
    io.stdout.write(`${t.number}  ${t.type}  ${t.category}  ${t.priority}  ${t.status}  group=${t.group ?? '-'}  agent=${t.agentId ?? '-'}\n`);
    io.stdout.write(`${t.summary}\ncreated ${t.createdAt}  response due ${t.responseDueAt}  resolve due ${t.resolveDueAt}\n\nAudit trail\n`);
    io.stdout.write(toTable(['at', 'actor', 'event', 'details'], audit.events.map((e) => [e.at, e.actor, e.kind, describeEventData(e.data)])));
    return 0;
  } finally {
    await stores.close();
  }
};
