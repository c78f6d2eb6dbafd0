import type { Token } from './tokenize';

const MAX_EXCERPT = 200;
const MAX_LINES = 60;

function plain(line: string): string {
  return line
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>#|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The body line that contains most query stems (the first line when none does), as plain text.
 * Substring tests instead of re-tokenizing: a stem is a prefix of its word forms, and this runs per hit.
 */
export function makeExcerpt(body: string, queryTokens: readonly Token[]): string {
  const wanted: string[] = [];
  for (const token of queryTokens) {
    if ((token.kind === 'word' || token.kind === 'han') && !wanted.includes(token.term)) wanted.push(token.term);
  }
  let best = '';
  let bestHits = -1;
  for (const raw of body.split('\n', MAX_LINES)) {
    if (raw.trim().length < 8 || raw.startsWith('#')) continue;
    const lower = raw.toLowerCase();
    let hits = 0;
    for (const term of wanted) if (lower.includes(term)) hits++;
    if (hits > bestHits) {
      best = raw;
      bestHits = hits;
    }
  }
  const text = plain(best);
  return text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT - 1).trimEnd()}…` : text;
}
