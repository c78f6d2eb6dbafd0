import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import { HttpError, readBody } from '../../src/http/body';
import type { Logger } from '../../src/log';
import { checkSlackEnvelope, warmEnvelopeChecks } from './slack-envelope';
import { mixedRequest } from './slack-bench-payloads';
import type { SlackMessageEvent } from './slack-inbound';
import type { SlackReaction } from './slack-reactions';

/** Slack refuses requests older than five minutes; we also refuse ones dated that far ahead. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;
/** Largest request body accepted on /slack/events (interactivity payloads carry the whole message). */
export const MAX_SLACK_BODY_BYTES = 512 * 1024;

/** What the receiver needs: the secret, and the channel's handlers for message, app_mention and reaction_added events. */
export type SlackEventsReceiverOptions = {
  signingSecret: string;
  log: Logger;
  now: () => number;
  onMessageEvent: (event: SlackMessageEvent, retryNum: number | undefined) => Promise<void>;
  onReactionEvent: (event: SlackReaction) => Promise<void>;
  /** Whether a payload's listener acknowledges it with an empty answer before any work (slack-listeners.ts). */
  acknowledgedFirst: (body: Record<string, unknown>) => boolean;
  /** The answer to a choice click or one of our modals' submissions, after the work it waits for; null for other payloads (slack-listeners.ts). */
  answerBeforeAck: (body: Record<string, unknown>) => Promise<unknown> | null;
  /** Runs `job` once the burst's acknowledgements are out; failures are logged there. */
  afterAcks: (what: string, job: () => Promise<unknown>) => void;
};

/**
 * bolt's Receiver for /slack/events on our own HTTP server. The request is read, its signature checked and
 * its body parsed once (bolt's HTTPReceiver would do each again). The 200 leaves when the message is
 * stored (what `processBeforeResponse` does), so an acknowledged event is never lost.
 * Message, app_mention and reaction_added events, nearly all of the traffic, go straight to the channel's handlers: bolt's
 * dispatch (context, say/respond helpers, a middleware pass per listener, copies of the arguments) cost
 * each of them more than storing it, and the acks of a burst wait for every event ahead of them.
 * So do choice clicks and our modals' submissions, whose answer waits for their work (a choice is stored, a
 * submission may be refused with field errors): `answerBeforeAck`, the same code bolt's listeners run in Socket Mode.
 * Everything else goes through `app.processEvent` and bolt's listeners: the payloads whose listener
 * acknowledges first (App Home, shortcuts, /helpdesk, the agents' buttons), once the burst's acknowledgements are out.
 */
export class SlackEventsReceiver implements Receiver {
  private app: App | null = null;

  constructor(private readonly options: SlackEventsReceiverOptions) {
    // One recorded payload of each kind (twelve make a mixed round), so the first burst does not pay for first use.
    warmEnvelopeChecks(Array.from({ length: 12 }, (_, i) => mixedRequest(i, 12, 'WARM')), options.signingSecret);
  }

  init(app: App): void {
    this.app = app;
  }

  /** The main server owns the port: nothing to start or stop. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Handler for POST /slack/events. Throws HttpError (4xx) for requests that are not Slack's. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const header = (name: string) => {
      const value = req.headers[name];
      return String((Array.isArray(value) ? value[0] : value) ?? '');
    };
    const timestamp = header('x-slack-request-timestamp');
    checkTimestamp(timestamp, this.options.now);
    const raw = await readBody(req, MAX_SLACK_BODY_BYTES);
    // Signed but malformed payloads get a 400 here instead of a 500 (or a hang) inside bolt.
    const verdict = checkSlackEnvelope(raw, { contentType: header('content-type'), timestamp, signature: header('x-slack-signature') }, this.options.signingSecret);
    if (verdict.kind === 'unsigned') throw new HttpError(401, 'x-slack-signature does not match the body: check SLACK_SIGNING_SECRET');
    if (verdict.kind === 'invalid') throw new HttpError(400, `not a Slack payload we can read: ${verdict.reason}`);
    if (verdict.kind === 'drop' || verdict.kind === 'ssl_check') {
      if (verdict.kind === 'drop') this.options.log.debug({ reason: verdict.reason }, 'slack request acknowledged and dropped');
      res.writeHead(200).end();
      return;
    }
    if (verdict.body.type === 'url_verification') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: verdict.body.challenge }));
      return;
    }
    await this.process(verdict.body, header, res);
  };

  private async process(body: Record<string, unknown>, header: (name: string) => string, res: ServerResponse): Promise<void> {
    if (!this.app) throw new Error('slack receiver used before bolt initialised it');
    let acked = false;
    let answer: unknown;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      answer = response;
    };
    const parsedRetry = Number.parseInt(header('x-slack-retry-num'), 10);
    const retryNum = Number.isNaN(parsedRetry) ? undefined : parsedRetry;
    // A handler that fails rejects here: the router answers 500 and Slack retries what we could not store.
    const eventType = (body.event as { type?: unknown } | undefined)?.type;
    if (body.type === 'event_callback' && (eventType === 'message' || eventType === 'app_mention')) {
      // checkSlackEnvelope let these through in the shape the channel reads; app_home_opened goes to bolt.
      await this.options.onMessageEvent(body.event as SlackMessageEvent, retryNum);
      res.writeHead(200).end();
      return;
    }
    if (body.type === 'event_callback' && eventType === 'reaction_added') {
      await this.options.onReactionEvent(body.event as SlackReaction);
      res.writeHead(200).end();
      return;
    }
    const answered = this.options.answerBeforeAck(body);
    if (answered) return void writeAnswer(res, await answered);
    const event = { body, ack, retryNum, retryReason: header('x-slack-retry-reason') || undefined };
    if (this.options.acknowledgedFirst(body)) {
      res.writeHead(200).end();
      const app = this.app;
      this.options.afterAcks(`${String(body.type ?? 'command')} listener`, () => app.processEvent(event));
      return;
    }
    await this.app.processEvent(event);
    if (!acked) {
      this.options.log.warn({ type: body.type }, 'no slack listener acknowledged the request');
      res.writeHead(404).end();
      return;
    }
    writeAnswer(res, answer);
  }
}

/** An ack's answer as Slack reads it: an empty 200, text, or JSON (a modal's field errors). */
function writeAnswer(res: ServerResponse, answer: unknown): void {
  if (answer === undefined || answer === '') res.writeHead(200).end();
  else if (typeof answer === 'string') res.writeHead(200).end(answer);
  else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
}

/** A timestamp outside the 5-minute window (stale or from the future) is refused before the body is read. */
function checkTimestamp(header: string, now: () => number): void {
  const seconds = Number(header);
  if (!header || !Number.isFinite(seconds) || Math.abs(now() / 1000 - seconds) > REPLAY_WINDOW_SECONDS) {
    throw new HttpError(401, 'x-slack-request-timestamp missing or outside the 5-minute window');
  }
}
