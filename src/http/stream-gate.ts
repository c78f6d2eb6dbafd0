import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { HttpError, SECURITY_HEADERS } from './body';
import { clientIp } from './rate-limit';

/** Caps and timers of server-sent event streams. */
export type StreamLimits = { perSession: number; perAddress: number; max: number; idleMs: number; keepaliveMs: number };

/** One open event stream; `send` counts as activity, keep-alive comments do not. */
export type EventStream = { readonly session: string; send(chunk: string): void; end(): void };

type Open = EventStream & { address: string; lastEvent: number; res: ServerResponse };

/** Share of STREAMS_MAX at which /healthz says "degraded". */
const DEGRADED_AT = 0.9;
const LOG_EVERY_MS = 10_000;

/**
 * Every long-lived event stream (web chat and console) opens through here. Each one holds a socket and a
 * file descriptor for as long as the client likes, so they are capped per session, per client address and
 * overall; refusals close the connection at once, are counted (frontdesk_stream_refusals_total) and
 * logged at most once per 10 s. Streams get keep-alive comments, and one that carried no event for
 * `idleMs` is closed: a page still open reconnects, an abandoned socket is freed.
 */
export class StreamGate {
  private readonly open = new Set<Open>();
  private readonly bySession = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private refusedSinceLog = 0;
  private lastLog = 0;

  constructor(
    readonly limits: StreamLimits,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.tick(), Math.min(limits.keepaliveMs, limits.idleMs));
    this.timer.unref();
  }

  /** Open a stream for `session` or throw 429 (session/address cap) or 503 (overall cap). */
  attach(req: IncomingMessage, res: ServerResponse, session: string): EventStream {
    const address = clientIp(req);
    const reason = this.open.size >= this.limits.max ? 'overall'
      : (this.bySession.get(session) ?? 0) >= this.limits.perSession ? 'session'
        : (this.byAddress.get(address) ?? 0) >= this.limits.perAddress ? 'address' : null;
    if (reason) this.refuse(res, reason, address);
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const stream: Open = {
      session, address, res, lastEvent: this.now(),
      send: (chunk) => {
        stream.lastEvent = this.now();
        res.write(chunk);
      },
      end: () => res.end(),
    };
    this.open.add(stream);
    bump(this.bySession, session, 1);
    bump(this.byAddress, address, 1);
    this.metrics.openStreams.set(this.open.size);
    res.once('close', () => this.release(stream));
    return stream;
  }

  /** A stream refused without being opened: by the caller's own rule (e.g. not an issued session). */
  refuse(res: ServerResponse, reason: string, address: string, status = reason === 'overall' ? 503 : 429): never {
    this.metrics.streamRefusals.inc({ reason });
    this.refusedSinceLog += 1;
    const now = this.now();
    if (now - this.lastLog >= LOG_EVERY_MS) {
      this.log.warn({ reason, address, refused: this.refusedSinceLog, open: this.open.size }, 'event streams refused');
      this.lastLog = now;
      this.refusedSinceLog = 0;
    }
    // Close the connection with the answer, so a refused client holds no socket on our side.
    res.setHeader('connection', 'close');
    if (status === 503 || status === 429) res.setHeader('retry-after', '30');
    throw new HttpError(status, reason === 'overall' ? 'the server has too many open event streams: retry later'
      : reason === 'session' || reason === 'address' ? `too many open event streams for this ${reason}` : reason);
  }

  /** Open streams against the overall cap, for /healthz. */
  health(): { open: number; max: number; degraded: boolean } {
    return { open: this.open.size, max: this.limits.max, degraded: this.open.size >= this.limits.max * DEGRADED_AT };
  }

  /** Close every stream and stop the timer (shutdown). */
  close(): void {
    clearInterval(this.timer);
    for (const stream of this.open) stream.end();
  }

  private release(stream: Open): void {
    if (!this.open.delete(stream)) return;
    bump(this.bySession, stream.session, -1);
    bump(this.byAddress, stream.address, -1);
    this.metrics.openStreams.set(this.open.size);
  }

  private tick(): void {
    const now = this.now();
    for (const stream of this.open) {
      if (now - stream.lastEvent >= this.limits.idleMs) stream.end();
      else stream.res.write(': ping\n\n');
    }
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}
