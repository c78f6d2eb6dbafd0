import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createZammadBridge } from '../../docs/examples/zammad-bridge';
import { Subscriptions } from '../../src/webhooks/subscriptions';
import { botMessages, loginAs } from '../console/helpers';
import { chatSession } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { startApiApp } from '../api/helpers';
import { startZammadStandin } from './zammad-standin';

describe('docs/examples/zammad-bridge.ts against a Zammad REST stand-in', () => {
  test('tickets are mirrored into Zammad through the webhooks; a Zammad agent\'s reply reaches the user; Zammad down is caught up in order', async () => {
    const t = await startApiApp({ WEBHOOK_BASE_DELAY_MS: '40', WEBHOOK_MAX_ATTEMPTS: '50' });
    const zammad = await startZammadStandin('zm-token');
    const subs = new Subscriptions(t.app.webhookStore);
    const bridgeServer = http.createServer((req, res) => bridge.handle(req, res));
    await new Promise<void>((r) => bridgeServer.listen(0, '127.0.0.1', r));
    const bridgeUrl = `http://127.0.0.1:${(bridgeServer.address() as AddressInfo).port}`;
    const sub = await subs.add(`${bridgeUrl}/frontdesk`, ['ticket.created', 'ticket.updated', 'ticket.commented', 'ticket.resolved', 'ticket.closed'],
      ['tickets:read', 'people:read', 'conversations:read'], new Date());
    const bridge = createZammadBridge({
      webhookSecret: sub.secret, zammadUrl: zammad.url, zammadToken: 'zm-token', zammadGroup: 'Users', fallbackCustomer: 'helpdesk@example.org',
      frontdeskUrl: t.url, frontdeskToken: await t.token(['tickets:write'], 'zammad-bridge'),
    });
    try {
      const chat = await chatSession(t.url);
      const stream = chat.events();
      await stream.opened;
      await chat.post('The VPN is down for our whole team');
      await t.app.engine.idle();
      const number = (t.app.sqliteStore().db.prepare('SELECT number FROM tickets').get() as { number: string }).number;
      const mirrored = await waitFor(() => zammad.tickets.get(1), 5000, 'Zammad ticket');
      expect(mirrored).toEqual(expect.objectContaining({ title: expect.stringMatching(new RegExp(`^\\[${number}\\] .*VPN`)), group: 'Users', customer_id: 'guess:helpdesk@example.org', priority: '3 high' }));

      // The user writes more while Zammad is down: Frontdesk keeps retrying, in order, until it is back.
      zammad.state.down = true;
      const root = await loginAs(t.url, 'root');
      await root.act(number, 'takeover');
      await chat.post('It started after the Windows update');
      await t.app.engine.idle();
      await waitFor(() => (t.app.sqliteStore().db.prepare("SELECT max(attempts) AS n FROM webhook_deliveries WHERE status = 'pending'").get() as { n: number }).n >= 2, 5000, 'retries');
      zammad.state.down = false;
      await waitFor(() => mirrored.articles.some((a) => a.body === 'It started after the Windows update'), 8000, 'user comment mirrored');
      expect(mirrored.state).toBe('open');

      // A Zammad agent answers publicly: Zammad's trigger calls the bridge, the user gets it on the web chat.
      const before = botMessages(stream.events).length;
      const trigger = { ticket: { id: 1 }, article: { id: 77, body: 'Please reconnect now, the tunnel was reset.', internal: false, sender: 'Agent', from: 'Sam Zammad' } };
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${bridgeUrl}/zammad`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(trigger) });
        expect(res.status).toBe(204);
      }
      await waitFor(() => botMessages(stream.events).length > before, 5000, 'reply on the web chat');
      await new Promise((r) => setTimeout(r, 300));
      // Sent twice by Zammad, delivered once (Idempotency-Key), and not mirrored back into Zammad.
      expect(botMessages(stream.events).slice(before).map((m) => m.text)).toEqual(['**Sam Zammad**: Please reconnect now, the tunnel was reset.']);
      expect(mirrored.articles.filter((a) => a.body.includes('tunnel was reset'))).toHaveLength(0);

      // Resolved in Frontdesk: Zammad waits in "pending close" with the resolution as an internal note.
      await root.act(number, 'resolve', { resolution: 'Gateway session reset' });
      await waitFor(() => mirrored.state === 'pending close', 5000, 'pending close');
      expect(mirrored.articles).toEqual(expect.arrayContaining([{ body: 'Resolved: Gateway session reset', internal: true, subject: undefined }]));

      // A forged call to the bridge is refused.
      const forged = await fetch(`${bridgeUrl}/frontdesk`, { method: 'POST', headers: { 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' }, body: '{}' });
      expect(forged.status).toBe(401);
      stream.close();
    } finally {
      await new Promise<void>((r) => { bridgeServer.closeAllConnections(); bridgeServer.close(() => r()); });
      await zammad.close();
      await t.stop();
    }
  });
});
