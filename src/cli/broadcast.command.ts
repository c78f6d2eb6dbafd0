import { BroadcastService } from '../broadcast/broadcast-service';
import type { BroadcastPosted } from '../broadcast/broadcast-types';
import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { openCoreStores } from '../store/open-core-stores';
import { parseArgs, type CliCommand, type CliIo } from './command';

const USAGE = `Usage:
  frontdesk broadcast "TEXT" [--channel slack,teams,email,webchat] [--category network,email]
                             [--slack-channel C0123ABCD,G0456EFGH] [--incident MI-000001] [--rate N]
  frontdesk broadcast close ID --note "TEXT"      close it and send the follow-up to the same people and channels
  frontdesk broadcast list                         latest broadcasts with delivery progress (JSON lines)
  frontdesk broadcast resume                       finish deliveries an interrupted run left
Who receives it:
  nothing named           everyone known to the bot, each on the channel they use
  --channel / --category  only those people (users on these channels, with an open ticket in these categories)
  --slack-channel IDS     also posted once into each Slack channel (ids from channel details, up to 20);
                          named alone it goes ONLY to those channels, no person is messaged. To reach
                          everyone as well: --channel slack,teams,email,webchat --slack-channel IDS
Messages are queued at --rate per second (default 20) and sent by the running server's dispatcher.
`;

const list = (value: string | true | undefined): string[] => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : []);

/** "3 recipients", or "4 recipients (3 people, 1 Slack channel)" when channels are among them. */
function recipients(r: BroadcastPosted): string {
  const total = `${r.audience + r.channels} recipients`;
  if (r.channels === 0) return total;
  return `${total} (${r.audience} ${r.audience === 1 ? 'person' : 'people'}, ${r.channels} Slack channel${r.channels === 1 ? '' : 's'})`;
}

function rate(value: string | true | undefined): number {
  if (value === undefined) return 20;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new ValidationError('--rate must be a whole number of messages per second, 1 to 1000');
  return n;
}

/** `frontdesk broadcast`: post a notice to many users, close it with a follow-up, list or resume broadcasts. */
export const runBroadcastCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  if (positional.length === 0 || options.help) {
    io.stderr.write(USAGE);
    return positional.length === 0 ? 1 : 0;
  }
  const config = loadConfig(io.env, io.cwd);
  // SQLite file or PostgreSQL (DATABASE_URL), as the server uses.
  const stores = await openCoreStores(config);
  try {
    const service = new BroadcastService({ broadcasts: stores.broadcasts, store: stores.store, clock: () => new Date(), ratePerSecond: rate(options.rate), slackConfigured: config.channels.slack });
    return await run(service, positional, options, io);
  } finally {
    await stores.close();
  }
};

async function run(service: BroadcastService, positional: string[], options: Record<string, string | true>, io: CliIo): Promise<number> {
  const by = `cli:${io.env.USER ?? 'admin'}`;
  const [first, second] = positional;
  if (first === 'list' && positional.length === 1) {
    for (const b of await service.broadcasts.list()) io.stdout.write(`${JSON.stringify({ ...b, progress: await service.broadcasts.progress(b.id) })}\n`);
    return 0;
  }
  if (first === 'resume' && positional.length === 1) {
    const summary = await service.send();
    io.stdout.write(`Queued ${summary.queued + summary.recovered} pending deliveries.\n`);
    return 0;
  }
  if (first === 'close' && positional.length === 2) {
    const id = Number(second);
    if (!Number.isInteger(id) || id < 1) throw new ValidationError(`"${second}" is not a broadcast id: see frontdesk broadcast list`);
    if (typeof options.note !== 'string') throw new ValidationError('give the follow-up: frontdesk broadcast close ID --note "Mail is back"');
    const closed = await service.close(id, options.note, by);
    const summary = await service.send({ broadcastId: id });
    io.stdout.write(`Closed broadcast ${id}; follow-up queued for ${summary.queued + summary.recovered} of ${recipients(closed)}.\n`);
    return 0;
  }
  // Validated (channel and category names included) by the service.
  const input = {
    text: positional.join(' '),
    audience: { channels: list(options.channel), categories: list(options.category), slackChannels: list(options['slack-channel']) },
    incident: typeof options.incident === 'string' ? options.incident.toUpperCase() : undefined,
  };
  const posted = await service.post(input, by);
  const summary = await service.send({ broadcastId: posted.broadcast.id });
  io.stdout.write(`Broadcast ${posted.broadcast.id} posted; queued for ${summary.queued + summary.recovered} of ${recipients(posted)}.\n`);
  return 0;
}
