import { fixedTurnDeps } from '../../helpers/fixed-deps';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTeamsChannel, teamsChannelConfigFrom, type TeamsChannelConfig } from '../../../channels/teams/teams.channel';
import { teamsAgentsExtension } from '../../../channels/teams/teams-agents';
import { createApp, type App } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import type { Assessment } from '../../../src/engine/turn-types';
import type { OutboundMessage } from '../../../src/types/conversation';
import { ConnectorStandIn } from './connector-stand-in';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'teams');

/** A recorded Teams activity (or member record) with its serviceUrl pointed at the stand-in. */
export function fixture(name: string, overrides: Record<string, unknown> = {}, serviceUrl?: string): Record<string, unknown> {
  const activity = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
  if (serviceUrl && 'serviceUrl' in activity) activity.serviceUrl = serviceUrl;
  return { ...activity, ...overrides };
}

/** A running Frontdesk with only the Teams channel, its database in a temp folder, plus a connector stand-in. */
export type TeamsHarness = {
  app: App;
  connector: ConnectorStandIn;
  url: string;
  dir: string;
  post(activity: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Finish queued turns and send everything due. */
  settle(): Promise<void>;
  close(): Promise<void>;
};

/** Start the service on a random port; `env` adds or overrides variables (e.g. TEAMS_APP_ID); `assessment` the fixed triage (P2: escalated at once). */
export async function startTeamsHarness(env: Record<string, string> = {}, existing?: { dir: string; connector: ConnectorStandIn }, channel: Partial<TeamsChannelConfig> = {}, assessment: Partial<Assessment> = {}): Promise<TeamsHarness> {
  const dir = existing?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fd-teams-'));
  const connector = existing?.connector ?? new ConnectorStandIn();
  if (!existing) await connector.start();
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false',
    DATABASE_PATH: path.join(dir, 'frontdesk.db'),
    DISPATCH_BASE_DELAY_MS: '50', TEAMS_DEV_UNAUTHENTICATED: 'true', ...env,
  });
  const app = await createApp(config, { extensions: [teamsAgentsExtension], channels: [createTeamsChannel({ ...teamsChannelConfigFrom(config), memberLookupTimeoutMs: 1_000, ...channel })], dispatch: false, turnDeps: fixedTurnDeps(assessment) });
  const port = await app.start(true);
  const url = `http://127.0.0.1:${port}`;
  return {
    app, connector, url, dir,
    post: (activity, headers = {}) =>
      fetch(`${url}/api/teams/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) }),
    async settle() {
      await app.engine.idle();
      await app.dispatcher.drainDue();
    },
    async close() {
      await app.stop();
    },
  };
}

/** Stop the harness and its stand-in and remove the temp folder. */
export async function disposeTeamsHarness(h: TeamsHarness): Promise<void> {
  await h.close();
  await h.connector.stop();
  fs.rmSync(h.dir, { recursive: true, force: true });
}

/** An Adaptive Card as posted: its body and actions. */
export type PostedCard = { content: { body: Array<Record<string, unknown>>; actions: Array<{ type: string; title: string; verb?: string; data: Record<string, unknown> }> } };

/** Queue a question card for a conversation the way a turn does (through the outbox) and send it; returns the posted card and its activity id. */
export async function askInto(h: TeamsHarness, conversationId: string, message: OutboundMessage, lang: 'en' | 'zh' = 'en'): Promise<{ activityId: string; card: PostedCard }> {
  const conversation = await h.app.store.findConversation({ channel: 'teams', conversationId });
  if (!conversation) throw new Error(`no conversation ${conversationId}`);
  await h.app.store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, mode: conversation.mode, lang,
    state: conversation.state, tickets: [], events: [], outbound: [message], now: new Date().toISOString(),
  });
  const before = h.connector.posted().length;
  await h.app.dispatcher.drainDue();
  const posted = h.connector.posted();
  if (posted.length !== before + 1) throw new Error(`expected one card posted, got ${posted.length - before}`);
  // The stand-in numbers posted activities 1:1, 1:2, ... in order.
  return { activityId: `1:${posted.length}`, card: (posted.at(-1)!.body.attachments as PostedCard[])[0] };
}
