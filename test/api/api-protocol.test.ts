import { spawnSync } from 'node:child_process';
import { seedTickets } from '../../src/bench/seed-tickets';
import { chatSession } from '../helpers/sse';
import { expectProblem, startApiApp } from './helpers';

describe('REST API protocol: problem+json, Idempotency-Key, rate limits, paging, OpenAPI', () => {
  let t: Awaited<ReturnType<typeof startApiApp>>;
  let number: string;
  beforeAll(async () => {
    t = await startApiApp({ API_RATE_LIMIT_PER_TOKEN: '1000/1000' });
    const chat = await chatSession(t.url);
    await chat.post('The VPN is down for our whole team');
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    number = (t.app.sqliteStore().db.prepare('SELECT number FROM tickets').get() as { number: string }).number;
  });
  afterAll(() => t.stop());

  test('every error is RFC 9457 problem+json', async () => {
    const tok = t.token();
    const revoked = await t.token(['tickets:read'], 'gone');
    await t.app.api.tokens.revoke('gone', new Date());
    const expired = t.token(['tickets:read'], 'old', 1);
    await new Promise((r) => setTimeout(r, 5));
    await expectProblem(await t.call(null, 'GET', '/tickets'), 401);
    await expectProblem(await t.call('fdk_not-a-token', 'GET', '/tickets'), 401);
    await expectProblem(await t.call(revoked, 'GET', '/tickets'), 401);
    await expectProblem(await t.call(expired, 'GET', '/tickets'), 401);
    await expectProblem(await t.call(tok, 'GET', '/nothing-here'), 404);
    await expectProblem(await t.call(tok, 'DELETE', '/tickets'), 405);
    await expectProblem(await t.call(tok, 'GET', '/tickets/INC-999999'), 404);
    await expectProblem(await t.call(tok, 'GET', '/conversations/abc'), 404);
    await expectProblem(await t.call(tok, 'GET', '/tickets?status=bogus'), 400);
    await expectProblem(await t.call(tok, 'GET', '/tickets?colour=red'), 400);
    await expectProblem(await t.call(tok, 'GET', '/tickets?cursor=%%%'), 400);
    await expectProblem(await t.call(tok, 'GET', '/kpis?from=yesterday-ish'), 422);
    await expectProblem(await t.call(tok, 'POST', `/tickets/${number}/comments`, 'text=hi', { 'content-type': 'text/plain' }), 415);
    await expectProblem(await t.call(tok, 'POST', `/tickets/${number}/comments`, '{"text":'), 400);
    const invalid = await expectProblem(await t.call(tok, 'PATCH', `/tickets/${number}`, { status: 'resolved' }), 422);
    expect(invalid.errors).toEqual([expect.objectContaining({ path: 'status' })]);
    await expectProblem(await t.call(tok, 'PATCH', `/tickets/${number}`, {}), 422);
    await expectProblem(await t.call(tok, 'PATCH', `/tickets/${number}`, { assignee: 'nobody' }), 422);
    await expectProblem(await t.call(tok, 'POST', `/tickets/${number}/comments`, { text: 'x'.repeat(300 * 1024) }), 413);
    await expectProblem(await t.call(tok, 'POST', `/tickets/${number}/comments`, { text: 'hi' }, { 'idempotency-key': 'bad key with spaces' }), 400);
  });

  test('a closed ticket refuses changes with 409', async () => {
    const tok = t.token(['tickets:write']);
    const [id] = seedTickets(t.app.sqliteStore().db, 1);
    const closed = String((t.app.sqliteStore().db.prepare('SELECT number FROM tickets WHERE id = ?').get(id) as { number: string }).number);
    t.app.sqliteStore().db.prepare("UPDATE tickets SET status = 'closed' WHERE id = ?").run(id);
    await expectProblem(await t.call(tok, 'PATCH', `/tickets/${closed}`, { priority: 'P1' }), 409);
  });

  test('Idempotency-Key: a replay returns the first answer and writes nothing; another body under the same key is 422', async () => {
    const tok = t.token(['tickets:write']);
    const ticketId = (await t.app.store.getTicketByNumber(number))!.id;
    const count = () => t.app.sqliteStore().db.prepare("SELECT count(*) AS n FROM ticket_events WHERE ticket_id = ? AND kind = 'internal_note'").get(ticketId) as { n: number };
    const before = count().n;
    const first = await t.call(tok, 'POST', `/tickets/${number}/comments`, { text: 'Checked the logs', internal: true }, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    const again = await t.call(tok, 'POST', `/tickets/${number}/comments`, { text: 'Checked the logs', internal: true }, { 'idempotency-key': 'k-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstBody);
    expect(count().n).toBe(before + 1);
    await expectProblem(await t.call(tok, 'POST', `/tickets/${number}/comments`, { text: 'Something else', internal: true }, { 'idempotency-key': 'k-1' }), 422);
    // Keys belong to their token: another token's same key is a new request.
    expect((await t.call(t.token(['tickets:write']), 'POST', `/tickets/${number}/comments`, { text: 'Checked the logs', internal: true }, { 'idempotency-key': 'k-1' })).status).toBe(201);
    expect(count().n).toBe(before + 2);
    // A refused first answer is replayed too (the same 404, not a second attempt).
    const missing = await t.call(tok, 'POST', '/tickets/INC-999999/comments', { text: 'x' }, { 'idempotency-key': 'k-2' });
    await expectProblem(missing, 404);
    const missingAgain = await t.call(tok, 'POST', '/tickets/INC-999999/comments', { text: 'x' }, { 'idempotency-key': 'k-2' });
    expect(missingAgain.headers.get('idempotent-replayed')).toBe('true');
    await expectProblem(missingAgain, 404);
  });

  test('pagination is stable while tickets are created concurrently: every ticket once, none skipped', async () => {
    const tok = t.token(['tickets:read']);
    seedTickets(t.app.sqliteStore().db, 95);
    const numberOf = (id: number) => (t.app.sqliteStore().db.prepare('SELECT number FROM tickets WHERE id = ?').get(id) as { number: string }).number;
    // Other writers create tickets all along: a timer between requests, and the chat through the engine.
    const writer = setInterval(() => seedTickets(t.app.sqliteStore().db, 2), 2);
    const seen: { number: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    try {
      do {
        const res: Response = await t.call(tok, 'GET', `/tickets?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        const page = (await res.json()) as { data: { number: string }[]; nextCursor: string | null };
        seen.push(...page.data);
        cursor = page.nextCursor;
        seedTickets(t.app.sqliteStore().db, 3);
        if (pages++ === 2) {
          const chat = await chatSession(t.url);
          await chat.post('Printer on floor 3 is offline for everyone');
          await t.app.engine.idle();
        }
      } while (cursor);
    } finally {
      clearInterval(writer);
    }
    // Every ticket that existed when the first page was read appears exactly once, newest first; nothing is skipped.
    const firstId = (t.app.sqliteStore().db.prepare('SELECT id FROM tickets WHERE number = ?').get(seen[0].number) as { id: number }).id;
    const expected = (t.app.sqliteStore().db.prepare('SELECT id FROM tickets WHERE id <= ? ORDER BY id DESC').all(firstId) as { id: number }[]).map((r) => numberOf(r.id));
    expect(seen.map((s) => s.number)).toEqual(expected);
    const total = (t.app.sqliteStore().db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    expect(total).toBeGreaterThan(expected.length + 40);
    expect(pages).toBeGreaterThan(13);
    // A bad cursor or a time that is no time: a 400 problem, the same on both databases.
    expect((await expectProblem(await t.call(tok, 'GET', '/tickets?cursor=nonsense'), 400)).type).toBe('urn:frontdesk:problem:bad-cursor');
    expect((await expectProblem(await t.call(tok, 'GET', '/tickets?updatedSince=last%20week'), 400)).type).toBe('urn:frontdesk:problem:bad-updated-since');
    const since = (await (await t.call(tok, 'GET', `/tickets?limit=1&updatedSince=${encodeURIComponent('2000-01-01')}`)).json()) as { data: unknown[] };
    expect(since.data).toHaveLength(1);
  });

  test('rate limit per token: 429 problem with Retry-After; another token is unaffected', async () => {
    const limited = await startApiApp({ API_RATE_LIMIT_PER_TOKEN: '3/0.1' });
    try {
      const tok = limited.token(['kb:read']);
      for (let i = 0; i < 3; i++) expect((await limited.call(tok, 'GET', '/kb/articles?q=vpn')).status).toBe(200);
      const refused = await limited.call(tok, 'GET', '/kb/articles?q=vpn');
      await expectProblem(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await limited.call(limited.token(['kb:read']), 'GET', '/kb/articles?q=vpn')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  test('the OpenAPI 3.1 document is generated from the handlers\' schemas and passes the real validator', async () => {
    const res = await fetch(`${t.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/broadcasts', '/conversations/{id}', '/incidents', '/incidents/{number}', '/kb/articles', '/kb/articles/{id}', '/kpis',
      '/tickets', '/tickets/{number}', '/tickets/{number}/comments', '/tickets/{number}/resolve',
    ]);
    expect(doc.paths['/tickets'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TicketCreate' });
    expect(doc.components.schemas.TicketUpdate.properties.status.enum).toEqual(['open', 'pending_user', 'in_progress', 'escalated', 'closed']);
    // The validator is an ES module: run it in its own Node process on the served document.
    const script = "import { Validator } from '@seriousme/openapi-schema-validator'; let s=''; process.stdin.on('data', (c) => s += c); process.stdin.on('end', async () => { const r = await new Validator().validate(JSON.parse(s)); console.log(JSON.stringify({ valid: r.valid, version: new Validator().version, errors: r.errors })); });";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(doc), cwd: process.cwd(), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const verdict = JSON.parse(run.stdout);
    expect(verdict).toEqual(expect.objectContaining({ valid: true }));
  });
});
