import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodType } from 'zod';
import { HttpRouter, type RouteHandler } from '../http/router';
import { SECURITY_HEADERS, decodeUtf8, readBody, sendJson } from '../http/body';
import { clientOf } from '../http/client-address';
import { RateLimiter, type BucketOptions } from '../http/rate-limit';
import type { Logger } from '../log';
import type { ApiRoute } from './api-routes';
import type { ApiStore } from './api-store';
import { ApiTokens, type ApiToken } from './api-tokens';
import { Idempotency } from './idempotency';
import { openApiDocument } from './openapi';
import { ApiProblem, problemJson, problemOf, sendProblem } from './problem';
import { apiAgent } from './ticket-writes';

/** Where the API lives. */
export const API_PREFIX = '/api/v1';

/** Settings of the API server: the API store (tokens, idempotency, audit), per-token rate limit, clock, public URL. */
export type ApiServerOptions = { api: ApiStore; log: Logger; clock: () => Date; rate: BucketOptions; publicUrl: string };

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) => error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

function parse<T>(schema: ZodType<T> | undefined, value: unknown, status: number, what: string): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = issues(result.error);
  throw new ApiProblem(status, 'invalid-input', `${what}: ${errors.map((e) => `${e.path || what}: ${e.message}`).join('; ')}`, { errors });
}

/**
 * Mount /api/v1 on the main router: one prefix route per method, then our own routing, so every answer,
 * a 404 or 405 included, is problem+json. Order per request: token, rate limit, route, scope, input,
 * Idempotency-Key (POST), handler. Every call is recorded in `api_calls` with its token and status.
 */
export function mountApi(router: HttpRouter, routes: ApiRoute[], options: ApiServerOptions): { tokens: ApiTokens } {
  const { api, log, clock } = options;
  const tokens = new ApiTokens(api);
  const idempotency = new Idempotency(api);
  const limiter = new RateLimiter(options.rate);
  const inner = new HttpRouter();
  // The inner router finds the route; its handler is only a key to the route's definition.
  const byHandler = new Map<RouteHandler, ApiRoute>();
  for (const route of routes) {
    const key: RouteHandler = () => undefined;
    byHandler.set(key, route);
    inner.add(route.method, route.path.replace(/\{(\w+)\}/g, ':$1'), key);
  }
  let document: string | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const now = clock();
    let token: ApiToken | null = null;
    res.once('finish', () => {
      api.recordCall({ at: now.toISOString(), tokenName: token?.name ?? null, method: req.method ?? '', path: url.pathname.slice(0, 300), status: res.statusCode, client: clientOf(req).address })
        .catch((err) => log.warn({ err }, 'api call not recorded'));
    });
    try {
      if (path === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) {
        document ??= JSON.stringify(openApiDocument(routes, options.publicUrl));
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
        return void res.end(document);
      }
      token = await authenticate(req, now);
      const decision = limiter.take(`token:${token.id}`);
      if (!decision.ok) {
        res.setHeader('retry-after', String(decision.retryAfterSeconds));
        throw new ApiProblem(429, 'rate-limited', `token ${token.name} is over its rate limit: retry after ${decision.retryAfterSeconds} s`);
      }
      const match = inner.match(req.method ?? 'GET', path);
      if (match === null) throw new ApiProblem(404, 'no-such-endpoint', `no endpoint ${url.pathname}: see ${API_PREFIX}/openapi.json`);
      if (match === 'method_not_allowed') throw new ApiProblem(405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}`);
      const route = byHandler.get(match.handler) as ApiRoute;
      if (!token.scopes.includes(route.scope)) throw new ApiProblem(403, 'insufficient-scope', `this token lacks the ${route.scope} scope`, { requiredScope: route.scope });
      const params = parse(route.params, match.params, 404, 'path') as Record<string, string>;
      const query = parse(route.query, Object.fromEntries(url.searchParams), 400, 'query');
      const raw = route.body ? await readBody(req) : Buffer.alloc(0);
      const body = route.body ? parse(route.body, readJsonBody(req, raw), 422, 'body') : undefined;
      const key = req.method === 'POST' ? req.headers['idempotency-key'] : undefined;
      if (typeof key === 'string') {
        const start = await idempotency.start(token.id, key, req.method ?? '', url.pathname, raw, now);
        if (start.kind === 'replay') {
          res.setHeader('idempotent-replayed', 'true');
          res.writeHead(start.status, { ...SECURITY_HEADERS, 'content-type': start.status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8' });
          return void res.end(start.body);
        }
        const scopes = token.scopes;
        const tokenName = token.name;
        try {
          const value = await route.handle({ params, query, body, scopes, agent: (name) => apiAgent(tokenName, name), now });
          const text = JSON.stringify(value);
          await idempotency.finish(token.id, key, route.status, text);
          return void sendJson(res, route.status, value);
        } catch (error) {
          const problem = problemOf(error);
          if (problem.status >= 500) await idempotency.abandon(token.id, key).catch((err) => log.warn({ err }, 'idempotency key not released'));
          else await idempotency.finish(token.id, key, problem.status, problemJson(problem, url.pathname));
          throw error;
        }
      }
      const tokenName = token.name;
      const value = await route.handle({ params, query, body, scopes: token.scopes, agent: (name) => apiAgent(tokenName, name), now });
      sendJson(res, route.status, value);
    } catch (error) {
      const problem = problemOf(error);
      if (problem.status >= 500 && !(error instanceof ApiProblem)) log.error({ err: error, path: url.pathname }, 'api request failed');
      else log.warn({ status: problem.status, path: url.pathname, apiClient: token?.name ?? null, reason: problem.message }, 'api request refused');
      if (res.headersSent) return void res.destroy();
      req.resume();
      sendProblem(res, problem, url.pathname);
    }
  };

  async function authenticate(req: IncomingMessage, now: Date): Promise<ApiToken> {
    const header = String(req.headers.authorization ?? '');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match ? await tokens.verify(match[1], now) : null;
    if (!found) throw new ApiProblem(401, 'unauthorized', match ? 'the token is unknown, revoked or expired' : 'send Authorization: Bearer <token> (frontdesk tokens add)');
    return found;
  }

  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) router.add(method, `${API_PREFIX}/*`, handle);
  return { tokens };
}

function readJsonBody(req: IncomingMessage, raw: Buffer): unknown {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new ApiProblem(415, 'unsupported-media-type', 'send Content-Type: application/json');
  try {
    return JSON.parse(decodeUtf8(raw));
  } catch (error) {
    if (error instanceof ApiProblem) throw error;
    throw new ApiProblem(400, 'invalid-json', 'the body is not valid JSON');
  }
}
