import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { errorCode } from '../errors';
import { HttpError, sendJson } from './body';
import { sendErrorPage, wantsHtml } from './page-assets';
import type { IngressGate } from './ingress-gate';
import type { HttpRouter } from './router';
import { attachClient, clientOf, resolveClient, type TrustProxy } from './client-address';

/** Settings of the main server: which proxies to believe, HSTS, and how long a silent socket may live. */
export type HttpServerOptions = { trustProxy?: TrustProxy; hsts?: boolean; idleSocketMs?: number };

/**
 * Timeouts that free the sockets of slow or silent clients: headers within 10 s, the whole request within
 * 30 s, an idle keep-alive connection after 5 s, and any socket with no traffic either way after
 * `idleSocketMs` (event streams send keep-alive comments well within it).
 */
export function applyTimeouts(server: http.Server, idleSocketMs: number): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.timeout = idleSocketMs;
  server.on('timeout', closeIfStillIdle);
}

/**
 * Close a socket whose idle time ran out, unless it has just received something. After a stall of the event
 * loop (a long collection, a slow synchronous step) the timers run before pending input is read, so a kept-alive
 * connection's timer fires while the request the client sent in time waits unread; closing then would reset that
 * request. The check runs once the waiting input has been read: a socket that received nothing meanwhile is idle.
 */
function closeIfStillIdle(socket: Socket): void {
  const received = socket.bytesRead;
  setImmediate(() => {
    if (socket.bytesRead === received) socket.destroy();
  });
}

/** A path of plain segments: no dot segments, no empty segment, no escapes, nothing a URL parser would change. */
const PLAIN_PATH = /^(?:\/[\w~-][\w.~-]*)*\/?$/;

/**
 * The request target's path as the WHATWG URL parser gives it. Plain paths (every API call) skip the parser:
 * under overload most requests are refused right after routing, and parsing a URL was a sixth of a refusal's
 * JavaScript. Anything else (dot segments, `//`, escapes, a fragment) goes through `new URL` as before.
 */
export function pathOf(target: string): string {
  const query = target.indexOf('?');
  const path = query < 0 ? target : target.slice(0, query);
  return path !== '' && PLAIN_PATH.test(path) ? path : new URL(target, 'http://localhost').pathname;
}

/**
 * The main HTTP server: routes, error mapping (4xx for bad input, 500 logged), connection tracking for shutdown.
 * Requests that bring something in (webhooks, chat posts, agent actions: not GET or HEAD, which include the
 * never-ending event streams) are reported to the ingress gate, which holds background work back until a
 * burst of them is answered.
 */
export function createHttpServer(
  router: HttpRouter, log: Logger, metrics: Metrics, ingress: Pick<IngressGate, 'arrived'>, options: HttpServerOptions = {},
) {
  const trust = options.trustProxy ?? { kind: 'none' };
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.once('close', ingress.arrived());
    attachClient(req, resolveClient(req, trust));
    // Browsers that once reached us over HTTPS never fall back to plain HTTP (no cookie theft by downgrade).
    if (options.hsts) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    void handle(req, res);
  });
  applyTimeouts(server, options.idleSocketMs ?? 60_000);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const pathname = pathOf(req.url ?? '/');
    const match = router.match(req.method ?? 'GET', pathname);
    res.on('finish', () => metrics.httpRequests.inc({ status: `${Math.floor(res.statusCode / 100)}xx` }));
    try {
      if (match === null) throw new HttpError(404, `no route for ${pathname}`);
      if (match === 'method_not_allowed') throw new HttpError(405, `${req.method} not allowed on ${pathname}`);
      await match.handler(req, res, match.params);
    } catch (error) {
      respondWithError(req, res, pathname, error);
    }
  }

  function respondWithError(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, error: unknown): void {
    const status = error instanceof HttpError ? error.status : 500;
    // A deliberate 503 (load shed, stream cap) is a refusal with a reason, not a failure.
    const failed = status >= 500 && !(error instanceof HttpError);
    if (failed) log.error({ err: error, code: errorCode(error), path: pathname }, 'request failed');
    // The client address as TRUST_PROXY resolved it: behind a proxy, the user's, not the proxy's.
    else log.warn({ status, path: pathname, client: clientOf(req).address, reason: (error as Error).message }, 'request refused');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    req.resume();
    if (wantsHtml(req, pathname)) return sendErrorPage(res, status);
    sendJson(res, status, { error: failed ? 'internal error' : (error as Error).message });
  }

  return {
    server,
    async listen(port: number, host: string): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      return (server.address() as AddressInfo).port;
    },
    /** Stop accepting connections; open streams (SSE) are closed so close() can finish. */
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2000).unref();
      await closed;
    },
  };
}
