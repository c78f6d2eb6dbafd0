import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app';
import { parseConfig } from '../config';
import { hashPassword } from '../console/password';
import { createLogger } from '../log';
import { percentile, round } from './percentiles';
import { seedTickets } from './seed-tickets';
import { openConsolePage } from './bench-chromium';

/** Wall time in ms with sub-millisecond precision, on the same scale as a page's `performance.timeOrigin + performance.now()`. */
const now = () => performance.timeOrigin + performance.now();
const ACTIONS = ['takeover', 'reply', 'release'] as const;
const PASSWORD = 'bench password';
const PAUSE_MS = 250;
type Agent = { cookie: string; csrf: string };
type Screen = { skipped: string } | { shown(action: (typeof ACTIONS)[number], k: number, start: number): Promise<number>; close(): Promise<void> };

/**
 * A live update from one agent to another's screen: agent A takes a ticket over, replies on it and releases
 * it, in turn, `samples` times, in a console with `tickets` open tickets. Measured from the moment A's
 * request leaves to (1) the `changed` event on agent B's console stream and, when Chromium is there,
 * (2) B's open ticket showing the change in its DOM (the assignee, or the reply in the transcript). Samples
 * are PAUSE_MS apart.
 * p50/p99 in ms; the goal is p99 under 200 ms.
 */
export async function consoleLiveBench(samples = 300, tickets = 10_000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-console-live-'));
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_PATH: path.join(dir, 'bench.db') });
  const app = await createApp(config, { log: createLogger({ level: 'silent' }) });
  const url = `http://127.0.0.1:${await app.start()}`;
  const stops: Array<() => Promise<void> | void> = [];
  try {
    const [id] = seedTickets(app.sqliteStore().db, tickets, new Date(), ['escalated', 'open', 'new', 'in_progress', 'reopened']);
    const number = (await app.store.getTicket(id))!.number;
    ownRequester(app.sqliteStore().db, id);
    const hash = await hashPassword(PASSWORD);
    for (const agent of ['bench-a', 'bench-b']) await app.agentStore.addAgent({ id: agent, name: agent, role: 'admin', groups: [] }, hash, new Date().toISOString());
    const [a, b] = [await login(url, 'bench-a'), await login(url, 'bench-b')];
    const stream = await changedEvents(url, b.cookie);
    stops.push(stream.close);
    const screen = await ticketScreen(url, b.cookie, number);
    if ('shown' in screen) stops.push(() => screen.close());
    const sse: number[] = [];
    const dom: number[] = [];
    for (let k = 0; k < samples; k++) {
      const action = ACTIONS[k % ACTIONS.length];
      const start = now();
      const res = await fetch(`${url}/console/api/tickets/${number}/${action}`, {
        method: 'POST', headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf }, body: JSON.stringify(action === 'reply' ? { text: `bench reply ${k}` } : {}),
      });
      if (res.status !== 200) throw new Error(`${action} answered ${res.status}: ${await res.text()}`);
      sse.push((await stream.next(number, start)) - start);
      if ('shown' in screen) dom.push((await screen.shown(action, k, start)) - start);
      // A pause like a desk's (a few actions a second), so B's follow-up loads (queue, unread) of one sample do not sit in the next.
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    const figures = (values: number[]) => ({ p50Ms: round(percentile(values, 50)), p99Ms: round(percentile(values, 99)) });
    // Per action as well: a reply commits twice (the turn, then its delivery), the others once.
    const byAction = (values: number[]) => Object.fromEntries(ACTIONS.map((act, i) => [act, figures(values.filter((_, k) => k % ACTIONS.length === i))]));
    return {
      tickets, samples, actions: ACTIONS.join(', '), pauseMs: PAUSE_MS, goalP99Ms: 200,
      sseEvent: { ...figures(sse), byAction: byAction(sse) },
      browserDom: 'shown' in screen ? { ...figures(dom), byAction: byAction(dom) } : screen,
    };
  } finally {
    for (const stop of stops) await stop();
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The measured ticket gets a requester and a conversation of its own: the seeded ones share one requester
 * with 10,000 tickets, whose customer view would be measured instead of the live update.
 */
function ownRequester(db: ReturnType<Awaited<ReturnType<typeof createApp>>['sqliteStore']>['db'], ticketId: number): void {
  const at = new Date().toISOString();
  const user = db.prepare(`INSERT INTO users (channel, platform_user_id, name, email, created_at, updated_at) VALUES ('webchat', 'bench-user', 'Bench User', 'bench@example.org', ?, ?) RETURNING id`).get(at, at) as { id: number };
  const ref = JSON.stringify({ channel: 'webchat', conversationId: 'bench', userId: 'bench-user' });
  const conv = db.prepare(`INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at) VALUES ('webchat', 'bench', '', ?, ?, ?, ?) RETURNING id`).get(ref, user.id, at, at) as { id: number };
  db.prepare('UPDATE conversations SET ticket_id = ? WHERE id = ?').run(ticketId, conv.id);
  db.prepare('UPDATE tickets SET requester_id = ?, conversation_id = ? WHERE id = ?').run(user.id, conv.id, ticketId);
}

async function login(url: string, id: string): Promise<Agent> {
  const res = await fetch(`${url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: id, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${id} answered ${res.status}`);
  return { cookie: String(res.headers.get('set-cookie')).split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Agent B's console stream: when each `changed` event naming a ticket arrived. */
async function changedEvents(url: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${url}/console/api/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`console events answered ${res.status}`);
  const arrivals: { ticket: string; at: number }[] = [];
  const waker: { wake?: () => void } = {};
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const at = now();
      buffer += decoder.decode(chunk, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = /^event: changed\ndata: (.*)$/m.exec(block)?.[1];
        if (data) arrivals.push({ ticket: String(JSON.parse(data).ticket), at });
      }
      waker.wake?.();
    }
  })().catch(() => undefined);
  return {
    /** When the first `changed` event for `ticket` after `start` arrived (waits up to 5 s). */
    async next(ticket: string, start: number): Promise<number> {
      const deadline = Date.now() + 5000;
      for (;;) {
        const hit = arrivals.find((e) => e.ticket === ticket && e.at >= start);
        if (hit) {
          arrivals.length = 0;
          return hit.at;
        }
        if (Date.now() > deadline) throw new Error(`no changed event for ${ticket} within 5 s`);
        await new Promise<void>((resolve) => {
          waker.wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => controller.abort(),
  };
}

/** Agent B's console in Chromium on the ticket, recording when its details or transcript change; or why it cannot run here. */
async function ticketScreen(url: string, cookie: string, number: string): Promise<Screen> {
  const opened = await openConsolePage(url, cookie);
  if ('skipped' in opened) return opened;
  const { browser, page } = opened;
  await page.goto(`${url}/console/tickets/${number}`);
  await page.locator('#ticket-title', { hasText: number }).waitFor({ timeout: 10_000 });
  // Each DOM change of the ticket pane is stamped by a MutationObserver: the time the page showed it, not when we looked.
  await page.evaluate(() => {
    const w = window as unknown as { marks: { at: number; agent: string | null; last: string }[] };
    w.marks = [];
    const mark = () => {
      const dd = Array.from(document.querySelectorAll('#details dt')).find((dt) => dt.textContent === 'Agent')?.nextElementSibling;
      w.marks.push({ at: performance.timeOrigin + performance.now(), agent: dd?.textContent ?? null, last: document.querySelector('#transcript li:last-child')?.textContent ?? '' });
    };
    new MutationObserver(mark).observe(document.getElementById('ticket')!, { childList: true, subtree: true, characterData: true });
  });
  return {
    /** When B's screen first showed what `action` number `k` did, after `start`. */
    async shown(action: (typeof ACTIONS)[number], k: number, start: number): Promise<number> {
      const at = await page.waitForFunction(([act, n, from]) => {
        const w = window as unknown as { marks: { at: number; agent: string | null; last: string }[] };
        const hit = w.marks.find((m) => m.at >= (from as number) && (act === 'reply' ? m.last.includes(`bench reply ${n}`) : m.agent === (act === 'takeover' ? 'bench-a' : 'nobody')));
        if (hit) w.marks = [];
        return hit?.at;
      }, [action, k, start] as const, { timeout: 5000, polling: 20 });
      return Number(await at.jsonValue());
    },
    close: () => browser.close(),
  };
}
