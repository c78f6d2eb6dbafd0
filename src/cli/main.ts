import type { AppExtension, AppOptions, ChannelFactory } from '../app';
import type { DialogEntry } from '../dialog/registry';
import { FrontdeskError } from '../errors';
import type { CliCommand, CliIo } from './command';
import { startCommand } from './start.command';
import { runUsersCommand } from './users.command';
import { runMigrateCommand } from './migrate.command';

/** What the composition root (bin/frontdesk.js) plugs in: channels and their commands live outside src/. */
export type CliPlugins = {
  channelFactories: ChannelFactory[];
  extensions: AppExtension[];
  commands: Record<string, CliCommand>;
  dialogs: DialogEntry[];
  /** The request catalog and the one-time code sender (channels/index.ts). */
  catalog?: AppOptions['catalog'];
  codeSender?: AppOptions['codeSender'];
};

const USAGE = `Usage: frontdesk <command> [options]

  start                      HTTP server: web chat at /, agent console, channel webhooks, /healthz, /metrics
  chat [--script FILE]       talk to the bot in the terminal; with --script print the transcript as JSON
  classify [TEXT]            classify TEXT, or JSONL {"text"} from stdin
  kb search [QUERY]          search the knowledge base, or JSONL {"query"} from stdin; kb lint
  kb report | kb import DIR  ratings, unanswered topics, stale articles / import a Confluence, SharePoint or Markdown export
  train --data FILE          retrain the classifier from your own tickets
  eval kb|classify           measure search and classification on ../shared/eval
  agents add|passwd|list     manage agent-console accounts
  manifest slack|teams       Slack app manifest / Teams app package
  incidents list|resolve     major incidents
  report [--from --to] [--format table|json|csv]   service-desk KPIs
  tickets export|show        ticket export (CSV/JSON) and one ticket's audit trail
  tokens add|list|revoke     REST API tokens (add NAME --scopes tickets:read,... [--expires 30d])
  webhooks add|list|remove|enable|log   outgoing signed webhooks (add URL --events ticket.created,... [--scope ...])
  broadcast TEXT | broadcast close ID   notices to users on their channels
  backup FILE | restore FILE online backup / restore: SQLite file, or pg_dump / pg_restore with DATABASE_URL
  migrate --to postgres://…  copy the SQLite database into an empty PostgreSQL database (counts checked)
  users export|erase ID|EMAIL  a person's data as JSON (subject access) / erase it (GDPR; tickets and KPIs stay)
  bench                      performance figures as one JSON object
`;

/** The usage lines of one command (from USAGE), for `frontdesk <command> --help`. */
function commandHelp(name: string): string | null {
  const lines = USAGE.split('\n').filter((line) => line.startsWith(`  ${name} `) || line.includes(`| ${name} `));
  return lines.length === 0 ? null : `Usage: frontdesk ${lines.map((line) => line.trim()).join('\n       frontdesk ')}\n`;
}

/** One line for an error, without a stack: what failed and, where the error says it, how to fix it. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/**
 * Run one command; returns the exit code. `--help` / `-h` anywhere after a command prints its usage instead
 * of running it (every command, in one place). Config and input errors exit 2, anything else 1; both print
 * one line (the stack only at LOG_LEVEL=debug).
 */
export async function runCli(argv: string[], io: CliIo, plugins: CliPlugins): Promise<number> {
  const [name, ...rest] = argv;
  const commands: Record<string, CliCommand> = { start: startCommand(plugins), users: runUsersCommand, migrate: runMigrateCommand, ...plugins.commands };
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(name) ?? `frontdesk ${name}: see \`frontdesk --help\`\n`);
    return 0;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    const debug = io.env.LOG_LEVEL === 'debug' || io.env.LOG_LEVEL === 'trace';
    io.stderr.write(`frontdesk ${name}: ${oneLine(error)}\n${debug && error instanceof Error && error.stack ? `${error.stack}\n` : ''}`);
    return error instanceof FrontdeskError ? 2 : 1;
  }
}
