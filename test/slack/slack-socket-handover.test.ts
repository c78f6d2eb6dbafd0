import { dmEvent, fixture } from './helpers/fixtures';
import { startSlackTestApp, storedInbound, type SlackTestApp } from './helpers/slack-test-app';
import { SocketModeStandIn } from './helpers/socket-mode-stand-in';

/** Slack's `disconnect` request, as it sends it on a Socket Mode connection it is about to close. */
const disconnect = (reason: string) => ({ type: 'disconnect', reason, debug_info: { host: 'applink-1' } });
const eventsEnvelope = (id: string, text: string, ts: string) => ({ envelope_id: id, type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: dmEvent(text, ts) });

describe("Socket Mode: Slack's disconnect request", () => {
  let slack: SocketModeStandIn;
  let t: SlackTestApp;

  beforeEach(async () => {
    slack = await new SocketModeStandIn().start();
    t = await startSlackTestApp({ appToken: 'xapp-1-test' }, {}, (api) => {
      api.socketUrl = slack.url;
    });
  });
  afterEach(async () => {
    await t.stop();
    await slack.stop();
  });

  it('opens the new connection before closing the old one; envelopes sent on both during the switch are stored once, none lost', async () => {
    // Arrange
    const twice = eventsEnvelope('env-twice', 'VPN is down for me', '1700005000.000100');
    // Act: Slack asks for a new connection and still delivers on the old one meanwhile.
    slack.send(1, disconnect('refresh_requested'));
    slack.send(1, twice);
    await t.api.waitFor(() => slack.connections[1]);
    slack.send(2, twice);
    slack.send(2, eventsEnvelope('env-new', 'and Outlook will not start', '1700005001.000100'));
    // Assert
    await t.api.waitFor(() => slack.acksOf('env-twice').length > 0 && slack.acksOf('env-new').length > 0 && !slack.connections[0].open);
    expect(slack.timeline).toEqual(['open:1', 'open:2', 'close:1']);
    expect(t.api.callsOf('apps.connections.open')).toHaveLength(2);
    await t.app.engine.idle();
    expect(storedInbound(t.app)).toBe(2);
  });

  it('a shortcut delivered on both sockets during a switch (reason warning) opens one modal, and both deliveries are acknowledged', async () => {
    // Arrange
    const shortcut = { envelope_id: 'env-shortcut', type: 'interactive', accepts_response_payload: true, payload: fixture('shortcut-message') };
    // Act
    slack.send(1, disconnect('warning'));
    slack.send(1, shortcut);
    await t.api.waitFor(() => slack.connections[1]);
    slack.send(2, shortcut);
    // Assert
    await t.api.waitFor(() => slack.connections[0].acks.length > 0 && slack.connections[1].acks.length > 0);
    await t.api.waitFor(() => t.api.callsOf('views.open')[0]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.api.callsOf('views.open')).toHaveLength(1);
    expect(slack.acksOf('env-shortcut')).toHaveLength(2);
  });

  it('after several switches one connection is left, and events still arrive on it', async () => {
    // Act
    for (let n = 1; n <= 3; n++) {
      slack.send(n, disconnect('refresh_requested'));
      await t.api.waitFor(() => slack.connections[n] && !slack.connections[n - 1].open);
    }
    slack.send(4, eventsEnvelope('env-after', 'my badge stopped working', '1700005002.000100'));
    // Assert
    await t.api.waitFor(() => slack.acksOf('env-after').length > 0);
    expect(slack.connections.map((c) => c.open)).toEqual([false, false, false, true]);
    await t.app.engine.idle();
    expect(storedInbound(t.app)).toBe(1);
  });
});
