import YAML from 'yaml';
import { parseArgs, type CliCommand } from '../../src/cli/command';
import { loadConfig } from '../../src/config';
import { slackManifest } from './manifest';

/** The Slack settings, none of which exist before the app is created from this manifest. */
const SLACK_SETTINGS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_TIER2_CHANNEL', 'SLACK_API_URL'] as const;

/**
 * `frontdesk manifest slack [--socket] [--format json|yaml] [--name NAME]`: print the Slack app manifest for
 * PUBLIC_URL, to paste into api.slack.com/apps → Create New App → From a manifest. `--socket` (or an
 * SLACK_APP_TOKEN in the environment) gives the Socket Mode manifest, without request URLs.
 */
export const runManifestCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  if (positional[0] !== 'slack') {
    io.stderr.write('usage: frontdesk manifest slack [--socket] [--format json|yaml] [--name NAME]\n');
    return 2;
  }
  const format = options.format === undefined ? 'json' : options.format;
  if (format !== 'json' && format !== 'yaml') {
    io.stderr.write('--format must be json or yaml\n');
    return 2;
  }
  // The manifest creates the app, so the token and secret it issues cannot be required yet: only PUBLIC_URL is read.
  const noSlack = Object.fromEntries(SLACK_SETTINGS.map((key) => [key, '']));
  const config = loadConfig({ ...io.env, ...noSlack }, io.cwd);
  const name = typeof options.name === 'string' ? options.name : undefined;
  const socket = options.socket === true || Boolean(io.env.SLACK_APP_TOKEN);
  const manifest = slackManifest(config, name, socket);
  if (!socket && !config.PUBLIC_URL.startsWith('https://')) {
    // Slack only calls https request URLs; say so instead of letting the app setup fail later.
    io.stderr.write(`warning: PUBLIC_URL ${config.PUBLIC_URL} is not https; Slack will refuse it (or set SLACK_APP_TOKEN for Socket Mode)\n`);
  }
  io.stdout.write(format === 'yaml' ? YAML.stringify(manifest) : `${JSON.stringify(manifest, null, 2)}\n`);
  return 0;
};
