import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { toPlainText } from '../../../src/render/plain-text';
import type { DialogEntry } from '../../../src/dialog/registry';
import type { DialogDefinition, SlotDef } from '../../../src/dialog/schema';
import type { ConversationRef, OutboundMessage } from '../../../src/types/conversation';
import { createTerminalChannel } from '../../../channels/terminal/terminal.channel';
import { dialogEntries } from '../../../dialogs';
import type { AddedSlot, Step, TicketCheck } from './transcript-file';

/** What a run produced: the failures (empty when the transcript holds) and the whole conversation, for messages. */
export type TranscriptRun = { failures: string[]; conversation: string[]; startups: number[] };

type Entry = DialogEntry & { definition: DialogDefinition };

// Drop the alternatives of a summary template that name removed slots, so the changed definition still validates.
function withoutSlots(template: string, ids: string[]): string {
  const names = (s: string) => ids.some((id) => s.includes(`{${id}}`));
  return template
    .replace(/\[([^\]]*)\]/g, (_, inner: string) => {
      const kept = inner.split('||').filter((alt) => !names(alt));
      return kept.length ? `[${kept.join('||')}]` : '';
    })
    .replace(new RegExp(`\\{(${ids.join('|')})\\}`, 'g'), '');
}

/** A copy of a dialog with a new version, some slots removed and text slots added: what a deploy might change. */
export function changedDefinition(def: DialogDefinition, version: number, drop: string[], add: AddedSlot[]): DialogDefinition {
  const missing = drop.filter((id) => !def.slots.some((s) => s.id === id));
  if (missing.length) throw new Error(`!version ${def.id}: no slot ${missing.join(', ')} to remove`);
  const added: SlotDef[] = add.map((a) => ({
    id: a.id, type: 'text', label: { en: a.id.replace(/_/g, ' '), zh: a.id }, prompt: { en: a.en, zh: a.zh }, retry: { en: a.en, zh: a.zh },
  }));
  const summary = def.summary && drop.length
    ? { en: withoutSlots(def.summary.en, drop), zh: withoutSlots(def.summary.zh, drop) }
    : def.summary;
  return { ...def, version, slots: [...def.slots.filter((s) => !drop.includes(s.id)), ...added], ...(summary ? { summary } : {}) };
}

function matches(text: string, m: string | RegExp): boolean {
  return typeof m === 'string' ? text.toLowerCase().includes(m.toLowerCase()) : m.test(text);
}

// Find `m` in the turn's messages at or after the cursor (message index, offset inside it); the cursor moves past it.
function findFrom(messages: string[], cursor: { msg: number; offset: number }, m: string | RegExp): boolean {
  for (let i = cursor.msg; i < messages.length; i++) {
    const rest = messages[i].slice(i === cursor.msg ? cursor.offset : 0);
    const at = typeof m === 'string' ? rest.toLowerCase().indexOf(m.toLowerCase()) : rest.search(m);
    if (at >= 0) {
      const length = typeof m === 'string' ? m.length : (rest.slice(at).match(m)?.[0].length ?? 0);
      cursor.offset = (i === cursor.msg ? cursor.offset : 0) + at + length;
      cursor.msg = i;
      return true;
    }
  }
  return false;
}

function checkTicket(ticket: Record<string, unknown> | null, check: TicketCheck): string | undefined {
  if (!ticket) return 'no ticket was logged';
  const value = check.key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), ticket);
  if (check.op === 'absent') return value === undefined ? undefined : `${check.key} should be absent, is "${String(value)}"`;
  if (value === undefined) return `${check.key} is missing (wanted ${check.op}${check.value})`;
  const ok = check.op === '=' ? String(value) === check.value : String(value).toLowerCase().includes(check.value!.toLowerCase());
  return ok ? undefined : `${check.key} is "${String(value)}", wanted ${check.op === '=' ? '' : 'to contain '}"${check.value}"`;
}

/** An app on a temp database that transcripts talk to; replies are kept per conversation. */
export class TranscriptHost {
  /** How long each start of the app took (ms). */
  readonly startups: number[] = [];
  private readonly replies = new Map<string, string[]>();
  private current: App | null = null;

  private constructor(private readonly dir: string, public entries: Entry[]) {}

  /** Start an app with the given dialogs on a fresh temp database. */
  static async open(entries: Entry[] = dialogEntries): Promise<TranscriptHost> {
    const host = new TranscriptHost(fs.mkdtempSync(path.join(os.tmpdir(), 'fd-transcript-')), entries);
    await host.start();
    return host;
  }

  /** The running app. */
  get app(): App {
    if (!this.current) throw new Error('The transcript app is not running: open the host first');
    return this.current;
  }

  private async start(): Promise<void> {
    const began = performance.now();
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_PATH: path.join(this.dir, 'transcript.db') });
    const onReply = (ref: ConversationRef, message: OutboundMessage) => this.inbox(ref.conversationId).push(toPlainText(message));
    this.current = await createApp(config, {
      channels: [createTerminalChannel({ onReply })], dialogs: this.entries, dispatch: false, log: createLogger({ level: 'silent' }),
    });
    await this.current.start(false);
    this.startups.push(performance.now() - began);
  }

  /** Replies the bot sent to a conversation since the last take. */
  take(conversationId: string): string[] {
    const taken = this.inbox(conversationId);
    this.replies.set(conversationId, []);
    return taken;
  }

  private inbox(conversationId: string): string[] {
    if (!this.replies.has(conversationId)) this.replies.set(conversationId, []);
    return this.replies.get(conversationId)!;
  }

  /** Stop the app and start a new one on the same database file (with other dialogs, for a deploy). */
  async restart(entries?: Entry[]): Promise<void> {
    await this.app.stop();
    this.current = null;
    if (entries) this.entries = entries;
    await this.start();
  }

  /** Stop the app and remove the database. */
  async close(): Promise<void> {
    await this.current?.stop();
    this.current = null;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Where a transcript runs: its own host by default. A shared host (each transcript as its own user) is
 * faster but not isolated: other users' similar reports can form a major incident and raise priorities.
 */
export type RunOptions = { host?: TranscriptHost; user?: string };

/**
 * Play a transcript through the real engine, classifier, knowledge base and dialogs, on a terminal-like
 * channel. `!restart` and `!version` need an app of their own: such a transcript opens a private host.
 */
export async function runTranscript(steps: Step[], options: RunOptions = {}): Promise<TranscriptRun> {
  const needsOwn = !options.host || steps.some((s) => s.kind === 'restart' || s.kind === 'version');
  const host = needsOwn ? await TranscriptHost.open() : options.host!;
  const firstStartup = host.startups.length - (needsOwn ? 1 : 0);
  const userId = options.user ?? 'tester';
  const ref: ConversationRef = { channel: 'terminal', conversationId: `terminal:${userId}`, userId };
  const failures: string[] = [];
  const conversation: string[] = [];
  let user: { name?: string; email?: string } = {};
  let turn: string[] | null = null;
  let cursor = { msg: 0, offset: 0 };
  const never: { match: string; line: number }[] = [];
  let sequence = 0;
  try {
    for (const step of steps) {
      const at = `line ${step.line}`;
      switch (step.kind) {
        case 'user': {
          conversation.push(`user> ${step.text}`);
          host.take(ref.conversationId);
          await host.app.engine.receive({ ref, platformMessageId: `${userId}:${++sequence}`, text: step.text, user: { ...user } });
          await host.app.dispatcher.drainDue();
          turn = host.take(ref.conversationId);
          cursor = { msg: 0, offset: 0 };
          for (const r of turn) conversation.push(`bot> ${r.replace(/\n/g, '\n     ')}`);
          for (const n of never) if (turn.some((r) => matches(r, n.match))) failures.push(`line ${n.line}: the bot said "${n.match}" after user> ${step.text}`);
          break;
        }
        case 'bot':
          if (!turn) failures.push(`${at}: a bot line before any user line`);
          else if (!findFrom(turn, cursor, step.match)) failures.push(`${at}: expected bot ${String(step.match)} after "${conversation.filter((c) => c.startsWith('user>')).at(-1)}"`);
          break;
        case 'bot-not':
          if (turn?.some((r) => matches(r, step.match))) failures.push(`${at}: the bot should not say ${String(step.match)}`);
          break;
        case 'never':
          never.push({ match: step.match, line: step.line });
          break;
        case 'user-profile':
          user = { ...(step.name ? { name: step.name } : {}), ...(step.email ? { email: step.email } : {}) };
          break;
        case 'restart':
        case 'version': {
          let entries: Entry[] | undefined;
          if (step.kind === 'version') {
            const index = host.entries.findIndex((e) => e.definition.id === step.dialogId);
            if (index < 0) throw new Error(`${at}: no dialog "${step.dialogId}"`);
            const definition = changedDefinition(host.entries[index].definition, step.version, step.drop, step.add);
            entries = host.entries.map((e, i) => (i === index ? { ...e, definition } : e));
          }
          await host.restart(entries);
          conversation.push(step.kind === 'restart' ? '-- server restarted --' : `-- ${step.dialogId} is now version ${step.version} --`);
          break;
        }
        case 'no-ticket': {
          const conv = await host.app.store.findConversation(ref);
          const [ticket] = conv ? await host.app.store.ticketsForUser(conv.userId, 1) : [];
          if (ticket) failures.push(`${at}: no ticket should be logged, found ${ticket.number}`);
          break;
        }
        case 'ticket': {
          const conv = await host.app.store.findConversation(ref);
          const [ticket] = conv ? await host.app.store.ticketsForUser(conv.userId, 1) : [];
          for (const check of step.checks) {
            const problem = checkTicket((ticket ?? null) as Record<string, unknown> | null, check);
            if (problem) failures.push(`${at}: ticket ${ticket?.number ?? ''}: ${problem}`);
          }
          break;
        }
      }
    }
  } finally {
    if (needsOwn) await host.close();
  }
  return { failures, conversation, startups: host.startups.slice(firstStartup) };
}
