import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app';
import { parseConfig } from '../config';
import type { DialogEntry } from '../dialog/registry';
import * as agentActions from '../handoff/agent-actions';
import { createLogger } from '../log';
import { toPlainText } from '../render/plain-text';
import { sqliteIncidentStore } from '../store/sqlite-incident-store';
import type { Agent } from '../store/agent-store';
import type { ChannelAdapter, ChannelCapabilities } from '../types/channel';
import type { ChannelName, ConversationRef, OutboundMessage } from '../types/conversation';
import type { Ticket } from '../types/ticket';
import type { Scenario } from './scenario';

/** What the bot said and asked after one step. */
export type ReplayTurn = {
  step: Scenario['turns'][number];
  replies: OutboundMessage[];
  /** The slot (or waiting phase) the bot is asking about after this step, if any. */
  asked: string | null;
  /** The text of the question asked, to tell a retry from asking again. */
  questionText: string | null;
  /** The conversation's ticket when the question was asked: the same question about a new problem is not a repeat. */
  ticketId: number | null;
};

/** A replayed conversation: every turn and the tickets it produced. */
export type Replay = { turns: ReplayTurn[]; tickets: Ticket[]; conversationLang: string; error?: string };

// The capabilities each real channel declares (kept equal to channels/*/…channel.ts; the eval has no SDKs).
const CAPABILITIES: Record<Exclude<ChannelName, 'terminal'>, ChannelCapabilities> = {
  webchat: { buttons: true, cards: true, threads: false, forms: false, maxTextLength: 8000, markdown: 'markdown' },
  slack: { buttons: true, cards: true, threads: true, forms: false, maxTextLength: 12_000, markdown: 'mrkdwn' },
  teams: { buttons: true, cards: true, threads: false, forms: false, maxTextLength: 8000, markdown: 'markdown' },
  email: { buttons: false, cards: false, threads: true, forms: true, maxTextLength: 40_000, markdown: 'plain' },
  feishu: { buttons: true, cards: true, threads: true, forms: false, maxTextLength: 8000, markdown: 'markdown' },
  wecom: { buttons: true, cards: true, threads: false, forms: false, maxTextLength: 4000, markdown: 'markdown' },
};

/** Phases in which the bot waits for an answer to something it asked (a dialog asks its cursor slot). */
const ASKING_PHASES = new Set(['kb_offer', 'pick_category', 'clarify', 'awaiting_topic']);

const EVAL_AGENT: Agent = { id: 'eval-agent', name: 'Alex Agent', role: 'admin', groups: [] };

/** Settings of a replay: the dialogs and content the composition root hands in. */
export type ReplayOptions = { dialogs: DialogEntry[]; kbDir: string; modelPath?: string };

/** Replay one scenario through the real engine on a fresh SQLite file; the clock moves one minute a step. */
export async function replayScenario(scenario: Scenario, options: ReplayOptions): Promise<Replay> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-eval-'));
  let now = new Date(scenario.at ?? '2026-12-02T10:00:00Z');
  const sent: OutboundMessage[] = [];
  const channel: ChannelAdapter = {
    name: scenario.channel,
    capabilities: CAPABILITIES[scenario.channel],
    start: async () => {},
    stop: async () => {},
    send: async (_ref, message) => void sent.push(message),
  };
  const config = parseConfig({
    PORT: '0', LOG_LEVEL: 'silent', DATABASE_PATH: path.join(dir, 'eval.db'), KB_DIR: options.kbDir,
    ...(options.modelPath ? { CLASSIFIER_MODEL_PATH: options.modelPath } : {}),
  });
  const app = await createApp(config, { channels: [channel], dialogs: options.dialogs, dispatch: false, clock: () => now, log: createLogger({ level: 'silent' }) });
  const ref: ConversationRef = { channel: scenario.channel, conversationId: `eval:${scenario.id}`, userId: 'eval-user' };
  const turns: ReplayTurn[] = [];
  // As the channel would give it: WeCom profiles carry the channel's time zone, Feishu's a Chinese user's.
  const channelTimeZone = { feishu: scenario.lang === 'zh' ? config.FEISHU_TIME_ZONE : undefined, wecom: config.WECOM_TIME_ZONE }[scenario.channel as string];
  const user = { ...(channelTimeZone ? { timeZone: channelTimeZone } : {}), ...scenario.user };
  try {
    await app.start(false);
    await app.agentStore.addAgent(EVAL_AGENT, 'not-a-login', now.toISOString());
    await applySetup(app, scenario, now);
    let sequence = 0;
    for (const step of scenario.turns) {
      const before = sent.length;
      if ('user' in step) {
        const text = step.user.replace('{ticket}', await latestTicketNumber(app, ref));
        await app.engine.receive({ ref, platformMessageId: `eval-${sequence++}`, text, user });
      } else if ('agent' in step) {
        await agentStep(app, ref, step.agent, now);
      } else if ('wait' in step) {
        now = new Date(now.getTime() + durationMs(step.wait));
        await app.slaMonitor.tick(now);
      } else {
        const [incident] = await sqliteIncidentStore(app.store).openMajorIncidents();
        if (!incident) throw new Error('resolveMajorIncident needs an open major incident');
        await app.majorIncidents.resolveMajorIncident(incident.number, 'The service is restored.', now);
      }
      await app.dispatcher.drainDue();
      const replies = sent.slice(before);
      turns.push({ step, replies, ...(await askedNow(app, ref, replies)) });
      now = new Date(now.getTime() + 60_000);
    }
    const conversation = await app.store.findConversation(ref);
    const tickets = conversation ? (await app.store.ticketsForUser(conversation.userId, 50)).reverse() : [];
    return { turns, tickets, conversationLang: conversation?.lang ?? scenario.lang };
  } catch (error) {
    return { turns, tickets: [], conversationLang: scenario.lang, error: (error as Error).message };
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type App = Awaited<ReturnType<typeof createApp>>;

async function applySetup(app: App, scenario: Scenario, now: Date): Promise<void> {
  const mi = scenario.setup?.majorIncident;
  if (mi) await sqliteIncidentStore(app.store).createMajorIncident({ category: mi.category, title: mi.text ? `${mi.title}: ${mi.text}` : mi.title, now: now.toISOString() }, []);
  const broadcast = scenario.setup?.broadcast;
  if (broadcast) await app.broadcasts.create({ text: broadcast.text, audience: {}, createdBy: 'eval' }, now.toISOString());
}

async function latestTicketNumber(app: App, ref: ConversationRef): Promise<string> {
  const conversation = await app.store.findConversation(ref);
  const ticket = conversation?.ticketId ? await app.store.getTicket(conversation.ticketId) : null;
  return ticket?.number ?? 'INC-000000';
}

function durationMs(text: string): number {
  const n = Number(text.slice(0, -1));
  return n * { m: 60_000, h: 3_600_000, d: 86_400_000 }[text.slice(-1) as 'm' | 'h' | 'd'];
}

async function agentStep(app: App, ref: ConversationRef, step: Extract<Scenario['turns'][number], { agent: unknown }>['agent'], now: Date): Promise<void> {
  const conversation = await app.store.findConversation(ref);
  const ticket = conversation?.ticketId ? await app.store.getTicket(conversation.ticketId) : null;
  if (!ticket) throw new Error('an agent step needs a ticket in the conversation');
  if (step === 'take') await agentActions.takeOver(app.store, ticket.number, EVAL_AGENT, now);
  else if (step === 'release') await agentActions.release(app.store, ticket.number, EVAL_AGENT, now);
  else if (step === 'resolve') {
    if (!ticket.agentId) await agentActions.takeOver(app.store, ticket.number, EVAL_AGENT, now);
    await agentActions.resolve(app.store, ticket.number, EVAL_AGENT, { resolution: 'Fixed by the service desk.' }, now);
  } else {
    if (!ticket.agentId) await agentActions.takeOver(app.store, ticket.number, EVAL_AGENT, now);
    await agentActions.reply(app.store, ticket.number, EVAL_AGENT, step.reply, now);
  }
}

async function askedNow(app: App, ref: ConversationRef, replies: OutboundMessage[]): Promise<Pick<ReplayTurn, 'asked' | 'questionText' | 'ticketId'>> {
  const conversation = await app.store.findConversation(ref);
  const ticketId = conversation?.ticketId ?? null;
  const asked = (slot: string | null, questionText: string | null) => ({ asked: slot, questionText, ticketId });
  const last = replies[replies.length - 1];
  const questionText = last ? toPlainText(last) : null;
  if (replies.length === 0) return asked(null, null);
  const state = (conversation?.state ?? {}) as { phase?: string; dialog?: { cursor?: string | null } };
  // A reply that asks nothing ("Added to INC-1; expect them by 21:30", a status answer) leaves the pending
  // question unasked this turn; an open question (clarify) asks even when it ends with a full stop.
  // A status card's heading quotes the ticket's summary ("**REQ-000001**: can i get acrobat installed?"): no question of the bot's.
  const ownWords = (questionText ?? '').split('\n').filter((line) => !/^\*\*(?:INC|REQ)-\d+\*\*[:：]/.test(line.trim())).join('\n');
  const asks = last.kind !== 'text' || /[?？]/.test(ownWords) || state.phase === 'clarify';
  if (!asks) return asked(null, null);
  if (state.phase === 'dialog' && state.dialog?.cursor) return asked(state.dialog.cursor, questionText);
  if (state.phase && ASKING_PHASES.has(state.phase)) return asked(state.phase, questionText);
  return asked(null, null);
}
