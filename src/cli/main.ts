import type { AppExtension, ChannelFactory } from '../app';
import type { DialogEntry } from '../dialog/registry';
import { FrontdeskError } from '../errors';
import type { CliCommand, CliIo } from './command';
import { startCommand } from './start.command';

/** What the composition root (bin/frontdesk.js) plugs in: channels and their commands live outside src/. */
export type CliPlugins = {
  channelFactories: ChannelFactory[];
  extensions: AppExtension[];
  commands: Record<string, CliCommand>;
  dialogs: DialogEntry[];
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
  broadcast TEXT | broadcast close ID   notices to users on their channels
  backup FILE | restore FILE online SQLite backup / restore (restore refuses while a server runs)
  bench                      performance figures as one JSON object
`;

/** Run one command; returns the exit code. Config errors print their fix and exit 2. */
export async function runCli(argv: string[], io: CliIo, plugins: CliPlugins): Promise<number> {
  const [name, ...rest] = argv;
  const commands: Record<string, CliCommand> = { start: startCommand(plugins), ...plugins.commands };
  if (!name || name === 'help' || name === '--help') {
    io.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return 1;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof FrontdeskError) {
      io.stderr.write(`frontdesk ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
