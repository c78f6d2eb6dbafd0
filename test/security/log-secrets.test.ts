import { Writable } from 'node:stream';
import { createSlackChannel } from '../../channels/slack/slack.channel';
import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { dialogEntries } from '../../dialogs';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { hashPassword } from '../../src/console/password';
import { createLogger } from '../../src/log';
import { chatSession } from '../helpers/sse';
import { tempDir, waitFor } from '../helpers/test-app';
import { dmEvent } from '../slack/helpers/fixtures';
import { postEvent } from '../slack/helpers/signed-request';
import { SlackApiStandIn } from '../slack/helpers/slack-api-stand-in';
import { TEST_USERS } from '../slack/helpers/slack-test-app';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-SECRETBOTTOKEN',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  EMAIL_IMAP_PASSWORD: 'imap-Pa55word-SECRET',
  EMAIL_SMTP_PASSWORD: 'smtp-Pa55word-SECRET',
  TEAMS_APP_PASSWORD: 'teams-app-SECRET-password',
};
const AGENT_PASSWORD = 'agent-secret-passphrase-42';
const PERSONAL = ['alice@acme.test', 'bob.private@example.org', '+1 415 555 0123', '+86 138 0013 8000'];

describe('secrets and personal data never reach the logs', () => {
  test('a full run at debug level: chat, Slack (with Web API failures), bad signatures, console logins', async () => {
    // Arrange: every log line of the service, at the most talkative level, into memory.
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const tmp = tempDir();
    const config = parseConfig({
      PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: `${tmp.dir}/log.db`, LOG_LEVEL: 'debug', DISPATCH_BASE_DELAY_MS: '20',
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET, TEAMS_APP_ID: 'app-id', TEAMS_APP_PASSWORD: SECRETS.TEAMS_APP_PASSWORD,
    });
    const api = await new SlackApiStandIn(TEST_USERS).start();
    api.failNext('chat.postMessage', { error: 'invalid_auth' });
    api.failNext('chat.postMessage', { status: 500 });
    const app = await createApp({ ...config, secrets: [...config.secrets, ...Object.values(SECRETS), AGENT_PASSWORD] }, {
      log: createLogger({ level: 'debug', secrets: [...config.secrets, SECRETS.EMAIL_IMAP_PASSWORD, SECRETS.EMAIL_SMTP_PASSWORD], destination: sink }),
      dialogs: dialogEntries,
      channels: [createWebchatChannel(), createSlackChannel({ botToken: SECRETS.SLACK_BOT_TOKEN, signingSecret: SECRETS.SLACK_SIGNING_SECRET, slackApiUrl: api.url })],
    });
    const port = await app.start();
    const url = `http://127.0.0.1:${port}`;
    try {
      await app.agentStore.addAgent({ id: 'alice', name: 'Alice Chen', role: 'agent', groups: ['network'] }, await hashPassword(AGENT_PASSWORD), new Date().toISOString());
      // Act: people type their contact details; Slack posts fail twice; forged and malformed requests arrive.
      const chat = await chatSession(url);
      await chat.post(`my vpn is down, mail me at ${PERSONAL[1]} or call ${PERSONAL[2]}`);
      await chat.post(`phone ${PERSONAL[3]}`);
      await chat.post('x'.repeat(30_000));
      await postEvent(url, dmEvent(`I am ${PERSONAL[0]}, printer jammed, call ${PERSONAL[2]}`, '1700000900.000100'), { secret: SECRETS.SLACK_SIGNING_SECRET });
      await postEvent(url, dmEvent('forged', '1700000900.000200'), { secret: 'wrong-secret' });
      await fetch(`${url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'alice', password: `${AGENT_PASSWORD}-typo` }) });
      await fetch(`${url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: PERSONAL[0], password: AGENT_PASSWORD }) });
      await fetch(`${url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'alice', password: AGENT_PASSWORD }) });
      await app.engine.idle();
      await waitFor(async () => (await app.store.countOutbox('pending')) === 0, 10_000, 'outbox drained after the failures');
    } finally {
      await app.stop();
      await api.stop();
      tmp.cleanup();
    }
    // Assert
    const log = lines.join('');
    const leaks = [...Object.values(SECRETS), AGENT_PASSWORD, ...PERSONAL].filter((s) => log.includes(s));
    const emails = log.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? [];
    const phones = log.match(/\+\d[\d\s().-]{7,}\d/g) ?? [];
    console.log(`log scan: lines=${lines.length} bytes=${log.length} secrets-found=${leaks.length} emails-found=${emails.length} phones-found=${phones.length}`);
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toMatch(/delivery failed/); // the failures were logged, only without the secrets
    expect(leaks).toEqual([]);
    expect(emails).toEqual([]);
    expect(phones).toEqual([]);
  });
});
