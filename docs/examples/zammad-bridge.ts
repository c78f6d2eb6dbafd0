/**
 * Example: mirror Frontdesk tickets into Zammad through Frontdesk's signed webhooks, and send Zammad
 * agents' public replies back to the user through Frontdesk's REST API. See docs/itsm-bridge.md.
 * Plain Node (http, fetch) plus the `standardwebhooks` package to check signatures; run it anywhere that
 * both Frontdesk and Zammad can reach.
 */
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

/** Where things are and the secrets to reach them (from the environment in a real deployment). */
export type ZammadBridgeOptions = {
  /** The subscription's signing secret, printed by `frontdesk webhooks add`. */
  webhookSecret: string;
  /** Zammad's base URL and an API token (Profile → Token Access) with ticket.agent rights. */
  zammadUrl: string;
  zammadToken: string;
  /** Zammad group new tickets go to, and the customer used when the requester has no e-mail. */
  zammadGroup: string;
  fallbackCustomer: string;
  /** Frontdesk's base URL and a token with tickets:write (for replies from Zammad). */
  frontdeskUrl: string;
  frontdeskToken: string;
  /** Frontdesk number ↔ Zammad ticket id; a Map by default (use a small table in production). */
  links?: Map<string, number>;
};

type FrontdeskTicket = { number: string; summary: string; description: string; status: string; priority: string; requester?: { email: string | null; name: string | null } };
type FrontdeskEvent = { type: string; data: { ticket?: FrontdeskTicket; change?: { kind: string; actor: string; text?: string | null; resolution?: string | null } } };

/** Frontdesk status → Zammad state (Zammad has no "resolved": it waits in "pending close" for the user's answer). */
const STATES: Record<string, string> = {
  new: 'new', open: 'open', escalated: 'open', in_progress: 'open', pending_user: 'pending reminder', reopened: 'open', resolved: 'pending close', closed: 'closed',
};
/** Frontdesk priority → Zammad's default priorities. */
const PRIORITIES: Record<string, string> = { P1: '3 high', P2: '3 high', P3: '2 normal', P4: '1 low', P5: '1 low' };

/** The bridge: `handle` is a Node request handler for POST /frontdesk (our webhooks) and POST /zammad (Zammad's trigger). */
export function createZammadBridge(o: ZammadBridgeOptions) {
  const links = o.links ?? new Map<string, number>();
  const seen = new Set<string>();
  const verifier = new Webhook(o.webhookSecret);

  const zammad = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${o.zammadUrl}/api/v1${path}`, {
      method, headers: { authorization: `Token token=${o.zammadToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Zammad ${method} ${path} answered ${res.status}`);
    return res.json() as Promise<{ id: number }>;
  };

  // Every payload carries the ticket as it is now, so a ticket missed earlier is created on its first event.
  const ensure = async (t: FrontdeskTicket): Promise<number> => {
    const known = links.get(t.number);
    if (known !== undefined) return known;
    const created = await zammad('POST', '/tickets', {
      title: `[${t.number}] ${t.summary}`, group: o.zammadGroup, customer_id: `guess:${t.requester?.email ?? o.fallbackCustomer}`,
      state: STATES[t.status] ?? 'open', priority: PRIORITIES[t.priority] ?? '2 normal',
      article: { subject: t.summary, body: t.description || t.summary, type: 'note', internal: false },
    });
    links.set(t.number, created.id);
    return created.id;
  };

  const fromFrontdesk = async (event: FrontdeskEvent): Promise<void> => {
    const t = event.data.ticket;
    if (!t) return;
    const id = await ensure(t);
    const change = event.data.change;
    if (event.type === 'ticket.commented' && change?.text && !change.actor.startsWith('agent:api:')) {
      // Replies sent from Zammad come back as comments by our own token: not mirrored twice.
      await zammad('POST', '/ticket_articles', { ticket_id: id, body: change.text, type: 'note', internal: false, subject: change.actor === 'requester' || change.actor.startsWith('user:') ? 'From the user' : 'From the service desk' });
    }
    if (event.type === 'ticket.resolved' && change?.resolution) {
      await zammad('POST', '/ticket_articles', { ticket_id: id, body: `Resolved: ${change.resolution}`, type: 'note', internal: true });
    }
    await zammad('PUT', `/tickets/${id}`, { state: STATES[t.status] ?? 'open', priority: PRIORITIES[t.priority] ?? '2 normal' });
  };

  // Zammad trigger "public article created by an agent" → a comment the user receives on their channel.
  const fromZammad = async (body: { ticket: { id: number }; article: { id: number; body: string; internal: boolean; sender: string; from?: string } }): Promise<void> => {
    if (body.article.internal || body.article.sender !== 'Agent') return;
    const number = [...links].find(([, id]) => id === body.ticket.id)?.[0];
    if (!number) return;
    const res = await fetch(`${o.frontdeskUrl}/api/v1/tickets/${number}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${o.frontdeskToken}`, 'content-type': 'application/json', 'idempotency-key': `zammad-article-${body.article.id}` },
      body: JSON.stringify({ text: body.article.body, ...(body.article.from ? { author: body.article.from } : {}) }),
    });
    if (!res.ok) throw new Error(`Frontdesk answered ${res.status}`);
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      void (async () => {
        try {
          if (req.url === '/frontdesk') {
            let event: FrontdeskEvent;
            try {
              event = verifier.verify(raw, req.headers as Record<string, string>) as FrontdeskEvent;
            } catch {
              return void res.writeHead(401).end();
            }
            const id = String(req.headers['webhook-id']);
            // Frontdesk retries until it gets a 2xx: a redelivered event is acknowledged, not applied twice.
            if (!seen.has(id)) await fromFrontdesk(event);
            seen.add(id);
            return void res.writeHead(204).end();
          }
          if (req.url === '/zammad') {
            await fromZammad(JSON.parse(raw));
            return void res.writeHead(204).end();
          }
          res.writeHead(404).end();
        } catch {
          // Zammad or Frontdesk is unreachable: a 502 makes Frontdesk retry this event (and hold the later ones).
          res.writeHead(502).end();
        }
      })();
    });
  };
  return { handle, links };
}
