import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { dmEvent } from './helpers/fixtures';
import { startSlackTestApp, storedInbound, type SlackTestApp } from './helpers/slack-test-app';
import { postEvent } from './helpers/signed-request';

describe('Socket Mode (app-level token configured)', () => {
  let wss: WebSocketServer;
  let socket: Promise<WebSocket>;
  let t: SlackTestApp;
  const received: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    // A local stand-in for Slack's Socket Mode endpoint: says hello, then records what the app sends.
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    socket = new Promise((resolve) => {
      wss.on('connection', (ws) => {
        ws.on('message', (data) => received.push(JSON.parse(String(data))));
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-test' }, connection_info: { app_id: 'A0FRONTDESK' } }));
        resolve(ws);
      });
    });
    const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=test`;
    t = await startSlackTestApp({ appToken: 'xapp-1-test' }, {}, (api) => {
      api.socketUrl = wsUrl;
    });
  });
  afterAll(async () => {
    await t.stop();
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('receives events over the WebSocket, acknowledges the envelope and answers through the Web API', async () => {
    // Arrange
    const ws = await socket;
    const envelope = { envelope_id: 'env-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: dmEvent('VPN is down for me', '1700003000.000100') };
    // Act
    ws.send(JSON.stringify(envelope));
    // Assert
    await t.api.waitFor(() => received.some((m) => m.envelope_id === 'env-1'));
    const reply = await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0ALICEDM'));
    expect(reply.token).toBe('xoxb-test-token');
    expect(t.api.callsOf('apps.connections.open')[0].token).toBe('xapp-1-test');
    expect(storedInbound(t.app)).toBe(1);
  });

  it('does not mount /slack/events in Socket Mode', async () => {
    expect((await postEvent(t.baseUrl, dmEvent('hello', '1700003001.000100'))).status).toBe(404);
  });
});
