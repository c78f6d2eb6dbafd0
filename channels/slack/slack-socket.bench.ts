import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { dialogEntries } from '../../dialogs';
import { createSlackChannel } from './slack.channel';

/** What a round of Slack's `disconnect` request cost: the gap until the new socket's hello, and what happened to the envelopes sent meanwhile. */
export type SocketHandoverFigures = {
  rounds: number;
  /** From sending `disconnect` on the old socket to the new socket's `hello` (Slack's answer to the new connection). */
  disconnect_to_hello_ms: { p50: number; max: number };
  /** Rounds in which the old socket was still open when the new one said hello (no moment without a connection). */
  overlapping_rounds: number;
  /** Envelopes Slack sent (each round: one on the old socket after `disconnect`, again on the new one, and one new one there). */
  envelopes_sent: number;
  /** Distinct envelopes acknowledged, and the messages stored for them (one per distinct envelope: none lost, none twice). */
  envelopes_acked: number;
  messages_stored: number;
};

const REASONS = ['refresh_requested', 'warning'] as const;

/**
 * Frontdesk in Socket Mode (real bolt, real WebSocket) against a local stand-in of Slack's Socket Mode
 * endpoint and Web API. Each round the stand-in sends `{"type":"disconnect"}` on the live socket, delivers
 * one message envelope on the old socket right after it and again on the new one (Slack may deliver on both
 * during the switch), plus a new envelope on the new socket, and times the gap until the new socket's hello.
 */
export async function slackSocketHandoverBench(rounds = 5): Promise<SocketHandoverFigures> {
  const slack = await startSocketModeStandIn();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-slack-socket-bench-'));
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(dir, 'bench.db'),
    SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'bench-secret',
  });
  const channel = createSlackChannel({ botToken: 'xoxb-bench', signingSecret: 'bench-secret', appToken: 'xapp-1-bench', slackApiUrl: slack.apiUrl, botUserId: 'U0BENCHBOT', botId: 'B0BENCHBOT' });
  const app = await createApp(config, { channels: [channel], dialogs: dialogEntries });
  await app.start();
  const gaps: number[] = [];
  let overlapping = 0;
  let sent = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const old = slack.sockets[slack.sockets.length - 1];
      const connections = slack.sockets.length;
      const start = performance.now();
      old.ws.send(JSON.stringify({ type: 'disconnect', reason: REASONS[round % REASONS.length], debug_info: { host: 'applink-bench' } }));
      const twice = envelope(`h${round}a`, round * 2);
      if (old.ws.readyState === old.ws.OPEN) old.ws.send(JSON.stringify(twice));
      const next = await slack.waitFor(() => slack.sockets[connections], 60_000);
      gaps.push(next.helloAt - start);
      if (old.closedAt === null || old.closedAt > next.helloAt) overlapping++;
      next.ws.send(JSON.stringify(twice));
      next.ws.send(JSON.stringify(envelope(`h${round}b`, round * 2 + 1)));
      sent += 3;
      // The round ends when both envelopes are acknowledged and the old socket is gone.
      await slack.waitFor(() => slack.acked.has(`h${round}a`) && slack.acked.has(`h${round}b`) && old.closedAt !== null, 60_000);
    }
    await app.engine.idle();
    const stored = (app.store as unknown as { db: { prepare(sql: string): { get(): { n: number } } } }).db.prepare("SELECT count(*) AS n FROM messages WHERE direction = 'in'").get().n;
    const sorted = [...gaps].sort((a, b) => a - b);
    return {
      rounds, disconnect_to_hello_ms: { p50: round2(sorted[Math.ceil(sorted.length / 2) - 1]), max: round2(sorted[sorted.length - 1]) },
      overlapping_rounds: overlapping, envelopes_sent: sent, envelopes_acked: slack.acked.size, messages_stored: stored,
    };
  } finally {
    await app.stop();
    await slack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A DM message event in Slack's Socket Mode envelope. */
function envelope(id: string, i: number): Record<string, unknown> {
  const ts = `1700300000.${String(i).padStart(6, '0')}`;
  const event = { type: 'message', channel_type: 'im', channel: 'D0BENCHSOCK', user: 'U0BENCHSOCK', text: `printer jammed again (${i})`, ts, event_ts: ts, client_msg_id: `bench-${id}` };
  return {
    envelope_id: id, type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '',
    payload: { token: 'bench', team_id: 'T0BENCH', api_app_id: 'A0BENCH', type: 'event_callback', event_id: `Ev0SOCK${i}`, event_time: 1700300000, event },
  };
}

type StandInSocket = { ws: WebSocket; helloAt: number; closedAt: number | null };

/** Slack's Web API (apps.connections.open and the calls a turn makes) and its Socket Mode endpoint on one port. */
async function startSocketModeStandIn() {
  let counter = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const answer = method === 'apps.connections.open'
        ? { ok: true, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=${++counter}` }
        : method === 'users.info'
          ? { ok: true, user: { id: 'U', profile: { real_name: 'Bench User', email: 'bench@example.test' } } }
          : { ok: true, ts: `1700400000.${String(++counter).padStart(6, '0')}` };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  const wss = new WebSocketServer({ server });
  const sockets: StandInSocket[] = [];
  const acked = new Set<string>();
  wss.on('connection', (ws) => {
    const entry: StandInSocket = { ws, helloAt: performance.now(), closedAt: null };
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string };
      if (message.envelope_id) acked.add(message.envelope_id);
    });
    ws.on('close', () => {
      entry.closedAt = performance.now();
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: sockets.length + 1, debug_info: { host: 'applink-bench' }, connection_info: { app_id: 'A0BENCH' } }));
    sockets.push(entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    sockets, acked,
    async waitFor<T>(probe: () => T | undefined | false, timeoutMs: number): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('Socket Mode stand-in: timed out waiting for the app');
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
    async stop() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function round2(ms: number): number {
  return Math.round(ms * 100) / 100;
}
