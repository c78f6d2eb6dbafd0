import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS, sendBusy } from '../../src/http/body';
import { pathOf } from '../../src/http/server';

describe('the cheap refusal path', () => {
  test('pathOf gives the same path as the URL parser for every kind of request target', () => {
    const targets = [
      '/', '/api/chat/messages', '/webchat.js', '/api/tickets/INC-000001', '/a/b/', '/x?y=1&z=/../', '/a..b/c.',
      // These take the parser: dot segments, empty segments, escapes, backslashes, fragments, asterisk form.
      '/a/../b', '/./x', '/a/.', '//evil.example/x', '/a%2e%2e/b', '/a%20b', '/a\\b', '/a#b', '/.well-known/x', '*', '',
    ];
    for (const target of targets) expect([target, pathOf(target)]).toEqual([target, new URL(target || '/', 'http://localhost').pathname]);
  });

  test('sendBusy answers 503 with Retry-After, the security headers and a JSON reason, one after another (each Retry-After its own)', async () => {
    let retry = 7;
    const server = http.createServer((req, res) => sendBusy(req, res, retry++ % 2 ? 7 : 12));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      for (const expected of [7, 12, 7]) {
        const res = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'x' }), headers: { 'content-type': 'application/json' } });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe(String(expected));
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name)).toBe(value);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(await res.json()).toEqual({ error: `the service desk is busy: retry after ${expected} s` });
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
