import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { HttpError, readBody } from '../../src/http/body';
import type { Logger } from '../../src/log';
import { checkSlackEnvelope } from './slack-envelope';

/** Slack refuses requests older than five minutes; we also refuse ones dated that far ahead. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;
/** Largest request body accepted on /slack/events (interactivity payloads carry the whole message). */
export const MAX_SLACK_BODY_BYTES = 512 * 1024;

/** What building the bolt App needs. */
export type SlackAppOptions = {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  botUserId?: string;
  botId?: string;
  clientOptions: WebClientOptions;
  log: Logger;
};

/** The bolt App plus how to feed it: an HTTP handler (HTTP mode) or nothing (Socket Mode). */
export type SlackBolt = { app: App; mode: 'http' | 'socket'; handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null };

/**
 * Build the bolt App. HTTP mode: an HTTPReceiver whose request listener is mounted on our router;
 * `processBeforeResponse` holds the 200 until the listener has stored the message, so an
 * acknowledged event is never lost. Socket Mode when an app-level token (xapp-) is configured.
 */
export function buildBoltApp(options: SlackAppOptions, now: () => number = Date.now): SlackBolt {
  const logger = boltLogger(options.log);
  // bolt skips its own auth.test when the bot's ids are known (the channel learns them at start).
  const identity = {
    // The engine keeps conversation state; bolt's own conversation store would only cost time per event.
    convoStore: false as const,
    ...(options.botUserId ? { botUserId: options.botUserId, botId: options.botId, tokenVerificationEnabled: false } : {}),
  };
  if (options.appToken) {
    const receiver = new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions: options.clientOptions } });
    const app = new App({ token: options.botToken, receiver, clientOptions: { ...options.clientOptions }, logger, ...identity });
    return { app, mode: 'socket', handle: null };
  }
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    processBeforeResponse: true,
    logger,
    // Nothing may stay unanswered past Slack's 3 s: it would retry a message we may have stored.
    unhandledRequestTimeoutMillis: 2500,
  });
  // A copy: bolt writes its logger into the options object it is given.
  const app = new App({ token: options.botToken, receiver, clientOptions: { ...options.clientOptions }, logger, ...identity });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    checkTimestamp(req, now);
    // Buffer with a size limit; bolt uses a request that already carries `rawBody` as is.
    const raw = await readBody(req, MAX_SLACK_BODY_BYTES);
    // Signed but malformed payloads get a 400 here instead of a 500 (or a hang) inside bolt.
    const header = (name: string) => String(req.headers[name] ?? '');
    const verdict = checkSlackEnvelope(raw, { contentType: header('content-type'), timestamp: header('x-slack-request-timestamp'), signature: header('x-slack-signature') }, options.signingSecret);
    if (verdict.kind === 'unsigned') throw new HttpError(401, 'x-slack-signature does not match the body: check SLACK_SIGNING_SECRET');
    if (verdict.kind === 'invalid') throw new HttpError(400, `not a Slack payload we can read: ${verdict.reason}`);
    if (verdict.kind === 'drop') {
      options.log.debug({ reason: verdict.reason }, 'slack request acknowledged and dropped');
      res.writeHead(200).end();
      return;
    }
    Object.assign(req, { rawBody: raw });
    const done = new Promise<void>((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
    });
    receiver.requestListener(req, res);
    await done;
  };
  return { app, mode: 'http', handle };
}

/** bolt checks staleness itself; a timestamp from the future is refused here (same 401, no body read). */
function checkTimestamp(req: IncomingMessage, now: () => number): void {
  const header = req.headers['x-slack-request-timestamp'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(seconds) || Math.abs(now() / 1000 - seconds) > REPLAY_WINDOW_SECONDS) {
    throw new HttpError(401, 'x-slack-request-timestamp missing or outside the 5-minute window');
  }
}

/** bolt's logger interface on top of our pino logger (levels map one to one). */
export function boltLogger(log: Logger | (() => Logger)): BoltLogger {
  let level = LogLevel.INFO;
  // A function lets the Web API client, built before start(), log through the logger start() receives.
  const target = typeof log === 'function' ? log : () => log;
  const line = (msg: unknown[]) => ({ component: 'slack-sdk', detail: msg.map(String).join(' ') });
  return {
    debug: (...msg: unknown[]) => target().debug(line(msg), 'slack sdk'),
    info: (...msg: unknown[]) => target().info(line(msg), 'slack sdk'),
    warn: (...msg: unknown[]) => target().warn(line(msg), 'slack sdk'),
    error: (...msg: unknown[]) => target().error(line(msg), 'slack sdk'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
