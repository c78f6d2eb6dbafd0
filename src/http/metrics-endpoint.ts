import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { Metrics } from '../metrics';
import { HttpError, sendAsset, sendJson } from './body';
import type { RouteHandler } from './router';
import { applyTimeouts } from './server';

/** GET /metrics (Prometheus text); with `token`, only for `Authorization: Bearer <token>`. */
export function metricsRoute(metrics: Metrics, token: string | undefined): RouteHandler {
  return async (req, res) => {
    if (token !== undefined && !bearerMatches(String(req.headers.authorization ?? ''), token)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      throw new HttpError(401, 'send Authorization: Bearer <METRICS_TOKEN>');
    }
    sendAsset(res, metrics.registry.contentType, await metrics.registry.metrics());
  };
}

/** Whether an Authorization header carries `Bearer <token>` (compared in constant time). */
export function bearerMatches(header: string, token: string): boolean {
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A separate listener that serves only /metrics (METRICS_PORT), e.g. on an internal interface. */
export async function startMetricsServer(route: RouteHandler, port: number, host: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendJson(res, 404, { error: 'only GET /metrics here' });
    }
    Promise.resolve(route(req, res, {})).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      const status = error instanceof HttpError ? error.status : 500;
      sendJson(res, status, { error: status >= 500 ? 'internal error' : (error as Error).message });
    });
  });
  applyTimeouts(server, 60_000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
