/** Edit distance with adjacent transpositions (OSA), giving up as soon as it must exceed `max`. */
export function boundedEditDistance(a: string, b: string, max: number, rows: Int32Array[] = makeRows(64)): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > rows[0].length) rows = makeRows(m + 1);
  let prev2 = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[m];
}

function makeRows(width: number): Int32Array[] {
  return [new Int32Array(width), new Int32Array(width), new Int32Array(width)];
}

/** Allowed typos for a word of this length: none under 4 letters, 1 up to 7, 2 from 8. */
export function maxTyposFor(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * Known surface words bucketed by first letter and length, to repair a misspelt query word.
 * Candidates share the first letter, or have the first two letters swapped ("wnidows"): that keeps
 * the scan to a few hundred words even on a large corpus.
 */
export class TypoVocabulary {
  private readonly buckets = new Map<string, string[]>();
  private readonly rows = makeRows(64);
  private readonly cache = new Map<string, { word: string; stem: string; distance: number }[]>();

  /** `stems` maps surface word -> stem; `keep` filters out words not worth repairing towards. */
  constructor(
    private readonly stems: ReadonlyMap<string, string>,
    keep: (word: string, stem: string) => boolean = () => true,
  ) {
    for (const [word, stem] of stems) {
      if (word.length < 3 || /\d/.test(word) || !keep(word, stem)) continue;
      const key = `${word[0]}${word.length}`;
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(word);
      else this.buckets.set(key, [word]);
    }
  }

  /** Known words at the smallest allowed distance from `word`, each with its stem and distance. */
  correct(word: string): { word: string; stem: string; distance: number }[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const max = maxTyposFor(word.length);
    const found: { word: string; stem: string; distance: number }[] = [];
    for (let length = word.length - max; max > 0 && length <= word.length + max; length++) {
      this.scan(this.buckets.get(`${word[0]}${length}`), word, max, found, false);
      if (word[1] !== word[0]) this.scan(this.buckets.get(`${word[1]}${length}`), word, max, found, true);
    }
    const best = Math.min(...found.map((f) => f.distance));
    const result = found.filter((f) => f.distance === best);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private scan(bucket: string[] | undefined, word: string, max: number, found: { word: string; stem: string; distance: number }[], swapped: boolean): void {
    for (const candidate of bucket ?? []) {
      if (swapped && candidate[1] !== word[0]) continue;
      const distance = boundedEditDistance(word, candidate, max, this.rows);
      if (distance <= max) found.push({ word: candidate, stem: this.stems.get(candidate)!, distance });
    }
  }
}
