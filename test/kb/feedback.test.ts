import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runKbCommand } from '../../src/cli/kb.command';
import type { CliIo } from '../../src/cli/command';
import { readArticleDir } from '../../src/kb/article';
import { POOR_RATING, articleFeedback, formatKbReportTable, isPoor, kbReport, tallyFeedback, type KbRating } from '../../src/kb/feedback';
import { SqliteStore } from '../../src/store/sqlite-store';

const FIXTURE_KB = join(__dirname, 'fixtures', 'kb');
const r = (id: string, helpful: boolean | null): KbRating => ({ id, helpful });

/** Offers as lists of ratings: `yes` n times (all helpful) / `no` n times / unanswered. */
const repeat = (n: number, offer: KbRating[]) => Array.from({ length: n }, () => offer);

describe('tallyFeedback and the poor-rating thresholds', () => {
  test('counts offered, helpful, not helpful and unanswered per article, with the helpful rate', () => {
    const offers = [[r('vpn', true), r('wifi', true)], [r('vpn', false)], [r('vpn', null)], []];

    const rows = tallyFeedback(offers);

    expect(rows).toEqual([
      { id: 'vpn', offered: 3, helpful: 1, notHelpful: 1, unanswered: 1, helpfulRate: 0.5, poor: false },
      { id: 'wifi', offered: 1, helpful: 1, notHelpful: 0, unanswered: 0, helpfulRate: 1, poor: false },
    ]);
  });

  test('an article is poor only with at least 3 "no" answers and a helpful rate under 50%', () => {
    expect(POOR_RATING).toEqual({ minNotHelpful: 3, maxHelpfulRate: 0.5 });
    expect(isPoor(2, 3)).toBe(true); // 40%
    expect(isPoor(0, 2)).toBe(false); // too few answers to judge
    expect(isPoor(3, 3)).toBe(false); // exactly 50% is not below
    expect(isPoor(0, 3)).toBe(true);
    const [row] = tallyFeedback([...repeat(3, [r('printer', false)]), ...repeat(2, [r('printer', true)])]);
    expect(row).toMatchObject({ notHelpful: 3, helpful: 2, helpfulRate: 0.4, poor: true });
  });

  test('an article never answered has a null rate and is not poor', () => {
    expect(tallyFeedback([[r('x', null)]])[0]).toMatchObject({ helpfulRate: null, poor: false, unanswered: 1 });
  });
});

describe('kbReport and the table', () => {
  const { articles } = readArticleDir(FIXTURE_KB);

  test('lists every article (never offered ones with zeros), removed ids with a null title, poor ones first', () => {
    const feedback = tallyFeedback([...repeat(4, [r('printer-offline', false)]), [r('vpn-connect', true)], [r('gone-article', false)]]);

    const rows = kbReport(feedback, articles);

    expect(rows[0]).toMatchObject({ id: 'printer-offline', poor: true, title: 'Printer shows offline', notHelpful: 4 });
    expect(rows.find((x) => x.id === 'gone-article')).toMatchObject({ title: null, notHelpful: 1 });
    const ids = new Set(articles.map((a) => a.id));
    for (const id of ids) expect(rows.some((x) => x.id === id)).toBe(true);
    expect(rows.filter((x) => x.offered === 0).every((x) => x.helpfulRate === null && !x.poor)).toBe(true);
    expect(new Set(rows.map((x) => x.id)).size).toBe(rows.length);
  });

  test('the table shows counts, the rate, the POOR flag and the thresholds', () => {
    const rows = kbReport(tallyFeedback([...repeat(3, [r('printer-offline', false)]), [r('printer-offline', true)]]), articles);

    const table = formatKbReportTable(rows);

    expect(table.split('\n')[0]).toMatch(/^article\s+offered\s+helpful\s+not\s+open\s+rate\s+flag$/);
    expect(table).toMatch(/printer-offline\s+4\s+1\s+3\s+0\s+25%\s+POOR/);
    expect(table).toContain('1 flagged POOR (not helpful >= 3 and helpful rate < 50%)');
  });
});

/** A store with one conversation per offer: tickets carrying kb_json, plus one conversation still at the offer. */
async function seedStore(file: string): Promise<SqliteStore> {
  const store = new SqliteStore(file);
  const now = '2026-11-20T10:00:00.000Z';
  const offers: { kb: KbRating[]; at: string }[] = [
    { kb: [r('vpn-connect', true), r('wifi-connect', true)], at: now },
    { kb: [r('vpn-connect', false)], at: now },
    { kb: [r('printer-offline', false)], at: '2026-11-25T10:00:00.000Z' },
    { kb: [], at: now },
  ];
  let i = 0;
  for (const offer of offers) {
    const accepted = await store.acceptInbound({ ref: { channel: 'terminal', conversationId: `c${i}`, userId: `u${i}` }, platformMessageId: `m${i++}`, text: 'help' }, offer.at);
    await store.commitTurn({
      conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, events: [], outbound: [], now: offer.at,
      tickets: [{ kind: 'open', draft: {
        type: 'incident', category: 'network', impact: 3, urgency: 3, priority: 'P5', summary: 'help', description: 'help', lang: 'en',
        kbArticles: offer.kb, responseDueAt: offer.at, resolveDueAt: offer.at,
      } }],
    });
  }
  const waiting = await store.acceptInbound({ ref: { channel: 'terminal', conversationId: 'cw', userId: 'uw' }, platformMessageId: 'mw', text: 'vpn?' }, now);
  await store.commitTurn({
    conversationId: waiting.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', tickets: [], events: [], outbound: [], now,
    state: { phase: 'kb_offer', intake: { description: 'vpn?', kbTried: [r('vpn-connect', null)] } },
  });
  return store;
}

describe('articleFeedback on the SQLite database', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-feedback-'));
    store = await seedStore(join(dir, 'frontdesk.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('counts tickets\' kb_json and offers still waiting in conversations', () => {
    const rows = articleFeedback(store.db);

    expect(rows.find((x) => x.id === 'vpn-connect')).toMatchObject({ offered: 3, helpful: 1, notHelpful: 1, unanswered: 1 });
    expect(rows.find((x) => x.id === 'wifi-connect')).toMatchObject({ offered: 1, helpful: 1 });
    expect(rows.find((x) => x.id === 'printer-offline')).toMatchObject({ offered: 1, notHelpful: 1 });
  });

  test('a window keeps only tickets created inside it (until exclusive)', () => {
    const rows = articleFeedback(store.db, { since: '2026-11-21', until: '2026-11-26' });

    expect(rows.map((x) => x.id)).toEqual(['printer-offline']);
  });

  function cli(env: Record<string, string>) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env, cwd: dir };
    return { io, out: () => out, err: () => err };
  }

  test('`kb report --format json` prints every article with counts from the configured database', async () => {
    const c = cli({ DATABASE_PATH: join(dir, 'frontdesk.db') });

    const code = await runKbCommand(['report', '--format', 'json', '--dir', FIXTURE_KB], c.io);

    expect(code).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.articles.find((x: { id: string }) => x.id === 'vpn-connect')).toMatchObject({ offered: 3, helpful: 1, notHelpful: 1, helpfulRate: 0.5, poor: false, title: expect.any(String) });
  });

  test('`kb report` prints the table by default; bad options and a missing database exit 1 with the fix', async () => {
    const ok = cli({ DATABASE_PATH: join(dir, 'frontdesk.db') });
    expect(await runKbCommand(['report', '--dir', FIXTURE_KB], ok.io)).toBe(0);
    expect(ok.out()).toMatch(/^article\s+offered/);

    const badFormat = cli({ DATABASE_PATH: join(dir, 'frontdesk.db') });
    expect(await runKbCommand(['report', '--format', 'xml', '--dir', FIXTURE_KB], badFormat.io)).toBe(1);
    expect(badFormat.err()).toContain('--format must be table or json');

    const noDb = cli({ DATABASE_PATH: join(dir, 'missing.db') });
    expect(await runKbCommand(['report', '--dir', FIXTURE_KB], noDb.io)).toBe(1);
    expect(noDb.err()).toContain('set DATABASE_PATH');
  });
});
