import YAML from 'yaml';
import { parseArgs, type CliCommand } from '../../src/cli/command';
import { loadConfig } from '../../src/config';
import { slackManifest } from './manifest';

/**
 * `frontdesk manifest slack [--format json|yaml] [--name NAME]`: print the Slack app manifest for
 * PUBLIC_URL, to paste into api.slack.com/apps → Create New App → From a manifest.
 */
export const runManifestCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  if (positional[0] !== 'slack') {
    io.stderr.write('usage: frontdesk manifest slack [--format json|yaml] [--name NAME]\n');
    return 2;
  }
  const format = options.format === undefined ? 'json' : options.format;
  if (format !== 'json' && format !== 'yaml') {
    io.stderr.write('--format must be json or yaml\n');
    return 2;
  }
  const config = loadConfig(io.env, io.cwd);
  const name = typeof options.name === 'string' ? options.name : undefined;
  const manifest = slackManifest(config, name);
  if (!config.SLACK_APP_TOKEN && !config.PUBLIC_URL.startsWith('https://')) {
    // Slack only calls https request URLs; say so instead of letting the app setup fail later.
    io.stderr.write(`warning: PUBLIC_URL ${config.PUBLIC_URL} is not https; Slack will refuse it (or set SLACK_APP_TOKEN for Socket Mode)\n`);
  }
  io.stdout.write(format === 'yaml' ? YAML.stringify(manifest) : `${JSON.stringify(manifest, null, 2)}\n`);
  return 0;
};
