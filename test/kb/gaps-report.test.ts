import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArticleDir } from '../../src/kb/article';
import { clusterGaps, type GapRecord } from '../../src/kb/gaps/gap-topics';
import { staleArticles } from '../../src/kb/gaps/stale-articles';
import { SqliteStore } from '../../src/store/sqlite-store';
import { WEEK_OF_GAPS, seedGaps, seedUnhelpful } from './gap-fixture';
import { kb, tempDir } from './import-helpers';

const FIXTURE_KB = join(__dirname, 'fixtures', 'kb');
const records = (): GapRecord[] => WEEK_OF_GAPS.map((g) => ({ at: g.at, lang: g.lang, query: g.query, category: g.category ?? null }));

describe('unanswered topics', () => {
  test('similar questions cluster by shared terms, with counts, languages, area and newest examples first', () => {
    const topics = clusterGaps(records());

    expect(topics.map((t) => t.count)).toEqual([3, 2, 1]);
    expect(topics[0]).toMatchObject({ count: 3, langs: { en: 3 }, category: 'other', lastAt: '2026-03-04T11:00:00.000Z' });
    expect(topics[0].terms).toEqual(expect.arrayContaining(['meeting', 'room']));
    expect(topics[0].examples).toEqual(['Meeting room booking does not work', 'book meeting room 5F', 'how do I book a meeting room for Friday']);
    expect(topics[1]).toMatchObject({ count: 2, langs: { zh: 2 } });
    expect(topics[1].terms).toEqual(expect.arrayContaining(['会议', '预订']));
    expect(topics[2].examples).toEqual(['the coffee machine leaks, call [phone]']);
  });

  test('the limit keeps the biggest topics; nothing recorded gives no topics', () => {
    expect(clusterGaps(records(), 1)).toHaveLength(1);
    expect(clusterGaps([])).toEqual([]);
  });
});

describe('stale articles', () => {
  test('articles updated more than the allowed days ago, oldest first', () => {
    const { articles } = readArticleDir(FIXTURE_KB);
    const now = new Date('2026-12-01T00:00:00Z');
    const newest = articles.map((a) => a.updated).sort().at(-1) as string;
    const ageOfNewest = Math.floor((now.getTime() - Date.parse(`${newest}T00:00:00Z`)) / 86_400_000);

    expect(staleArticles(articles, now, 100_000)).toEqual([]);
    const stale = staleArticles(articles, now, ageOfNewest - 1);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((s, i) => i === 0 || s.ageDays <= stale[i - 1].ageDays)).toBe(true);
    expect(stale.every((s) => s.ageDays > ageOfNewest - 1)).toBe(true);
  });
});

describe('frontdesk kb report: gaps, poor and stale', () => {
  test('table and JSON list the unanswered topics, the poorly rated and the stale articles (KB_STALE_DAYS or --stale-days)', async () => {
    // Arrange: a database with a week of gaps and a poorly rated article; one article last updated in 2020.
    const dir = tempDir('kb-report');
    const kbDir = join(dir, 'kb');
    cpSync(FIXTURE_KB, kbDir, { recursive: true });
    const old = join(kbDir, 'printer-offline.md');
    writeFileSync(old, readFileSync(old, 'utf8').replace(/^updated: .*$/m, 'updated: 2020-01-15'));
    const store = new SqliteStore(join(dir, 'frontdesk.db'));
    await seedGaps(store, WEEK_OF_GAPS);
    await seedUnhelpful(store, 'printer-offline', 3, '2026-03-03T10:00:00.000Z');
    await store.close();
    const env = { DATABASE_PATH: join(dir, 'frontdesk.db'), KB_STALE_DAYS: '3650' };

    // Act
    const table = await kb(['report', '--dir', kbDir], { env });
    const json = await kb(['report', '--dir', kbDir, '--format', 'json', '--stale-days', '365'], { env });
    const window = await kb(['report', '--dir', kbDir, '--format', 'json', '--since', '2026-03-05'], { env });
    const bad = await kb(['report', '--dir', kbDir, '--stale-days', 'soon'], { env });

    // Assert
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^article\s+offered/);
    expect(table.out).toMatch(/printer-offline\s+3\s+0\s+3\s+0\s+0%\s+POOR/);
    expect(table.out).toContain('Unanswered topics (6 searches found nothing to offer):');
    expect(table.out).toMatch(/ 1\. [^\n]*meeting room[^\n]* x3 \(en 3; other\)\n {6}"Meeting room booking does not work"/);
    expect(table.out).toMatch(/ 2\. [^\n]*x2 \(zh 2; other\)\n {6}"会议室预订不了"/);
    expect(table.out).toContain('Stale articles (updated more than 3650 days ago; KB_STALE_DAYS or --stale-days):\n    none');
    const report = JSON.parse(json.out);
    expect(report.gaps.searches).toBe(6);
    expect(report.gaps.topics[0]).toMatchObject({ count: 3, examples: expect.arrayContaining(['book meeting room 5F']) });
    expect(report.staleDays).toBe(365);
    expect(report.stale).toEqual([expect.objectContaining({ id: 'printer-offline', lang: 'en', updated: '2020-01-15' })]);
    expect(report.articles.find((a: { id: string }) => a.id === 'printer-offline')).toMatchObject({ poor: true });
    expect(JSON.parse(window.out).gaps.searches).toBe(2);
    expect(bad).toMatchObject({ code: 1, err: expect.stringContaining('--stale-days must be a positive whole number') });
  });
});
