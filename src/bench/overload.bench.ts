import http from 'node:http';
import { percentile, round } from './percentiles';

/** A server under test: its base URL and how to stop it. */
export type LoadTarget = { url: string; stop(): Promise<void> };

/** Served turns in one window of offered load. */
export type LoadStep = { offered_per_s: number; sent_per_s: number; accepted_per_s: number; served_per_s: number; shed_per_s: number };

const TEXTS = [
  'my laptop will not turn on after the update', 'outlook keeps asking for my password', 'printer on floor 3 shows offline',
  'VPN drops every few minutes at home', 'I need Visio installed please', '我的打印机一直显示脱机', '共享盘打不开了，提示没有权限',
];
const USERS = 100;
const TICK_MS = 5;

/**
 * Goodput under overload, end to end over HTTP: web chat users post at a fixed offered rate (open loop: no
 * waiting for replies) against a server in its own process. Offered rates rise until the server stops
 * keeping up, the best served rate is the peak, then twice the peak is offered while a probe user (one
 * message every 250 ms) measures its reply time from POST to the reply event on its stream.
 */
export async function overloadBench(start: () => Promise<LoadTarget>, stepSeconds = 4) {
  const target = await start();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  try {
    const users = await Promise.all(Array.from({ length: USERS }, () => session(target.url, agent)));
    const steps: LoadStep[] = [];
    // Rising offered rates until two steps in a row are saturated (served clearly below what was sent): a
    // single slow step on a busy machine does not end the search early.
    for (let rate = 100, saturated = 0; rate <= 3200 && saturated < 2; rate = Math.round(rate * 1.6)) {
      const step = await offer(target.url, agent, users, rate, stepSeconds);
      steps.push(step);
      await drained(target.url, 30_000);
      saturated = step.served_per_s < 0.85 * step.sent_per_s ? saturated + 1 : 0;
    }
    const peak = Math.max(...steps.map((s) => s.served_per_s));
    const probe = await probeUser(target.url, agent);
    const overload = await offer(target.url, agent, users, Math.round(2 * peak), stepSeconds * 1.5);
    const latencies = probe.stop();
    const drainStarted = Date.now();
    const cleared = await drained(target.url, 120_000);
    return {
      steps,
      peak_served_per_s: round(peak),
      overload_2x: overload,
      goodput_ratio_2x: round(overload.served_per_s / peak),
      probe_replies: latencies.length,
      probe_shed: probe.shed(),
      probe_p50_ms: round(percentile(latencies, 50)),
      probe_p99_ms: round(percentile(latencies, 99)),
      backlog_clear_s: cleared ? round((Date.now() - drainStarted) / 1000) : 'not within 120 s',
    };
  } finally {
    agent.destroy();
    await target.stop();
  }
}

type Probe = { stop(): number[]; shed(): number };

async function session(url: string, agent: http.Agent): Promise<string> {
  const res = await request(url, agent, 'POST', '/api/chat/session', {}, '');
  return res.cookie;
}

/** Offer `rate` messages a second for `seconds`, spread over the users; turns served measured from /metrics. */
async function offer(url: string, agent: http.Agent, users: string[], rate: number, seconds: number): Promise<LoadStep> {
  const before = await turnsServed(url);
  let accepted = 0;
  let shed = 0;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    // Catch up with the clock: timers fire late under load, the offered rate must not drop with them.
    const due = Math.floor((rate * (Date.now() - started)) / 1000);
    while (sent < due) {
      const cookie = users[sent % users.length];
      const body = JSON.stringify({ clientMessageId: `b${Date.now().toString(36)}${sent}`, text: TEXTS[sent % TEXTS.length] });
      sent++;
      const p = request(url, agent, 'POST', '/api/chat/messages', { cookie, 'content-type': 'application/json' }, body)
        .then((r) => void (r.status === 202 ? accepted++ : r.status === 503 ? shed++ : undefined), () => undefined)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  const elapsed = (Date.now() - started) / 1000;
  const served = (await turnsServed(url)) - before;
  await Promise.all(inFlight);
  return {
    offered_per_s: rate, sent_per_s: round(sent / elapsed), accepted_per_s: round(accepted / elapsed),
    served_per_s: round(served / elapsed), shed_per_s: round(shed / elapsed),
  };
}

/** A light user: one message every 250 ms, reply time measured to the first new bot event on its stream. */
async function probeUser(url: string, agent: http.Agent): Promise<Probe> {
  const cookie = await session(url, agent);
  const latencies: number[] = [];
  let pending: number | null = null;
  let shed = 0;
  let n = 0;
  const stream = http.get(`${url}/api/chat/events`, { headers: { cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (pending !== null && chunk.includes('event: message')) {
        latencies.push(Date.now() - pending);
        pending = null;
      }
    });
    res.on('error', () => {});
  });
  stream.on('error', () => {});
  const timer = setInterval(() => {
    if (pending !== null) return;
    const at = Date.now();
    pending = at;
    request(url, agent, 'POST', '/api/chat/messages', { cookie, 'content-type': 'application/json' },
      JSON.stringify({ clientMessageId: `probe${n++}`, text: n % 2 ? 'my vpn is down' : 'status' }))
      .then((r) => {
        if (r.status !== 202) {
          shed++;
          if (pending === at) pending = null;
        }
      }, () => undefined);
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      stream.destroy();
      return latencies;
    },
    shed: () => shed,
  };
}

/** Sum of frontdesk_turns_total over its outcomes. */
async function turnsServed(url: string): Promise<number> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  return [...text.matchAll(/^frontdesk_turns_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/** Wait until the served count stops moving (the queue is empty); false on timeout. */
async function drained(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    const now = await turnsServed(url);
    if (now === last) return true;
    last = now;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function request(url: string, agent: http.Agent, method: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
