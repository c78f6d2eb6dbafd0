import { join } from 'node:path';
import { loadArticles } from '../../src/kb/article';
import { benchKbLatency, syntheticCorpus } from '../../src/kb/bench';

const articles = loadArticles(join(__dirname, 'fixtures', 'kb'));

describe('syntheticCorpus', () => {
  it('builds the asked number of distinct, deterministic article versions from the real ones', () => {
    const corpus = syntheticCorpus(articles, 50);

    expect(corpus).toHaveLength(50);
    expect(new Set(corpus.map((a) => `${a.id}.${a.lang}`)).size).toBe(50);
    expect(syntheticCorpus(articles, 50)).toEqual(corpus);
  });
});

describe('benchKbLatency', () => {
  it('reports percentiles for both engines on the same corpus', () => {
    const figures = benchKbLatency(articles, 100);

    expect(figures.articles).toBe(100);
    expect(figures.queries).toBeGreaterThan(0);
    expect(figures.ours.p99).toBeGreaterThanOrEqual(figures.ours.p50);
    expect(figures.minisearch.p99).toBeGreaterThanOrEqual(figures.minisearch.p50);
  });
});
