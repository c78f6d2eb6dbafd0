import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A ticket as the stand-in keeps it. */
export type StandinTicket = { id: number; title: string; group: string; customer_id: string; state: string; priority: string; articles: { body: string; internal: boolean; subject?: string }[] };

/**
 * A local stand-in of Zammad's REST API (the part the bridge uses): token auth, POST /api/v1/tickets with
 * its first article, PUT /api/v1/tickets/:id, POST /api/v1/ticket_articles. `down` answers 503 to all.
 */
export async function startZammadStandin(token: string) {
  const tickets = new Map<number, StandinTicket>();
  const state = { down: false, requests: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const reply = (status: number, body?: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
      if (state.down) return reply(503, { error: 'maintenance' });
      if (req.headers.authorization !== `Token token=${token}`) return reply(401, { error: 'authentication failed' });
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const url = req.url ?? '';
      if (req.method === 'POST' && url === '/api/v1/tickets') {
        if (!body.title || !body.group || !body.customer_id || !body.article?.body) return reply(422, { error: 'title, group, customer_id and article are required' });
        const id = tickets.size + 1;
        tickets.set(id, { id, title: body.title, group: body.group, customer_id: body.customer_id, state: body.state ?? 'new', priority: body.priority ?? '2 normal', articles: [{ body: body.article.body, internal: Boolean(body.article.internal) }] });
        return reply(201, { id, number: String(31000 + id), title: body.title });
      }
      const put = /^\/api\/v1\/tickets\/(\d+)$/.exec(url);
      if (req.method === 'PUT' && put) {
        const ticket = tickets.get(Number(put[1]));
        if (!ticket) return reply(404, { error: 'not found' });
        if (body.state) ticket.state = body.state;
        if (body.priority) ticket.priority = body.priority;
        return reply(200, { id: ticket.id, state: ticket.state });
      }
      if (req.method === 'POST' && url === '/api/v1/ticket_articles') {
        const ticket = tickets.get(Number(body.ticket_id));
        if (!ticket) return reply(422, { error: 'ticket_id unknown' });
        ticket.articles.push({ body: body.body, internal: Boolean(body.internal), subject: body.subject });
        return reply(201, { id: ticket.articles.length, ticket_id: ticket.id });
      }
      reply(404, { error: 'no route' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tickets,
    state,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
