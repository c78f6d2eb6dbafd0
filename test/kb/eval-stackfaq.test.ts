import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { evalOurs, rankFigures, stackFaqArticles, stackFaqQueries } from '../../src/kb/eval-stackfaq';

const EVAL_DIR = process.env.FRONTDESK_EVAL_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'eval');
const haveData = existsSync(join(EVAL_DIR, 'stackfaq_threads.jsonl'));

describe('rankFigures', () => {
  it('computes MRR and recall from ranks', () => {
    expect(rankFigures([1, 2, 0, 10])).toEqual({ mrr: 0.4, r1: 0.25, r5: 0.5, r10: 0.75, queries: 4 });
  });
});

// Under CI=true missing data fails the test (the checkout lacks ../shared/eval), it never skips.
(haveData || process.env.CI === 'true' ? describe : describe.skip)('StackFAQ retrieval', () => {
  it('beats plain BM25 (MRR 0.769) and reaches MRR 0.85 over the 1,250 paraphrase queries', () => {
    const articles = stackFaqArticles(EVAL_DIR);
    const queries = stackFaqQueries(EVAL_DIR);

    const figures = evalOurs(articles, queries);

    expect(articles).toHaveLength(125);
    expect(figures.queries).toBe(1250);
    // Measured 0.866 (R@1 0.796, R@5 0.954); the margin absorbs small tokenizer changes.
    expect(figures.mrr).toBeGreaterThanOrEqual(0.855);
    expect(figures.r5).toBeGreaterThanOrEqual(0.94);
  });
});
