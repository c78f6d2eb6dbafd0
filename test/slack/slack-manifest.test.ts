import { PassThrough } from 'node:stream';
import YAML from 'yaml';
import { runManifestCommand } from '../../channels/slack/manifest.command';

async function run(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runManifestCommand(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: '/nonexistent-dir-without-env' });
  return { code, out, err };
}

describe('frontdesk manifest slack', () => {
  it('prints a manifest with scopes, events and the request URLs at PUBLIC_URL', async () => {
    // Act
    const { code, out, err } = await run(['slack'], { PUBLIC_URL: 'https://desk.acme.test/' });
    // Assert
    expect(code).toBe(0);
    expect(err).toBe('');
    const manifest = JSON.parse(out);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://desk.acme.test/slack/events');
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://desk.acme.test/slack/events' });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im', 'message.channels']));
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'im:history', 'users:read', 'users:read.email', 'app_mentions:read']));
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('switches to Socket Mode (no request URLs) when an app-level token is configured, and prints YAML on request', async () => {
    const { code, out } = await run(['slack', '--format', 'yaml'], {
      PUBLIC_URL: 'http://localhost:3000', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xapp-1',
    });
    const manifest = YAML.parse(out);
    expect(code).toBe(0);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
  });

  it('declares /helpdesk, the two "Report to IT" shortcuts, the Home tab and their scope and event', async () => {
    // Act
    const http = JSON.parse((await run(['slack'], { PUBLIC_URL: 'https://desk.acme.test/' })).out);
    const socket = JSON.parse((await run(['slack', '--socket'], { PUBLIC_URL: 'http://localhost:3000' })).out);
    // Assert
    expect(http.features.slash_commands).toEqual([expect.objectContaining({ command: '/helpdesk', url: 'https://desk.acme.test/slack/events' })]);
    expect(socket.features.slash_commands[0].url).toBeUndefined();
    expect(http.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'global', callback_id: 'fd_report' }),
      expect.objectContaining({ type: 'message', callback_id: 'fd_report_message' }),
    ]);
    expect(http.features.app_home.home_tab_enabled).toBe(true);
    expect(http.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'files:read', 'files:write', 'reactions:read']));
    expect(http.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'reaction_added']));
    // Slack's own limits on shortcut and command fields.
    for (const s of http.features.shortcuts) expect([s.name.length <= 24, s.description.length <= 150]).toEqual([true, true]);
  });

  it('asks for no scope it does not use (im:read, im:write)', async () => {
    const { out } = await run(['slack'], { PUBLIC_URL: 'https://desk.acme.test/' });
    const scopes: string[] = JSON.parse(out).oauth_config.scopes.bot;
    expect(scopes).not.toContain('im:read');
    expect(scopes).not.toContain('im:write');
  });

  it('--socket prints the Socket Mode manifest before the app exists: no token, secret or https URL needed', async () => {
    // The app token alone (set while the app is being created) must not stop the command either.
    const envs: Array<Record<string, string>> = [{ PUBLIC_URL: 'http://localhost:3000' }, { PUBLIC_URL: 'http://localhost:3000', SLACK_APP_TOKEN: 'xapp-1' }];
    for (const env of envs) {
      const { code, out, err } = await run(['slack', '--socket'], env);
      const manifest = JSON.parse(out);
      expect([code, err]).toEqual([0, '']);
      expect(manifest.settings.socket_mode_enabled).toBe(true);
      expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
      expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
    }
  });

  it('warns that Slack refuses a non-https URL', async () => {
    const { code, err } = await run(['slack'], { PUBLIC_URL: 'http://desk.acme.test' });
    expect(code).toBe(0);
    expect(err).toContain('not https');
  });

  it('refuses other platforms with a usage line', async () => {
    const { code, err } = await run(['discord'], {});
    expect(code).toBe(2);
    expect(err).toContain('usage: frontdesk manifest slack');
  });
});
