import { EventDispatcher, LoggerLevel, WSClient } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/log';
import { domainOf } from './feishu-api';
import type { LarkEvent } from './feishu-envelope';

/** The long connection, as the channel holds it. */
export type LongConnection = { close(): void };

/** Header fields the SDK's EventDispatcher flattens into the event it hands to a handler. */
const HEADER_FIELDS = ['schema', 'event_id', 'event_type', 'create_time', 'token', 'app_id', 'tenant_key', 'ts', 'uuid', 'type'];

/** Event types the channel takes. */
export const LONG_CONNECTION_EVENTS = ['im.message.receive_v1', 'card.action.trigger'] as const;

/**
 * The SDK's handler argument back in the shape of an HTTP event (header + event), so both delivery modes
 * run through the same `onEvent`. Null when it has no event id or type.
 */
export function larkEventOfDispatched(data: Record<string, unknown>): LarkEvent | null {
  const eventId = typeof data.event_id === 'string' ? data.event_id : '';
  const eventType = typeof data.event_type === 'string' ? data.event_type : '';
  if (!eventId || !eventType) return null;
  const event = Object.fromEntries(Object.entries(data).filter(([key]) => !HEADER_FIELDS.includes(key)));
  return { eventId, eventType, createTime: typeof data.create_time === 'string' ? data.create_time : undefined, event };
}

/**
 * The SDK's EventDispatcher with our two events registered. The long connection is authenticated by the
 * app's own credentials (the SDK fetches the endpoint with app id and secret), so no signature is checked.
 */
export function buildDispatcher(onEvent: (event: LarkEvent) => Promise<unknown>, log: Logger): EventDispatcher {
  const handle = async (data: Record<string, unknown>) => {
    const event = larkEventOfDispatched(data);
    if (!event) {
      log.info('feishu long-connection event without event_id or event_type: dropped');
      return undefined;
    }
    // A card.action.trigger answer (toast) goes back over the connection; message events answer nothing.
    return onEvent(event);
  };
  const dispatcher = new EventDispatcher({ loggerLevel: LoggerLevel.error, logger: sdkLogger(log) });
  dispatcher.register(Object.fromEntries(LONG_CONNECTION_EVENTS.map((type) => [type, handle])) as never);
  return dispatcher;
}

/** Open the SDK's long connection (WSClient): Feishu pushes events over it, no public URL needed. */
export async function startLongConnection(
  config: { appId: string; appSecret: string; domain: string },
  onEvent: (event: LarkEvent) => Promise<unknown>,
  log: Logger,
): Promise<LongConnection> {
  const client = new WSClient({
    appId: config.appId, appSecret: config.appSecret, domain: domainOf(config.domain), loggerLevel: LoggerLevel.warn, logger: sdkLogger(log), autoReconnect: true,
  });
  // The SDK keeps retrying while Feishu is unreachable: start-up waits a little for the first connection, not forever.
  const started = client.start({ eventDispatcher: buildDispatcher(onEvent, log) }).then(() => true, (error: unknown) => {
    log.warn({ reason: (error as Error)?.message }, 'feishu long connection failed to start');
    return false;
  });
  const connected = await Promise.race([started, new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref())]);
  if (!connected) log.warn('feishu long connection not up yet: the SDK keeps trying in the background');
  return { close: () => client.close({ force: true }) };
}

/** The SDK's log lines into ours, at debug for chatter and warn for trouble (messages only, never payloads). */
function sdkLogger(log: Logger) {
  const line = (level: 'warn' | 'debug') => (...msg: unknown[]) => log[level]({ sdk: 'lark' }, msg.map((m) => (typeof m === 'string' ? m : (m as Error)?.message ?? typeof m)).join(' ').slice(0, 300));
  return { error: line('warn'), warn: line('warn'), info: line('debug'), debug: line('debug'), trace: line('debug') };
}
