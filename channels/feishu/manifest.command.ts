import { parseArgs, type CliCommand } from '../../src/cli/command';
import { loadConfig } from '../../src/config';
import { feishuManifest } from './manifest';

/** Settings the app issues once created: not required to print what it needs. */
const FEISHU_SECRETS = ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN', 'FEISHU_ENCRYPT_KEY'] as const;

/**
 * `frontdesk manifest feishu [--lark] [--websocket]`: print the scopes, event, callback and request URL the
 * Feishu (or Lark) app needs, to enter in the developer console. Reads PUBLIC_URL, FEISHU_DOMAIN, FEISHU_MODE.
 */
export const runFeishuManifestCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  if (positional[0] !== 'feishu') {
    io.stderr.write('usage: frontdesk manifest feishu [--lark] [--websocket]\n');
    return 2;
  }
  const blank = Object.fromEntries(FEISHU_SECRETS.map((key) => [key, '']));
  const config = loadConfig({ ...io.env, ...blank, ...(options.lark === true ? { FEISHU_DOMAIN: 'lark' } : {}), ...(options.websocket === true ? { FEISHU_MODE: 'websocket' } : {}) }, io.cwd);
  const manifest = feishuManifest(config);
  if (manifest.delivery.mode === 'http' && !config.PUBLIC_URL.startsWith('https://')) {
    io.stderr.write(`warning: PUBLIC_URL ${config.PUBLIC_URL} is not https; Feishu needs a public https request URL (or use --websocket)\n`);
  }
  io.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  return 0;
};
