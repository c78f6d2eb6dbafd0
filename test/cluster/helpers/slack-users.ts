import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { renderForSlack } from '../../../channels/slack/slack-blocks';
import type { OutboundMessage } from '../../../src/types/conversation';
import { ROOT } from '../../helpers/server-process';
import type { SlackApiStandIn } from '../../slack/helpers/slack-api-stand-in';
import { signature } from '../../slack/helpers/signed-request';
import { deliver } from './chat-user';
import type { SentChat } from './cluster-checks';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FIXTURE = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'slack', 'event-message-im.json'), 'utf8'));

/** A Slack DM event (the recorded one with this text, ts, user and channel). */
function dmEvent(text: string, ts: string, user: string, channel: string): string {
  const body = structuredClone(FIXTURE);
  Object.assign(body.event, { text, ts, event_ts: ts, user, channel, client_msg_id: `msg-${ts}` });
  body.event.blocks = [];
  body.event_id = `Ev${ts.replace('.', '')}`;
  return JSON.stringify(body);
}

/**
 * One Slack user writing DMs through the proxy's /slack/events (signed, retried with x-slack-retry-num as
 * Slack retries), waiting for a post in its channel before writing again. Returns what it sent.
 */
export async function slackUser(base: string, slack: SlackApiStandIn, u: number, messages: number, think: () => number,
  counter: { retried: number }, latencies: number[], late: { n: number }): Promise<SentChat> {
  const user = `U0LOAD${u}`;
  const channel = `D0LOAD${u}`;
  const chat: SentChat = { label: channel, keys: [] };
  const postsIn = () => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel).length;
  for (let m = 0; m < messages; m++) {
    await sleep(think());
    const ts = `17000${String(u).padStart(5, '0')}.${String(m + 1).padStart(6, '0')}`;
    chat.keys.push(`${channel}:${ts}`);
    const body = dmEvent(m === 0 ? `my printer ${u} is jammed` : `update ${m} on printer ${u}`, ts, user, channel);
    const before = postsIn();
    let attempt = 0;
    const res = await deliver(() => {
      const time = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-slack-request-timestamp': String(time), 'x-slack-signature': signature(body, time) };
      if (attempt > 0) headers['x-slack-retry-num'] = String(Math.min(attempt, 3));
      attempt++;
      return fetch(`${base}/slack/events`, { method: 'POST', headers, body });
    }, counter);
    await res.arrayBuffer();
    const accepted = Date.now();
    const deadline = accepted + 60_000;
    while (postsIn() <= before && Date.now() < deadline) await sleep(50);
    if (postsIn() > before) latencies.push(Date.now() - accepted);
    if (postsIn() <= before || Date.now() - accepted > 30_000) late.n++;
  }
  return chat;
}

/** Slack posts against the sent outbox rows: missing ones, and copies beyond them (explained by a kill or not). */
export type SlackChecks = { slackPosts: number; slackMissing: number; slackInflightResends: number; slackDuplicates: number; slackExamples: string[] };

/**
 * Each sent Slack row should be posted once. Slack has no idempotency key, so a SIGKILL after Slack took a
 * post and before the commit of it means one resend by another process: a copy made by a killed process
 * (its label, from the API URL prefix) and another by a different one is that at-least-once window.
 * `channels` limits the check to some channels (the DMs, not the tier-2 channel whose rows keep no transcript).
 */
export async function checkSlack(url: string, slack: SlackApiStandIn, killedLabels: Set<string>, channels: (channel: string) => boolean = () => true): Promise<SlackChecks> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const rows = (await db.query<{ payload: string; conv: string }>(`SELECT m.payload_json AS payload, c.platform_conversation_id AS conv
    FROM outbox o JOIN messages m ON m.outbox_id = o.id JOIN conversations c ON c.id = o.conversation_id WHERE o.status = 'sent' AND c.channel = 'slack'`)).rows
    .filter((r) => channels(r.conv));
  await db.end();
  const want = new Map<string, number>();
  for (const r of rows) {
    for (const post of renderForSlack(JSON.parse(r.payload) as OutboundMessage)) want.set(`${r.conv}|${post.text}`, (want.get(`${r.conv}|${post.text}`) ?? 0) + 1);
  }
  const got = new Map<string, string[]>();
  const posts = slack.callsOf('chat.postMessage').filter((call) => channels(String(call.args.channel)));
  for (const call of posts) {
    const key = `${String(call.args.channel)}|${String(call.args.text)}`;
    got.set(key, [...(got.get(key) ?? []), call.client ?? '']);
  }
  let slackMissing = 0; let slackInflightResends = 0; let slackDuplicates = 0;
  const slackExamples: string[] = [];
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const by = got.get(key) ?? [];
    const extra = by.length - (want.get(key) ?? 0);
    if (extra < 0) { slackMissing -= extra; slackExamples.push(`missing: ${key.slice(0, 80)}`); }
    if (extra <= 0) continue;
    const explained = new Set(by.filter((label) => killedLabels.has(label))).size;
    slackInflightResends += Math.min(extra, explained);
    if (extra > explained) { slackDuplicates += extra - explained; slackExamples.push(`posted ${by.length}x by ${by.join(',')}: ${key.slice(0, 80)}`); }
  }
  return { slackPosts: posts.length, slackMissing, slackInflightResends, slackDuplicates, slackExamples: slackExamples.slice(0, 5) };
}
