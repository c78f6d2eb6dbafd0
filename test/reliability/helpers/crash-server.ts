// A real Frontdesk server process for the crash and soak runs: the production app (createApp, real
// store, engine, dispatcher, web chat) plus the Slack channel pointed at a Web API stand-in whose URL
// comes from FD_SLACK_API_URL. Compiled to dist/ by `npm test` (tsc) and started with plain node.
import { createSlackChannel } from '../../../channels/slack/slack.channel';
import { createWebchatChannel } from '../../../channels/webchat/webchat.channel';
import { dialogEntries } from '../../../dialogs';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { fixedTurnDeps } from '../../helpers/fixed-deps';

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const app = await createApp(config, {
    dialogs: dialogEntries,
    // The first message of a conversation logs a ticket: every conversation gets a number to check.
    turnDeps: fixedTurnDeps(),
    channels: [
      // The load comes from one address: the per-address limit is measured elsewhere (test/security).
      createWebchatChannel({ rateLimits: false }),
      createSlackChannel({
        botToken: 'xoxb-crash-test', signingSecret: String(config.SLACK_SIGNING_SECRET),
        slackApiUrl: process.env.FD_SLACK_API_URL, botUserId: 'U0FRONTDESK', botId: 'B0FRONTDESK',
      }),
    ],
  });
  await app.start();
  const stop = () => void app.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(2);
});
