import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { parseConfig } from '../../src/config';
import { SqliteAgentThreadStore } from '../../src/store/sqlite-agent-thread-store';
import { createSlackAgents, type SlackAgents } from '../../channels/slack/slack-agents';
import { createSlackChannel, type SlackChannel, type SlackChannelConfig } from '../../channels/slack/slack.channel';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { fixture } from './helpers/fixtures';
import { TEST_SIGNING_SECRET } from './helpers/signed-request';
import { SlackApiStandIn, type DirectoryUser } from './helpers/slack-api-stand-in';
import { TEST_USERS } from './helpers/slack-test-app';

/** The tier-2 channel of these tests. */
export const TIER2 = 'C0TIER2';

/** Test users plus one Slack user whose e-mail names no agent. */
export const USERS: DirectoryUser[] = [...TEST_USERS, { id: 'U0CAROL', realName: 'Carol Guest', email: 'carol@acme.test' }];

/** One running app on a database that outlives it (restart = stop + boot on the same folder). */
export type Booted = { app: App; channel: SlackChannel; agents: SlackAgents; baseUrl: string };

/** Boot Frontdesk with Slack + tier-2 channel, P2 assessments (the first message escalates) and the Slack agents wired as the lead wires them. */
export async function boot(dir: string, api: SlackApiStandIn, env: Record<string, string> = {}, overrides: Partial<SlackChannelConfig> = {}): Promise<Booted> {
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false',
    DATABASE_PATH: path.join(dir, 'test.db'), DISPATCH_BASE_DELAY_MS: '20',
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_TIER2_CHANNEL: TIER2, ...env,
  });
  const channel = createSlackChannel({ botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, slackApiUrl: api.url, tier2Channel: TIER2, ...overrides });
  const app = await createApp(config, { channels: [channel], turnDeps: fixedTurnDeps({ priority: 'P2', impact: 2, urgency: 1, category: 'hardware' }) });
  const agents = createSlackAgents({ store: app.store, agentStore: app.agentStore, threads: new SqliteAgentThreadStore(app.sqliteStore()), slack: channel, events: app.engine.events, clock: () => new Date(), log: app.log });
  app.engine.events.on('committed', agents.onCommitted);
  channel.setTier2Handler(agents);
  const port = await app.start();
  return { app, channel, agents, baseUrl: `http://127.0.0.1:${port}` };
}

/** A temp folder for the database. */
export function tempFolder(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-slack-agents-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let seq = 0;

/** A message in a tier-2 thread. */
export function threadMessage(user: string, text: string, threadTs: string): Record<string, any> {
  const body = fixture('event-thread-reply');
  const ts = `1700003000.${String(++seq).padStart(6, '0')}`;
  Object.assign(body.event, { user, text, ts, event_ts: ts, thread_ts: threadTs, parent_user_id: 'U0FRONTDESK', channel: TIER2, client_msg_id: `t-${ts}` });
  body.event.blocks[0].elements[0].elements[0].text = text;
  body.event_id = `EvT${seq}`;
  return body;
}

/** A click on a tier-2 button of the escalation post at `ts`. */
export function tier2Click(user: string, actionId: 'fd_t2_take' | 'fd_t2_resolve', ticket: string, ts: string): Record<string, any> {
  const click = fixture('block-actions');
  Object.assign(click, { user: { id: user, team_id: 'T0ACME' }, channel: { id: TIER2, name: 'it-tier2' } });
  click.container = { type: 'message', message_ts: ts, channel_id: TIER2, is_ephemeral: false };
  click.message = { ...click.message, ts, blocks: [] };
  click.trigger_id = `6212345678901.1234567890123.${seq}`;
  click.actions = [{ action_id: actionId, block_id: 'fd_tier2', value: ticket, type: 'button', text: { type: 'plain_text', text: 'x' }, action_ts: `1700004000.${++seq}` }];
  return click;
}

/** The Resolve modal submitted by `user` (a view_submission as Slack sends it), carrying the view Slack was asked to open. */
export function resolveSubmission(user: string, openedView: Record<string, any>, resolution: string): Record<string, any> {
  const viewId = `V0VIEW${++seq}`;
  return {
    type: 'view_submission',
    team: { id: 'T0ACME', domain: 'acme' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0ACME' },
    api_app_id: 'A0FRONTDESK',
    token: 'XXYYZZ',
    trigger_id: `7212345678901.1234567890123.${seq}`,
    view: {
      ...openedView,
      id: viewId, team_id: 'T0ACME', root_view_id: viewId, previous_view_id: null, app_id: 'A0FRONTDESK', external_id: '', app_installed_team_id: 'T0ACME', bot_id: 'B0FRONTDESK',
      hash: `1700004100.${seq}`, clear_on_close: false, notify_on_close: false,
      state: { values: { fd_resolution: { fd_resolution_text: { type: 'plain_text_input', value: resolution } } } },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
