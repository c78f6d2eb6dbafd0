import { dmEvent, fixture } from './helpers/fixtures';
import { startSlackTestApp, storedInbound, type SlackTestApp } from './helpers/slack-test-app';
import { SocketModeStandIn } from './helpers/socket-mode-stand-in';

const eventsEnvelope = (id: string, text: string, ts: string, retry = 0) => ({ envelope_id: id, type: 'events_api', accepts_response_payload: false, retry_attempt: retry, retry_reason: retry ? 'timeout' : '', payload: dmEvent(text, ts) });
/** A shortcut: acknowledged at once. Acks on one socket arrive in the order they were sent, so once its ack is here, any ack sent before it is too. */
const shortcutEnvelope = (id: string) => ({ envelope_id: id, type: 'interactive', accepts_response_payload: true, payload: fixture('shortcut-global') });

describe('Socket Mode: an Events API envelope is acknowledged only once its message is stored', () => {
  let slack: SocketModeStandIn;
  let t: SlackTestApp;

  beforeEach(async () => {
    slack = await new SocketModeStandIn().start();
    t = await startSlackTestApp({ appToken: 'xapp-1-test' }, {}, (api) => {
      api.socketUrl = slack.url;
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await t.stop();
    await slack.stop();
  });

  /** Send a shortcut and wait for its ack: every ack the app sent before it has reached the stand-in. */
  async function acksFlushed(id: string): Promise<void> {
    slack.send(1, shortcutEnvelope(id));
    await t.api.waitFor(() => slack.acksOf(id).length > 0);
  }

  it('holds the ack while the store is still writing the message, and sends it once the message is stored', async () => {
    // Arrange: the store's write waits until the test lets it finish.
    const store = t.app.store;
    const accept = store.acceptInbound.bind(store);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = jest.spyOn(store, 'acceptInbound').mockImplementationOnce(async (...args) => {
      await released;
      return accept(...args);
    });
    // Act
    slack.send(1, eventsEnvelope('env-slow', 'VPN is down for me', '1700006000.000100'));
    await t.api.waitFor(() => writing.mock.calls.length > 0);
    await acksFlushed('env-flush-1');
    // Assert: nothing acknowledged while the message is not stored.
    expect(slack.acksOf('env-slow')).toHaveLength(0);
    release();
    await t.api.waitFor(() => slack.acksOf('env-slow').length > 0);
    expect(storedInbound(t.app)).toBe(1);
  });

  it('does not acknowledge an envelope whose message could not be stored; the redelivery is stored and answered once', async () => {
    // Arrange: the first write fails (the database is unavailable).
    const writing = jest.spyOn(t.app.store, 'acceptInbound').mockRejectedValueOnce(new Error('database unavailable'));
    const envelope = eventsEnvelope('env-fail', 'Outlook will not start', '1700006001.000100');
    // Act
    slack.send(1, envelope);
    await t.api.waitFor(() => writing.mock.calls.length > 0);
    await acksFlushed('env-flush-2');
    // Assert: not acknowledged, so Slack delivers it again.
    expect(slack.acksOf('env-fail')).toHaveLength(0);
    expect(storedInbound(t.app)).toBe(0);
    // Act: Slack's redelivery, the same envelope, then another redelivery of the same event.
    slack.send(1, { ...envelope, retry_attempt: 1, retry_reason: 'timeout' });
    await t.api.waitFor(() => slack.acksOf('env-fail').length > 0);
    slack.send(1, eventsEnvelope('env-fail-again', 'Outlook will not start', '1700006001.000100', 2));
    await t.api.waitFor(() => slack.acksOf('env-fail-again').length > 0);
    // Assert: each delivery answered once, the message stored once.
    await t.app.engine.idle();
    expect(slack.acksOf('env-fail')).toHaveLength(1);
    expect(slack.acksOf('env-fail-again')).toHaveLength(1);
    expect(storedInbound(t.app)).toBe(1);
  });

  it('answers a new-ticket form only once it is stored, and an empty summary with the error under the field', async () => {
    // Arrange
    const submission = (id: string, summary: string) => {
      const payload = fixture('view-submission-new-ticket');
      payload.view = { ...payload.view, id, root_view_id: id };
      payload.view.state.values.fd_summary.fd_summary_text.value = summary;
      return { envelope_id: `env-${id}`, type: 'interactive', accepts_response_payload: true, payload };
    };
    // Act: a filled form, then one without a summary.
    slack.send(1, submission('V0FORMOK', 'VPN fails with error 809'));
    await t.api.waitFor(() => slack.acksOf('env-V0FORMOK').length > 0);
    const storedAtAck = storedInbound(t.app);
    slack.send(1, submission('V0FORMEMPTY', ''));
    await t.api.waitFor(() => slack.acksOf('env-V0FORMEMPTY').length > 0);
    // Assert: the form was stored when its ack left; the empty one is refused with its field error and not stored.
    expect(storedAtAck).toBe(1);
    // The socket-mode client sends an empty payload with a plain ack: the modal closes.
    expect(slack.acksOf('env-V0FORMOK')).toEqual([{ envelope_id: 'env-V0FORMOK', payload: {} }]);
    expect(slack.acksOf('env-V0FORMEMPTY')).toEqual([{ envelope_id: 'env-V0FORMEMPTY', payload: { response_action: 'errors', errors: { fd_summary: expect.any(String) } } }]);
    expect(storedInbound(t.app)).toBe(1);
  });
});
