import { seedTickets } from '../../src/bench/seed-tickets';
import { CONSOLE_SCRIPT_URL, consoleBootPage } from '../../src/console/console-boot';
import { WAITING, loginAs, startConsoleApp } from './helpers';

/** The JSON data block of a console page, parsed. */
const bootOf = (html: string) => JSON.parse(/<script type="application\/json" id="boot">([^<]*)<\/script>/.exec(html)![1]);

describe('the console page brings its first view (#21: first view under 300 ms with 10,000 open tickets)', () => {
  test('the only inline script is the JSON data block, and no text in it can end the block', () => {
    const html = consoleBootPage({ me: { agent: { id: 'a' } }, queue: { tickets: [{ summary: '</script><script>alert(1)</script> <!-- \u2028' }] } });
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toEqual(['<script type="application/json" id="boot">']);
    expect(html).toContain(`<script src="${CONSOLE_SCRIPT_URL}"></script>`);
    expect(bootOf(html).queue.tickets[0].summary).toBe('</script><script>alert(1)</script> <!-- \u2028');
  });

  describe('over HTTP', () => {
    let t: Awaited<ReturnType<typeof startConsoleApp>>;
    beforeAll(async () => {
      t = await startConsoleApp();
      seedTickets(t.app.sqliteStore().db, 120, new Date(), WAITING);
    });
    afterAll(() => t.stop());

    test('GET /console carries the session and the same first page as the queue API, and is never cached', async () => {
      const root = await loginAs(t.url, 'root');
      const res = await root.get('/console');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const boot = bootOf(await res.text());
      expect(boot.me).toMatchObject({ agent: { id: 'root', role: 'admin' }, csrfToken: root.csrfToken });
      const api = await (await root.get('/console/api/queue')).json();
      expect(boot.queue).toEqual(api);
      expect(boot.queue).toMatchObject({ total: 120, page: 1, pageSize: 50 });
      expect(boot.queue.tickets).toHaveLength(50);
    });

    test('the filters in the address shape the page it brings; bad ones leave it to the page to ask (and show the error)', async () => {
      const alice = await loginAs(t.url, 'alice');
      const boot = bootOf(await (await alice.get('/console?priority=P1&page=2&pageSize=10')).text());
      expect(boot.queue).toMatchObject({ page: 2, pageSize: 10 });
      expect(new Set(boot.queue.tickets.map((x: { priority: string }) => x.priority))).toEqual(new Set(['P1']));
      expect(boot.queue.tickets.every((x: { group: string }) => ['network', 'service-desk'].includes(x.group))).toBe(true);
      const ticketPage = bootOf(await (await alice.get('/console/tickets/INC-000001?status=bogus')).text());
      expect(ticketPage).toMatchObject({ me: { agent: { id: 'alice' } }, queue: null });
    });

    test('console.js: the versioned address is kept for good, the plain one revalidates, and a known ETag gets 304', async () => {
      const versioned = await fetch(`${t.url}${CONSOLE_SCRIPT_URL}`);
      expect(versioned.headers.get('cache-control')).toContain('immutable');
      const etag = versioned.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const plain = await fetch(`${t.url}/console/console.js`);
      expect(plain.headers.get('cache-control')).toBe('no-cache');
      expect(await plain.text()).toBe(await versioned.text());
      const again = await fetch(`${t.url}/console/console.js`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    });
  });
});
