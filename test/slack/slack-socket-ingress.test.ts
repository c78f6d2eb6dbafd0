import type { App } from '@slack/bolt';
import { createLogger } from '../../src/log';
import { boltLogger } from '../../channels/slack/slack-app';
import { SlackSocketReceiver } from '../../channels/slack/slack-socket-receiver';
import { SlackApiStandIn } from './helpers/slack-api-stand-in';
import { SocketModeStandIn } from './helpers/socket-mode-stand-in';
import { fixture } from './helpers/fixtures';

describe('Socket Mode envelopes are reported to the ingress gate', () => {
  it('counts an envelope as arrived while bolt handles it, and answered once handled', async () => {
    const slack = await new SocketModeStandIn().start();
    const api = await new SlackApiStandIn().start();
    api.socketUrl = slack.url;
    const log = createLogger({ level: 'silent' });
    const reports: string[] = [];
    let finish: () => void = () => undefined;
    const listenerDone = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const receiver = new SlackSocketReceiver({
      appToken: 'xapp-1-test', sdkLogger: boltLogger(log), log, clientOptions: { slackApiUrl: api.url },
      arrived: () => {
        reports.push('arrived');
        return () => reports.push('answered');
      },
    });
    // bolt stand-in: acknowledges, then its listener works on until the test lets it finish.
    receiver.init({
      processEvent: async ({ ack }: { ack: () => Promise<void> }) => {
        await ack();
        reports.push('acked');
        await listenerDone;
      },
    } as unknown as App);
    try {
      await receiver.start();
      const envelope = { envelope_id: 'env-gate', type: 'interactive', accepts_response_payload: false, payload: fixture('shortcut-global') };
      slack.send(1, envelope);
      await api.waitFor(() => slack.acksOf('env-gate').length > 0);
      expect(reports).toEqual(['arrived', 'acked']);
      finish();
      await api.waitFor(() => reports.includes('answered'));
      expect(reports).toEqual(['arrived', 'acked', 'answered']);
    } finally {
      await receiver.stop();
      await slack.stop();
      await api.stop();
    }
  });
});
