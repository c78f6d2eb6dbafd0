import type { ApiScope } from '../../src/api/scopes';
import { API_SCOPES } from '../../src/api/scopes';
import { startConsoleApp } from '../console/helpers';

/** A console app (web chat, agents, P2 network incidents) with the API; tokens made through the app's own token store. */
export async function startApiApp(env: Record<string, string> = {}) {
  const t = await startConsoleApp({ value: 0 }, env);
  const tokens = t.app.api.tokens;
  let n = 0;
  /** A token with these scopes (all of them by default). */
  const token = async (scopes: readonly ApiScope[] = API_SCOPES, name = `t${++n}`, expiresInMs?: number) => (await tokens.add(name, [...scopes], new Date(), expiresInMs)).token;
  /** Call /api/v1 with a token (or its promise from `token`). */
  const call = async (pending: string | Promise<string> | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const tok = await pending;
    return fetch(`${t.url}/api/v1${path}`, {
      method,
      headers: { ...(tok ? { authorization: `Bearer ${tok}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  };
  return { ...t, token, call };
}

/** Expect an RFC 9457 problem with this status; returns its body. */
export async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toEqual(expect.objectContaining({ type: expect.stringMatching(/^urn:frontdesk:problem:/), title: expect.any(String), status, detail: expect.any(String) }));
  return body;
}
