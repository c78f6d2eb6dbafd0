import { parseArgs, type CliCommand } from '../cli/command';
import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { openCoreStores } from '../store/open-core-stores';
import { slaConfigFrom } from '../turn-deps';
import { MajorIncidents } from './major-incidents';

const USAGE = `Usage:
  frontdesk incidents list [--limit N]
  frontdesk incidents resolve MI-000001 --note "What was fixed"
  frontdesk incidents resolve MI-000001          (confirms the resolution the monitoring proposed)
Resolving tells every linked user on their own channel; a running server sends the messages within a minute.
`;

/** `frontdesk incidents list|resolve`: see major incidents and resolve one (the database comes from the config). */
export const runIncidentsCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [sub, number] = positional;
  if (sub !== 'list' && sub !== 'resolve') {
    io.stderr.write(USAGE);
    return 1;
  }
  const config = loadConfig(io.env, io.cwd);
  // SQLite file or PostgreSQL (DATABASE_URL), as the server uses.
  const stores = await openCoreStores(config);
  try {
    const incidents = new MajorIncidents({ store: stores.store, incidents: stores.incidents, sla: slaConfigFrom(config) });
    if (sub === 'list') {
      const limit = typeof options.limit === 'string' ? Number(options.limit) : 50;
      if (!Number.isInteger(limit) || limit < 1) throw new ValidationError('--limit: give a whole number of incidents, e.g. --limit 20');
      for (const mi of await incidents.list(limit)) {
        io.stdout.write(`${JSON.stringify({ number: mi.number, status: mi.status, category: mi.category, title: mi.title, tickets: mi.tickets, createdAt: mi.createdAt, resolvedAt: mi.resolvedAt, resolution: mi.resolution, source: mi.source, owner: mi.owner, proposedResolution: mi.proposedResolution })}\n`);
      }
      return 0;
    }
    if (!number || !/^MI-\d{6}$/i.test(number)) throw new ValidationError('give the incident number: frontdesk incidents resolve MI-000001 --note "..."');
    // Without --note the owner confirms what the monitoring proposed (ALERTS_RESOLVE=ask).
    const proposed = (await stores.incidents.getMajorIncident(number.toUpperCase()))?.proposedResolution;
    const note = typeof options.note === 'string' ? options.note : proposed;
    if (!note) throw new ValidationError('say what was fixed: --note "The VPN gateway was restarted"');
    const { incident, notified } = await incidents.resolveMajorIncident(number.toUpperCase(), note, new Date());
    io.stdout.write(`${incident.number} resolved; ${notified.length} linked user(s) notified${notified.length ? `: ${notified.join(', ')}` : ''}.\n`);
    return 0;
  } finally {
    await stores.close();
  }
};
