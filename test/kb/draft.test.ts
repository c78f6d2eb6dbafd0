import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runKbCommand } from '../../src/cli/kb.command';
import type { CliIo } from '../../src/cli/command';
import { resolve as resolveTicket } from '../../src/handoff/agent-actions';
import { parseArticle, readArticleDir } from '../../src/kb/article';
import { draftFromTicket, slugFromSummary, splitSteps, writeDraftArticle } from '../../src/kb/draft';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { lintKb } from '../../src/kb/lint';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Ticket, TicketEvent } from '../../src/types/ticket';

const REAL_KB = join(__dirname, '..', '..', 'kb-articles');
const CLOCK = new Date('2026-11-26T09:30:00.000Z');

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 7, number: 'INC-000123', type: 'incident', category: 'email', impact: 3, urgency: 2, priority: 'P4', status: 'resolved',
    requesterId: 1, conversationId: 1, summary: 'Outlook stopped syncing after the password change.',
    description: 'Outlook stopped syncing after the password change, mail me at ana.silva@example.com or +44 20 7946 0958\n\nSystem: Outlook\nName: Ana Silva',
    lang: 'en', slots: { system: 'Outlook desktop', issue: 'not_syncing', name: 'Ana Silva', contact: 'ana.silva@example.com', error: '0x800CCC0E' },
    classification: { category: 'email', type: 'incident', confidence: 0.91 }, kbArticles: [{ id: 'outlook-not-syncing', helpful: false }],
    agentId: 'alice', responseDueAt: '2026-11-26T17:00:00.000Z', resolveDueAt: '2026-11-30T17:00:00.000Z',
    createdAt: '2026-11-25T09:00:00.000Z', updatedAt: '2026-11-26T09:00:00.000Z', firstResponseAt: null, escalatedAt: null,
    resolvedAt: '2026-11-26T09:00:00.000Z', closedAt: null, csat: null, majorIncidentId: null, tags: [],
    ...overrides,
  };
}

const event = (kind: string, data: Record<string, unknown>, id = 1): TicketEvent => ({ id, ticketId: 7, at: '2026-11-26T09:00:00.000Z', actor: 'agent:alice', kind, data });
const RESOLVED = event('resolved', { note: 'Signed Outlook out and in again. Removed the old cached credential in Credential Manager! Restarted Outlook.', rootCause: 'Cached credential from before the password change.' }, 5);

describe('draftFromTicket', () => {
  test('fills the front matter from the ticket and parses as a valid article', () => {
    const draft = draftFromTicket(ticket(), [event('opened', {}), RESOLVED], CLOCK);

    expect(draft.id).toBe('outlook-stopped-syncing-after-password-change');
    expect(draft.path).toBe(join('drafts', 'outlook-stopped-syncing-after-password-change.md'));
    const article = parseArticle(draft.markdown, draft.path);
    expect(article).toMatchObject({
      id: draft.id, title: 'Outlook stopped syncing after the password change', category: 'email', updated: '2026-11-26', lang: 'en',
    });
    expect(article.questions[0]).toBe('Outlook stopped syncing after the password change, mail me at [email] or [phone]');
    expect(article.questions).toContain('Outlook stopped syncing after the password change');
    expect(article.tags).toEqual(expect.arrayContaining(['email', 'incident', 'outlook desktop', 'not syncing']));
  });

  test('the body has symptoms, the note as numbered steps, the root cause and the source ticket', () => {
    const { markdown } = draftFromTicket(ticket(), [RESOLVED], CLOCK);

    const body = markdown.split(/^---$/m)[2];
    expect(body).toContain('## Symptoms\n- Outlook stopped syncing after the password change');
    expect(body).toContain('- Error: `0x800CCC0E`');
    expect(body).toContain('## Steps\n1. Signed Outlook out and in again.\n2. Removed the old cached credential in Credential Manager!\n3. Restarted Outlook.\n');
    expect(body).toContain('## Root cause\nCached credential from before the password change.');
    expect(body.trimEnd().endsWith('Source: INC-000123')).toBe(true);
  });

  test('personal data stays out: no requester name, e-mail or phone anywhere', () => {
    const { markdown } = draftFromTicket(ticket(), [RESOLVED], CLOCK);

    expect(markdown).not.toMatch(/Ana Silva|ana\.silva@example\.com|7946/);
  });

  test('a Chinese ticket gives a .zh.md draft with Chinese headings and an id with the ticket number', () => {
    const zh = ticket({
      lang: 'zh', category: 'network', summary: 'VPN 连接后马上断开', description: 'VPN 连接后马上断开', slots: {},
      classification: { category: 'network', type: 'incident', confidence: 0.8 },
    });

    const draft = draftFromTicket(zh, [event('resolved', { note: '重新安装了 VPN 客户端。更新了证书。' })], CLOCK);

    expect(draft.path).toBe(join('drafts', 'vpn-inc-000123.zh.md'));
    const article = parseArticle(draft.markdown, draft.path);
    expect(article).toMatchObject({ id: 'vpn-inc-000123', lang: 'zh', title: 'VPN 连接后马上断开', category: 'network' });
    expect(article.body).toContain('## 解决步骤\n1. 重新安装了 VPN 客户端。\n2. 更新了证书。');
    expect(article.body).toContain('## 根本原因\n未记录。');
    const noAscii = draftFromTicket({ ...zh, summary: '打印机脱机' }, [event('resolved', { note: '重启。' })], CLOCK);
    expect(noAscii.id).toBe('network-inc-000123');
  });

  test('the newest resolution wins, `resolution` is read too, and a ticket without one is refused with the fix', () => {
    const events = [event('resolved', { note: 'Old fix.' }, 1), event('reopened', {}, 2), event('resolved', { resolution: 'New fix.' }, 3)];
    expect(draftFromTicket(ticket(), events, CLOCK).markdown).toContain('## Steps\n1. New fix.\n');
    expect(() => draftFromTicket(ticket(), [event('opened', {})], CLOCK)).toThrow('INC-000123 has no resolution note: resolve it in the console first');
  });
});

describe('draft helpers', () => {
  test('splitSteps: one step per line (numbers and bullets dropped), else per sentence', () => {
    expect(splitSteps('1. Open Settings\n2) Click Reset\n- Reboot\n\n')).toEqual(['Open Settings', 'Click Reset', 'Reboot']);
    expect(splitSteps('Cleared the cache. Re-added the account; it synced.')).toEqual(['Cleared the cache.', 'Re-added the account;', 'it synced.']);
    expect(splitSteps('  ')).toEqual([]);
  });

  test('slugFromSummary keeps up to 6 meaningful ASCII words, else the fallback', () => {
    expect(slugFromSummary("I can't print to the 3rd floor printer!", 'x')).toBe('print-3rd-floor-printer');
    expect(slugFromSummary('Café Wi-Fi drops every hour on my new laptop at home', 'x')).toBe('cafe-wi-fi-drops-every-hour');
    expect(slugFromSummary('打印机脱机', 'other-inc-000001')).toBe('other-inc-000001');
  });
});

describe('drafts on disk: the loader and lint ignore kb-articles/drafts/', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-drafts-'));
    cpSync(REAL_KB, dir, { recursive: true });
    rmSync(join(dir, 'drafts'), { recursive: true, force: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('writeDraftArticle never overwrites: a taken slug gets -2 and the id follows', () => {
    const draft = draftFromTicket(ticket(), [RESOLVED], CLOCK);

    const first = writeDraftArticle(dir, draft);
    const second = writeDraftArticle(dir, draft);

    expect(first.path).toBe(join(dir, 'drafts', `${draft.id}.md`));
    expect(second.path).toBe(join(dir, 'drafts', `${draft.id}-2.md`));
    expect(parseArticle(readFileSync(second.path, 'utf8'), second.path).id).toBe(`${draft.id}-2`);
    expect(readFileSync(first.path, 'utf8')).toBe(draft.markdown);
  });

  test('articles, search and lint are the same with drafts (even a broken one) in drafts/', () => {
    const before = { count: KnowledgeBase.load(dir).articles.length, lint: lintKb(dir) };
    writeDraftArticle(dir, draftFromTicket(ticket(), [RESOLVED], CLOCK));
    mkdirSync(join(dir, 'drafts'), { recursive: true });
    writeFileSync(join(dir, 'drafts', 'broken.md'), 'no front matter at all');

    const kb = KnowledgeBase.load(dir);

    expect(kb.articles).toHaveLength(before.count);
    expect(kb.articles.some((a) => a.file?.startsWith(join(dir, 'drafts')))).toBe(false);
    expect(readArticleDir(dir).errors).toEqual([]);
    expect(lintKb(dir)).toEqual(before.lint);
    expect(kb.reload()).toEqual({ ok: true, articles: before.count });
  });
});

describe('frontdesk kb draft', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-draft-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function cli() {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: { DATABASE_PATH: 'data/frontdesk.db', KB_DIR: 'kb' }, cwd: dir };
    return { io, out: () => out, err: () => err };
  }

  /** A ticket logged by the bot and resolved by an admin through the real agent action. */
  async function seed(): Promise<string> {
    const store = new SqliteStore(join(dir, 'data', 'frontdesk.db'));
    const now = '2026-11-25T10:00:00.000Z';
    const accepted = await store.acceptInbound({ ref: { channel: 'terminal', conversationId: 'c1', userId: 'u1' }, platformMessageId: 'm1', text: 'printer' }, now);
    const { openedTicket } = await store.commitTurn({
      conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, events: [], outbound: [], now,
      tickets: [{ kind: 'open', draft: {
        type: 'incident', category: 'hardware', impact: 3, urgency: 2, priority: 'P4', summary: 'Printer on floor 3 shows offline',
        description: 'Printer on floor 3 shows offline', lang: 'en', group: 'service-desk', responseDueAt: now, resolveDueAt: now, status: 'escalated',
      } }],
    });
    const root = { id: 'root', name: 'Ria Admin', role: 'admin' as const, groups: [] };
    await resolveTicket(store, openedTicket!.number, root, { resolution: 'Power-cycled the printer\nRe-added it from \\\\print01', rootCause: 'Stale IP lease' }, new Date(now));
    await store.close();
    return openedTicket!.number;
  }

  test('writes <KB_DIR>/drafts/<slug>.md from the ticket in the configured database', async () => {
    const number = await seed();
    const c = cli();

    const code = await runKbCommand(['draft', number], c.io);

    expect(code).toBe(0);
    expect(JSON.parse(c.out())).toEqual({ ticket: number, id: 'printer-floor-3-shows-offline', path: join('kb', 'drafts', 'printer-floor-3-shows-offline.md') });
    const text = readFileSync(join(dir, 'kb', 'drafts', 'printer-floor-3-shows-offline.md'), 'utf8');
    expect(text).toContain('1. Power-cycled the printer\n2. Re-added it from \\\\print01');
    expect(text).toContain('Source: INC-000001');
  });

  test('--dir overrides KB_DIR; unknown tickets and bad numbers exit 1 with a message', async () => {
    const number = await seed();
    const ok = cli();
    expect(await runKbCommand(['draft', number.toLowerCase(), '--dir', 'other'], ok.io)).toBe(0);
    expect(existsSync(join(dir, 'other', 'drafts', 'printer-floor-3-shows-offline.md'))).toBe(true);

    const missing = cli();
    expect(await runKbCommand(['draft', 'INC-000999'], missing.io)).toBe(1);
    expect(missing.err()).toContain('no ticket INC-000999');
    const bad = cli();
    expect(await runKbCommand(['draft', '123'], bad.io)).toBe(1);
    expect(bad.err()).toContain('INC-000123');
  });
});
