import path from 'node:path';
import { slackAgentsExtension } from '../../channels/slack/slack-agents';
import { createSlackChannel } from '../../channels/slack/slack.channel';
import { createApp, type App } from '../../src/app';
import { parseConfig } from '../../src/config';
import type { TurnResult } from '../../src/store/store';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { draft, inbound } from '../store/store-contract';
import { TEST_SIGNING_SECRET } from './helpers/signed-request';
import { SlackApiStandIn } from './helpers/slack-api-stand-in';
import { tempFolder, TIER2, USERS } from './slack-agents-helpers';

/**
 * The escalation card is queued by the process that committed the escalation, right after the commit. A
 * process SIGKILLed in between (seen in the cluster run: an SLA breach escalated INC-000053 and the tier-2
 * channel never got its card) must not leave the agents without it.
 */
describe('Slack tier-2: an escalation whose committing process stopped before queuing its card', () => {
  let api: SlackApiStandIn;
  let folder: ReturnType<typeof tempFolder>;
  let app: App;

  beforeEach(async () => {
    api = await new SlackApiStandIn(USERS).start();
    folder = tempFolder();
    const config = parseConfig({
      PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(folder.dir, 'test.db'), DISPATCH_BASE_DELAY_MS: '20',
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_TIER2_CHANNEL: TIER2,
    });
    const channel = createSlackChannel({ botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, slackApiUrl: api.url, tier2Channel: TIER2 });
    // Wired as bin/ wires it: the Slack agents extension, with its catch-up sweep.
    app = await createApp(config, { channels: [channel], extensions: [slackAgentsExtension], turnDeps: fixedTurnDeps({ priority: 'P2', impact: 2, urgency: 1, category: 'hardware' }) });
    await app.start();
  });

  afterEach(async () => {
    await app.stop();
    await api.stop();
    folder.cleanup();
  });

  /** An escalation committed by a process that then died: no 'committed' event reaches any mirror. */
  async function escalatedByADeadProcess(id: string): Promise<TurnResult> {
    const now = new Date().toISOString();
    const accepted = await app.store.acceptInbound(inbound(id, 'my laptop will not boot', `c-${id}`, `u-${id}`), now);
    return app.store.commitTurn({
      conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: {},
      tickets: [{ kind: 'open', draft: draft() }], events: [{ ticketId: 'new', actor: 'sla', kind: 'escalated', data: { reason: 'sla_breach' } }],
      outbound: [], now,
    });
  }

  const cardsOf = (number: string) => api.callsOf('chat.postMessage')
    .filter((c) => c.args.channel === TIER2 && !c.args.thread_ts && JSON.stringify(c.args).includes(number));

  test('is found by the catch-up sweep and its card posted once, even when the commit is then seen too', async () => {
    const result = await escalatedByADeadProcess('m1');
    const number = result.openedTicket!.number;

    await api.waitFor(() => cardsOf(number)[0], 15_000);
    app.engine.events.emit('committed', result);
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // the commit mirrored, and one more sweep

    expect(cardsOf(number)).toHaveLength(1);
  }, 30_000);

  test('a ticket closed since is not posted', async () => {
    const result = await escalatedByADeadProcess('m2');
    await app.store.commitTurn({
      conversationId: result.conversation.id, expectedVersion: result.conversation.version, mode: 'bot', lang: 'en', state: {},
      tickets: [{ kind: 'update', ticketId: result.openedTicket!.id, fields: { status: 'closed' } }], events: [], outbound: [], now: new Date().toISOString(),
    });
    const other = await escalatedByADeadProcess('m3');

    await api.waitFor(() => cardsOf(other.openedTicket!.number)[0], 15_000);

    expect(cardsOf(result.openedTicket!.number)).toEqual([]);
  }, 30_000);
});
