import { checkDatabase } from '../../reliability/helpers/db-invariants';
import { fuzzHttp, watchProcess, type FuzzRequest } from './fuzz-run';
import path from 'node:path';
import { createSlackChannel } from '../../../channels/slack/slack.channel';
import { createTeamsChannel } from '../../../channels/teams/teams.channel';
import { createWebchatChannel } from '../../../channels/webchat/webchat.channel';
import { fixedTurnDeps } from '../../helpers/fixed-deps';
import { createApp } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { dialogEntries } from '../../../dialogs';
import { tempDir } from '../../helpers/test-app';
import { SlackApiStandIn } from '../../slack/helpers/slack-api-stand-in';
import { TEST_SIGNING_SECRET } from '../../slack/helpers/signed-request';
import { TEST_USERS } from '../../slack/helpers/slack-test-app';
import { ConnectorStandIn } from '../../teams/helpers/connector-stand-in';

/**
 * One in-process service with every HTTP edge mounted (web chat, Slack, Teams), nothing dispatched
 * (replies stay in the outbox: no outbound traffic), cheap fixed turns, and stand-ins on loopback.
 */
export async function startFuzzApp(options: { logLevel?: string } = {}) {
  const slackApi = await new SlackApiStandIn(TEST_USERS).start();
  const connector = new ConnectorStandIn();
  await connector.start();
  const tmp = tempDir('frontdesk-fuzz-');
  const dbFile = path.join(tmp.dir, 'fuzz.db');
  // Load shedding off (MAX_QUEUE_WAIT_SECONDS): the fuzz checks input handling, not overload answers.
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_PATH: dbFile, MAX_QUEUE_WAIT_SECONDS: '3600' });
  const app = await createApp(config, {
    log: createLogger({ level: options.logLevel ?? process.env.FUZZ_LOG_LEVEL ?? 'silent' }),
    dialogs: dialogEntries,
    channels: [
      createWebchatChannel({ rateLimits: false }),
      createSlackChannel({ botToken: 'xoxb-fuzz', signingSecret: TEST_SIGNING_SECRET, slackApiUrl: slackApi.url, botUserId: 'U0FRONTDESK', botId: 'B0FRONTDESK' }),
      createTeamsChannel({ devUnauthenticated: true, defaultLang: 'en', memberLookupTimeoutMs: 200 }),
    ],
    dispatch: false,
    turnDeps: fixedTurnDeps(),
  });
  // Listen, but never dispatch: replies stay in the outbox.
  const port = await app.start(true);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    slackApi,
    connector,
    dbFile,
    async stop() {
      await app.stop();
      tmp.cleanup();
      await slackApi.stop();
      await connector.stop();
    },
  };
}

/**
 * Fire the requests at a fuzz app, wait for every stored message's turn, then read back what the tests
 * assert on: the tally, unhandled rejections, database invariants and whether the server still answers.
 * Prints the suite's one-line figure.
 */
export async function runHttpFuzz(
  t: Awaited<ReturnType<typeof startFuzzApp>>, name: string, requests: FuzzRequest[], options: Parameters<typeof fuzzHttp>[2] = {}, refusedLabel = '4xx',
) {
  const { result: tally, unhandled } = await watchProcess(async () => {
    const out = await fuzzHttp(t.url, requests, options);
    await t.app.engine.idle();
    return out;
  });
  const db = checkDatabase(t.dbFile, { answered: true });
  const health = await fetch(`${t.url}/healthz`);
  console.log(`fuzz ${name}: payloads=${tally.payloads} 2xx=${tally.ok} ${refusedLabel}=${tally.refused} stored=${db.inbound} failures=${tally.failures + unhandled.length + db.problems.length} statuses=${JSON.stringify(tally.byStatus)}`);
  if (process.env.FUZZ_SAMPLES) console.log(JSON.stringify(tally.samples, null, 1));
  return { tally, unhandled, db, healthStatus: health.status };
}
