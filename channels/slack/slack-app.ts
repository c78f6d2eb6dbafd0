import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { sdkLogDetail, type Logger } from '../../src/log';
import { SlackEventsReceiver, type SlackEventsReceiverOptions } from './slack-receiver';
import { SlackSocketReceiver } from './slack-socket-receiver';

/** What building the bolt App needs. */
export type SlackAppOptions = {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  botUserId?: string;
  botId?: string;
  clientOptions: WebClientOptions;
  log: Logger;
  /** HTTP mode: the receiver hands message and app_mention events straight to this (see SlackEventsReceiver). */
  onMessageEvent: SlackEventsReceiverOptions['onMessageEvent'];
  onReactionEvent: SlackEventsReceiverOptions['onReactionEvent'];
  acknowledgedFirst: SlackEventsReceiverOptions['acknowledgedFirst'];
  answerBeforeAck: SlackEventsReceiverOptions['answerBeforeAck'];
  afterAcks: SlackEventsReceiverOptions['afterAcks'];
  /** Socket Mode: reports each envelope to the ingress gate (the HTTP server does this for HTTP mode). */
  arrived?: () => () => void;
};

/** The bolt App plus how to feed it: an HTTP handler (HTTP mode) or nothing (Socket Mode). */
export type SlackBolt = { app: App; mode: 'http' | 'socket'; handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null };

/**
 * Build the bolt App. HTTP mode: our SlackEventsReceiver, mounted on the main server's router, answers
 * once the message is stored. Socket Mode (SlackSocketReceiver) when an app-level token (xapp-) is configured.
 */
export function buildBoltApp(options: SlackAppOptions, now: () => number = Date.now): SlackBolt {
  const logger = boltLogger(options.log);
  // bolt skips its own auth.test when the bot's ids are known (the channel learns them at start).
  const identity = {
    // The engine keeps conversation state; bolt's own conversation store would only cost time per event.
    convoStore: false as const,
    // mapMessageEvent drops the app's own and other bots' messages; bolt's copy of that check would be a
    // second middleware pass on every event.
    ignoreSelf: false,
    ...(options.botUserId ? { botUserId: options.botUserId, botId: options.botId, tokenVerificationEnabled: false } : {}),
  };
  // A copy of the client options: bolt writes its logger into the object it is given.
  const base = { token: options.botToken, clientOptions: { ...options.clientOptions }, logger, ...identity };
  if (options.appToken) {
    // Our receiver, not bolt's SocketModeReceiver: it opens the next connection before closing the old one.
    const receiver = new SlackSocketReceiver({ appToken: options.appToken, sdkLogger: logger, log: options.log, clientOptions: options.clientOptions, arrived: options.arrived });
    return { app: new App({ ...base, receiver }), mode: 'socket', handle: null };
  }
  const receiver = new SlackEventsReceiver({
    signingSecret: options.signingSecret, log: options.log, now, onMessageEvent: options.onMessageEvent, onReactionEvent: options.onReactionEvent,
    acknowledgedFirst: options.acknowledgedFirst, answerBeforeAck: options.answerBeforeAck, afterAcks: options.afterAcks,
  });
  return { app: new App({ ...base, receiver }), mode: 'http', handle: receiver.handle };
}

/** bolt's logger interface on top of our pino logger (levels map one to one). */
export function boltLogger(log: Logger | (() => Logger)): BoltLogger {
  let level = LogLevel.INFO;
  // A function lets the Web API client, built before start(), log through the logger start() receives.
  const target = typeof log === 'function' ? log : () => log;
  // Never the SDK's arguments themselves: at debug level they carry request and response bodies.
  const line = (msg: unknown[]) => ({ component: 'slack-sdk', detail: sdkLogDetail(msg) });
  return {
    // The SDK logs every Web API call at debug level: the line is only built when debug is on.
    debug: (...msg: unknown[]) => {
      const log = target();
      if (log.isLevelEnabled('debug')) log.debug(line(msg), 'slack sdk');
    },
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
