import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import { dialogEntries } from '../../../dialogs';
import { parseConfig } from '../../../src/config';
import { createSlackChannel, type SlackChannel, type SlackChannelConfig } from '../../../channels/slack/slack.channel';
import { SlackApiStandIn, type DirectoryUser } from './slack-api-stand-in';
import { TEST_SIGNING_SECRET } from './signed-request';

/** People in the test workspace. */
export const TEST_USERS: DirectoryUser[] = [
  { id: 'U0ALICE', realName: 'Alice Moreau', email: 'alice@acme.test', title: 'Finance' },
  { id: 'U0BOB', realName: 'Bob Chen', email: 'bob@acme.test', title: 'Sales' },
  { id: 'U0AGENT', realName: 'Tina Agent', email: 'tina@acme.test', title: 'IT Support' },
];

/** A running Frontdesk with only the Slack channel, and the Web API stand-in it talks to. */
export type SlackTestApp = { app: App; channel: SlackChannel; api: SlackApiStandIn; baseUrl: string; stop(): Promise<void> };

/** Start the service on 127.0.0.1 (random port) with a temp database and a fresh stand-in. */
export async function startSlackTestApp(
  overrides: Partial<SlackChannelConfig> = {},
  env: Record<string, string> = {},
  prepare: (api: SlackApiStandIn) => void = () => undefined,
): Promise<SlackTestApp> {
  const api = await new SlackApiStandIn(TEST_USERS).start();
  prepare(api);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-slack-'));
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false',
    DATABASE_PATH: path.join(dir, 'test.db'), DISPATCH_BASE_DELAY_MS: '20',
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    ...env,
  });
  const files = { dir: path.join(dir, 'attachments'), maxBytes: 64 * 1024, types: ['image/*', 'application/pdf', 'text/plain'] };
  const channel = createSlackChannel({ botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, slackApiUrl: api.url, files, ...overrides });
  const app = await createApp(config, { channels: [channel], dialogs: dialogEntries });
  const port = await app.start();
  return {
    app, channel, api, baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await app.stop();
      await api.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Count inbound messages stored (nothing stored = 0), straight from the SQLite file. */
export function storedInbound(app: App): number {
  const db = (app.store as unknown as { db: { prepare(sql: string): { get(): { n: number } } } }).db;
  return db.prepare("SELECT count(*) AS n FROM messages WHERE direction = 'in'").get().n;
}

/** A SlackTestApp started before and stopped after each test of the enclosing describe; it stands for the current test's app (read it inside tests only). */
export function useSlackTestApp(): SlackTestApp {
  let current: SlackTestApp | undefined;
  beforeEach(async () => {
    current = await startSlackTestApp();
  });
  afterEach(async () => {
    await current?.stop();
  });
  const t = () => current!;
  return {
    get app() { return t().app; },
    get channel() { return t().channel; },
    get api() { return t().api; },
    get baseUrl() { return t().baseUrl; },
    stop: () => t().stop(),
  };
}
