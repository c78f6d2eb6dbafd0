import path from 'node:path';
import { parseArgs, type CliCommand } from '../../../src/cli/command';
import { loadConfig } from '../../../src/config';
import { teamsManifestPackage } from './teams-manifest';

const USAGE = 'Usage: frontdesk manifest teams [--out DIR] [--app-id GUID]\n';

/**
 * `frontdesk manifest teams --out DIR`: writes frontdesk-teams.zip, ready to upload in Teams
 * (Apps > Manage your apps > Upload an app). The app id comes from TEAMS_APP_ID unless --app-id is given.
 */
export const runTeamsManifestCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  if (positional[0] !== 'teams' || options.out === true || options['app-id'] === true) {
    io.stderr.write(USAGE);
    return 1;
  }
  const config = loadConfig(io.env, io.cwd);
  const appId = typeof options['app-id'] === 'string' ? options['app-id'] : config.TEAMS_APP_ID;
  const outDir = path.resolve(io.cwd, typeof options.out === 'string' ? options.out : '.');
  const file = teamsManifestPackage({ TEAMS_APP_ID: appId, PUBLIC_URL: config.PUBLIC_URL, TEAMS_SSO_APP_ID: config.TEAMS_SSO_APP_ID }, outDir);
  io.stdout.write(`Wrote ${file}\nUpload it in Teams: Apps > Manage your apps > Upload an app (messaging endpoint: ${config.PUBLIC_URL.replace(/\/$/, '')}/api/teams/messages).\n`);
  if (!config.TEAMS_SSO_APP_ID) io.stdout.write('The "My tickets" personal tab is left out: it needs Teams SSO (set TEAMS_SSO_APP_ID; see the README).\n');
  return 0;
};
