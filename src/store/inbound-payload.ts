import type { InboundMessage } from '../types/conversation';

/** The parts of an inbound message kept in `messages.payload_json` beside its text. */
export type InboundPayload = Pick<InboundMessage, 'action' | 'hold' | 'files'>;

/** The payload column of an inbound message (null when it has nothing beyond its text): the same on SQLite and PostgreSQL. */
export function inboundPayloadJson(message: InboundMessage): string | null {
  const files = message.files?.length ? message.files : undefined;
  return message.action || message.hold || files ? JSON.stringify({ action: message.action, hold: message.hold, files }) : null;
}

/** The message's fields back from its payload column, as `acceptInbound` stored them. */
export function inboundPayloadOf(json: unknown): Partial<InboundMessage> {
  const payload = json ? (JSON.parse(String(json)) as InboundPayload) : {};
  return { action: payload.action, ...(payload.hold ? { hold: payload.hold } : {}), ...(payload.files?.length ? { files: payload.files } : {}) };
}
