import { SocketModeClient } from '@slack/socket-mode';
import type { RawData } from 'ws';

/** Slack's reasons for a `disconnect` message after which a new connection is opened before the old one closes. */
export const HANDOVER_REASONS = ['refresh_requested', 'warning'] as const;

/** The `disconnect` message Slack sends on a Socket Mode connection it is about to close. */
export type SlackDisconnectRequest = { type: 'disconnect'; reason?: string; debug_info?: { host?: string } };

/**
 * The Socket Mode client of @slack/socket-mode, except for Slack's `disconnect` request with a reason in
 * HANDOVER_REASONS: the library closes the socket at once and reconnects only after its ping timeout
 * (5 s, more when Slack leaves the TCP connection open), a gap with no connection at all. Here the request
 * is handed to the receiver as a `disconnect_requested` event instead; the receiver opens the next
 * connection and closes this one once the new one has said hello. Other reasons (link_disabled,
 * too_many_websockets) keep the library's handling.
 */
export class HandoverSocketModeClient extends SocketModeClient {
  protected override async onWebSocketMessage(data: RawData, isBinary: boolean): Promise<void> {
    const request = isBinary ? null : disconnectRequest(data);
    if (request && (HANDOVER_REASONS as readonly string[]).includes(request.reason ?? '')) {
      this.emit('disconnect_requested', request);
      return;
    }
    if (request) this.emit('disconnect_forced', request);
    return super.onWebSocketMessage(data, isBinary);
  }
}

/** The message as a `disconnect` request, or null; envelopes (nearly all traffic) are told apart without parsing them twice. */
function disconnectRequest(data: RawData): SlackDisconnectRequest | null {
  const text = Buffer.isBuffer(data) ? data.toString() : Array.isArray(data) ? Buffer.concat(data).toString() : Buffer.from(data).toString();
  if (!text.includes('"disconnect"') || text.includes('"envelope_id"')) return null;
  try {
    const message = JSON.parse(text) as { type?: unknown };
    return message.type === 'disconnect' ? (message as SlackDisconnectRequest) : null;
  } catch {
    return null;
  }
}
