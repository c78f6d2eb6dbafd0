import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, parseConfig } from '../src/config';
import { runCli } from '../src/cli/main';
import { PassThrough } from 'node:stream';
import { tempDir } from './helpers/test-app';

describe('configuration', () => {
  test('defaults give a runnable web chat on port 3000 with no channel credentials', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.channels).toEqual({ webchat: true, slack: false, teams: false, email: false, feishu: false, wecom: false, directory: false });
  });

  test.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /slack is partly configured.*set SLACK_SIGNING_SECRET/],
    [{ SLACK_SIGNING_SECRET: 'abc' }, /set SLACK_BOT_TOKEN/],
    [{ TEAMS_APP_ID: 'id' }, /set TEAMS_APP_PASSWORD/],
    [{ EMAIL_IMAP_HOST: 'imap.example.com' }, /email is partly configured.*EMAIL_ADDRESS.*EMAIL_IMAP_USER/],
  ])('a partial channel configuration %p names the missing variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  test('malformed values name the variable', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });

  test('a complete channel group switches the channel on and its secrets are known for redaction', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-secret-token', SLACK_SIGNING_SECRET: 'signing-secret' });
    expect(config.channels.slack).toBe(true);
    expect(config.secrets).toEqual(expect.arrayContaining(['xoxb-secret-token', 'signing-secret']));
  });

  test('.env is read, and the real environment wins over it', () => {
    const tmp = tempDir();
    fs.writeFileSync(path.join(tmp.dir, '.env'), 'PORT=4000\nDEFAULT_LANG=zh\n# comment\n');
    const config = loadConfig({ PORT: '5000' }, tmp.dir);
    expect([config.PORT, config.DEFAULT_LANG]).toEqual([5000, 'zh']);
    expect(config.DATABASE_PATH).toBe(path.join(tmp.dir, 'data', 'frontdesk.db'));
    tmp.cleanup();
  });

  test('start refuses a partial configuration with exit code 2 and the variable on stderr', async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c) => (err += c));
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: { TEAMS_APP_ID: 'x' }, cwd: tempDir().dir };
    const code = await runCli(['start'], io, { channelFactories: [], extensions: [], commands: {}, dialogs: [] });
    expect(code).toBe(2);
    expect(err).toMatch(/TEAMS_APP_PASSWORD/);
  });

  test('.env.example documents every variable of the schema', () => {
    const example = fs.readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
    const { EnvSchema } = jest.requireActual('../src/config');
    for (const key of Object.keys(EnvSchema.shape)) expect(example).toMatch(new RegExp(`^#?\\s*${key}=`, 'm'));
  });
});
