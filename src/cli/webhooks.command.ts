import { parseScopes } from '../api/scopes';
import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { toTable } from '../kpi/format-report';
import { openCoreStores } from '../store/open-core-stores';
import { Subscriptions } from '../webhooks/subscriptions';
import { parseEvents } from '../webhooks/webhook-events';
import { webhookOverview } from '../webhooks/webhook-panel';
import { parseArgs, type CliCommand } from './command';

const USAGE = `Usage:
  frontdesk webhooks add URL --events ticket.created,ticket.updated,ticket.resolved,incident.opened,... [--scope tickets:read,incidents:read]
                                        prints the signing secret (whsec_...) once
  frontdesk webhooks list               subscriptions, state, waiting deliveries
  frontdesk webhooks remove ID          the subscription and its delivery log
  frontdesk webhooks enable ID          after a disable (410 or persistent failure): deliveries resume in order
  frontdesk webhooks log [--limit N]    the latest deliveries
`;

/** `frontdesk webhooks add|list|remove|enable|log`: outgoing webhook subscriptions. */
export const runWebhooksCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [sub, arg] = positional;
  if (!['add', 'list', 'remove', 'enable', 'log'].includes(sub)) {
    io.stderr.write(USAGE);
    return 1;
  }
  // SQLite file or PostgreSQL (DATABASE_URL), as the server uses.
  const stores = await openCoreStores(loadConfig(io.env, io.cwd));
  try {
    const subscriptions = new Subscriptions(stores.webhooks);
    const id = () => {
      const n = Number(arg);
      if (!Number.isInteger(n) || n < 1) throw new ValidationError(`give the subscription id: frontdesk webhooks ${sub} ID (see webhooks list)`);
      return n;
    };
    if (sub === 'add') {
      if (!arg) throw new ValidationError('give the receiver URL: frontdesk webhooks add https://example.org/hook --events ticket.created');
      if (typeof options.events !== 'string') throw new ValidationError('--events is required, e.g. --events ticket.created,ticket.resolved');
      let events;
      try {
        events = parseEvents(options.events);
      } catch (error) {
        throw new ValidationError((error as Error).message);
      }
      const scopes = parseScopes(typeof options.scope === 'string' ? options.scope : 'tickets:read,incidents:read');
      const created = await subscriptions.add(arg, events, scopes, new Date());
      io.stdout.write(`${created.secret}\n`);
      io.stderr.write(`webhook ${created.id} added for ${created.url} (${created.events.join(',')}; scopes ${created.scopes.join(',')}); the signing secret is shown only now\n`);
    } else if (sub === 'remove') {
      await subscriptions.remove(id());
      io.stdout.write(`webhook ${arg} removed\n`);
    } else if (sub === 'enable') {
      await subscriptions.enable(id(), new Date());
      io.stdout.write(`webhook ${arg} enabled: waiting deliveries resume in order\n`);
    } else if (sub === 'list') {
      const rows = (await webhookOverview(stores.webhooks, 0)).subscriptions.map((s) => [String(s.id), s.url, s.events.join(','), s.scopes.join(','), s.disabledAt ? `disabled: ${s.disabledReason}` : 'active', String(s.pending)]);
      io.stdout.write(toTable(['id', 'url', 'events', 'scopes', 'state', 'waiting'], rows));
    } else {
      const limit = Math.min(1000, Math.max(1, Number(options.limit ?? 50) || 50));
      const rows = (await webhookOverview(stores.webhooks, limit)).deliveries.map((d) => [d.createdAt, String(d.subscription), d.event, d.messageId, d.status, String(d.attempts), String(d.lastStatus ?? ''), d.lastError ?? '']);
      io.stdout.write(toTable(['queued', 'webhook', 'event', 'id', 'status', 'attempts', 'last answer', 'last error'], rows));
    }
    return 0;
  } finally {
    await stores.close();
  }
};
