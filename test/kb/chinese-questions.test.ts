import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeBase } from '../../src/kb/knowledge-base';

// Chinese questions as mainland employees type them, each with the article that answers it.
// zh-questions.jsonl was written before the Chinese articles; zh-questions-heldout.jsonl after them,
// without looking at the articles' `questions`. Neither is copied into the articles.
type Labelled = { query: string; expect: string };
const load = (name: string): Labelled[] =>
  readFileSync(join(__dirname, 'fixtures', name), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Labelled);

const kb = KnowledgeBase.load(join(__dirname, '..', '..', 'kb-articles'));

describe.each(['zh-questions.jsonl', 'zh-questions-heldout.jsonl'])('Chinese questions of %s', (file) => {
  const questions = load(file);

  it.each(questions.map((q) => [q.query, q.expect]))('%s -> %s in the top 3, in Chinese', (query, slug) => {
    const results = kb.search(query, { limit: 3, lang: 'zh' });

    expect(results.map((r) => r.id)).toContain(slug);
    expect(results.find((r) => r.id === slug)?.lang).toBe('zh');
  });

  it('puts the right article first for at least 90% of them', () => {
    const first = questions.filter((q) => kb.search(q.query, { limit: 1, lang: 'zh' })[0]?.id === q.expect).length;

    expect(first / questions.length).toBeGreaterThanOrEqual(0.9);
  });
});
