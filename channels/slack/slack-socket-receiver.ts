import type { App, Logger as BoltLogger, Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../src/log';
import { HandoverSocketModeClient, type SlackDisconnectRequest } from './slack-socket-client';

/** What the Socket Mode receiver needs. */
export type SlackSocketReceiverOptions = {
  appToken: string;
  /** bolt-style logger for the SDK's own lines. */
  sdkLogger: BoltLogger;
  log: Logger;
  clientOptions: WebClientOptions;
  /** Reports an envelope to the ingress gate (background work waits while envelopes are answered); call the result when handled. */
  arrived?: () => () => void;
};

/** What one envelope's handling came to: acknowledged (with its answer), or not (Slack redelivers it). */
type Outcome = { acked: boolean; response?: unknown };

/** One `slack_event` of @slack/socket-mode: the envelope and the ack that answers it on its own socket. */
type SocketEnvelope = { ack: (response?: unknown) => Promise<void>; envelope_id: string; body: Record<string, unknown>; retry_num?: number; retry_reason?: string };

/** Envelope ids remembered for de-duplication (Slack redelivers within minutes; a few thousand cover a burst). */
const LEDGER_SIZE = 5000;
/** Slack's deadline for an ack: an old connection is closed once its envelopes are answered, or after this. */
const ACK_DEADLINE_MS = 3000;
/** How long stop() lets a close handshake take before dropping the connection. */
const CLOSE_GRACE_MS = 1000;

/**
 * bolt's Receiver for Socket Mode. When Slack asks for a new connection (`disconnect`, refresh_requested or
 * warning), the next connection is opened first (apps.connections.open, then its hello) and the old one is
 * closed once its envelopes are acknowledged, so there is no moment without a connection. Slack may deliver
 * an envelope on both sockets during the switch, or again when an ack did not reach it: envelopes are
 * de-duplicated by envelope_id, a repeat is answered with the first one's ack and never handled twice.
 * Dropped connections are still reconnected by @slack/socket-mode itself.
 */
export class SlackSocketReceiver implements Receiver {
  private app: App | null = null;
  private current: HandoverSocketModeClient | null = null;
  private stopped = true;
  /** Every client not yet closed, with the envelopes it is handling. */
  private readonly clients = new Map<HandoverSocketModeClient, Set<Promise<Outcome>>>();
  private readonly ledger = new Map<string, Promise<Outcome>>();

  constructor(private readonly options: SlackSocketReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** Open the first connection; resolves on Slack's hello. */
  async start(): Promise<void> {
    this.stopped = false;
    this.current = this.client();
    await this.current.start();
  }

  /** Close every connection (a close handshake that hangs is cut after CLOSE_GRACE_MS). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.current = null;
    await Promise.all([...this.clients.keys()].map((client) => this.close(client, CLOSE_GRACE_MS)));
  }

  private client(): HandoverSocketModeClient {
    // The SDK writes its retry settings into the options it is given: a copy each.
    const client = new HandoverSocketModeClient({ appToken: this.options.appToken, logger: this.options.sdkLogger, clientOptions: { ...this.options.clientOptions } });
    this.clients.set(client, new Set());
    client.on('slack_event', (envelope: SocketEnvelope) => void this.onEnvelope(client, envelope));
    client.on('disconnect_requested', (request: SlackDisconnectRequest) => void this.handover(client, request));
    client.on('disconnect_forced', (request: SlackDisconnectRequest) => {
      const hint = request.reason === 'link_disabled' ? ': Socket Mode was turned off in the app settings' : '';
      this.options.log.warn({ reason: request.reason }, `slack closed the Socket Mode connection${hint}; reconnecting`);
    });
    return client;
  }

  /** Slack asked `from` to go: open the next connection, then close `from` once its envelopes are answered. */
  private async handover(from: HandoverSocketModeClient, request: SlackDisconnectRequest): Promise<void> {
    if (from !== this.current || this.stopped) return;
    this.options.log.info({ reason: request.reason }, 'slack asked for a new Socket Mode connection; opening it before closing the old one');
    const next = this.client();
    this.current = next;
    try {
      await next.start();
    } catch (error) {
      // The old connection stays (and reconnects by itself once Slack closes it).
      this.options.log.warn({ reason: (error as Error).message }, 'slack: the new Socket Mode connection failed; keeping the old one');
      if (this.current === next) this.current = from;
      await this.close(next, CLOSE_GRACE_MS);
      return;
    }
    if (this.stopped) return;
    const pending = this.clients.get(from) ?? new Set();
    await Promise.race([Promise.allSettled(pending), delay(ACK_DEADLINE_MS)]);
    await this.close(from, ACK_DEADLINE_MS);
  }

  private async close(client: HandoverSocketModeClient, graceMs: number): Promise<void> {
    if (!this.clients.delete(client)) return;
    const closed = client.disconnect();
    if (await Promise.race([closed.then(() => true), delay(graceMs).then(() => false)])) return;
    // A second disconnect on a socket that sent its close frame terminates it.
    client.websocket?.disconnect();
    await closed;
  }

  /** One envelope: handled once whichever socket it came on; a repeat is answered like the first. */
  private async onEnvelope(client: HandoverSocketModeClient, envelope: SocketEnvelope): Promise<void> {
    const earlier = this.ledger.get(envelope.envelope_id);
    if (earlier) {
      const outcome = await earlier;
      if (outcome.acked) {
        this.options.log.debug({ envelopeId: envelope.envelope_id }, 'slack envelope delivered again: acknowledged, not handled twice');
        await envelope.ack(outcome.response).catch(() => undefined);
        return;
      }
    }
    const handling = this.handle(envelope);
    this.remember(envelope.envelope_id, handling);
    const pending = this.clients.get(client);
    pending?.add(handling);
    const outcome = await handling;
    pending?.delete(handling);
    // Not acknowledged: Slack redelivers it, and the redelivery is handled afresh.
    if (!outcome.acked && this.ledger.get(envelope.envelope_id) === handling) this.ledger.delete(envelope.envelope_id);
  }

  /**
   * Hand the envelope to bolt. bolt acknowledges an Events API envelope before its listener runs; that ack is
   * held here and sent once the listener has stored the message (what `processBeforeResponse` does for HTTP),
   * so an acknowledged event is never lost. If storing fails nothing is sent, and Slack delivers it again.
   * Interactions are acknowledged when their listener calls ack (after storing what must be stored).
   */
  private async handle(envelope: SocketEnvelope): Promise<Outcome> {
    if (!this.app) throw new Error('slack socket receiver used before bolt initialised it');
    const outcome: Outcome = { acked: false };
    const held = envelope.body.type === 'event_callback';
    let called = false;
    let answer: unknown;
    // Envelopes come over a WebSocket, not the HTTP server: without this the gate would never see a burst.
    const handled = this.options.arrived?.() ?? (() => undefined);
    const send = async (response?: unknown) => {
      outcome.acked = true;
      outcome.response = response;
      // An ack on a socket that is closing is lost; Slack redelivers, and the ledger answers the redelivery.
      await envelope.ack(response).catch((error: Error) => this.options.log.debug({ reason: error.message }, 'slack ack not sent'));
    };
    const ack = async (response?: unknown) => {
      if (called) return;
      called = true;
      if (held) answer = response;
      else await send(response);
    };
    try {
      await this.app.processEvent({ body: envelope.body, ack, retryNum: envelope.retry_num, retryReason: envelope.retry_reason });
      if (held && called) await send(answer);
    } catch (error) {
      const unanswered = outcome.acked ? '' : ': not acknowledged, Slack delivers it again';
      this.options.log.error({ err: error, type: envelope.body.type, envelopeId: envelope.envelope_id }, `slack socket envelope failed${unanswered}`);
    } finally {
      handled();
    }
    return outcome;
  }

  private remember(id: string, handling: Promise<Outcome>): void {
    this.ledger.delete(id);
    this.ledger.set(id, handling);
    if (this.ledger.size > LEDGER_SIZE) this.ledger.delete(this.ledger.keys().next().value as string);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
