import { Writable } from 'node:stream';
import { createSlackChannel } from '../../channels/slack/slack.channel';
import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { dialogEntries } from '../../dialogs';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { tempDir, waitFor } from '../helpers/test-app';
import { dmEvent } from '../slack/helpers/fixtures';
import { postEvent, TEST_SIGNING_SECRET } from '../slack/helpers/signed-request';
import { SlackApiStandIn } from '../slack/helpers/slack-api-stand-in';
import { TEST_USERS } from '../slack/helpers/slack-test-app';

// Words a person wrote or is called, none of them an email or phone number (those are masked anyway).
const PROBLEM = 'Kettlewhistle printer smells of burnt toast';
const TYPED_AS_LOGIN = 'Tr0ub4dor-and-3';

describe('request and response bodies and typed user names never reach the logs', () => {
  test('Slack SDK at LOG_LEVEL=debug and a failed console login: no problem text, no person name, no typed login', async () => {
    // Arrange: every log line at debug level, the real Slack SDKs talking to a local Web API.
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const tmp = tempDir();
    const api = await new SlackApiStandIn(TEST_USERS).start();
    const config = parseConfig({
      PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: `${tmp.dir}/sdk.db`, LOG_LEVEL: 'debug', DISPATCH_BASE_DELAY_MS: '20',
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    });
    const app = await createApp(config, {
      log: createLogger({ level: 'debug', destination: sink }), dialogs: dialogEntries,
      channels: [createWebchatChannel(), createSlackChannel({ botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, slackApiUrl: api.url })],
    });
    const port = await app.start();
    const url = `http://127.0.0.1:${port}`;
    try {
      // Act: Alice Moreau writes; the bot looks her up (users.info) and answers (chat.postMessage).
      await postEvent(url, dmEvent(PROBLEM, '1700000900.000100'));
      await waitFor(() => api.callsOf('chat.postMessage').length > 0, 10_000, 'the reply to be posted');
      await fetch(`${url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: TYPED_AS_LOGIN, password: 'whatever' }) });
      await app.engine.idle();
    } finally {
      await app.stop();
      await api.stop();
      tmp.cleanup();
    }

    // Assert: the SDK did log at debug level (so the check means something), but never a body.
    const log = lines.join('');
    expect(log).toMatch(/slack sdk/);
    expect(log).toMatch(/chat\.postMessage/);
    expect(log).not.toContain('Kettlewhistle');
    expect(log).not.toContain('burnt toast');
    expect(log).not.toContain('Moreau');
    expect(log).not.toContain(TYPED_AS_LOGIN);
  }, 60_000);
});
