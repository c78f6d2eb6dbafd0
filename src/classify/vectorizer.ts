/** A sparse row: parallel feature indices and values. */
export type SparseVector = { idx: Int32Array; val: Float32Array };

/** Serializable TF-IDF vocabulary. */
export type VectorizerState = { vocab: string[]; idf: number[] };

/** Options for fitting the vocabulary. */
export type VectorizerOptions = {
  /** Drop features seen in fewer documents (noise and memory). */
  minDf: number;
  /** Keep at most this many features, the most frequent first. */
  maxFeatures: number;
};

/** Sensible defaults for a few hundred to tens of thousands of documents. */
export const DEFAULT_VECTORIZER_OPTIONS: VectorizerOptions = { minDf: 1, maxFeatures: 400_000 };

/**
 * TF-IDF with sublinear term frequency (1 + ln tf) and L2 normalisation: long tickets full of mail
 * residue do not drown short ones, and rare discriminative words weigh more than "please".
 */
export class Vectorizer {
  private readonly index: Map<string, number>;

  constructor(readonly state: VectorizerState) {
    this.index = new Map(state.vocab.map((f, i) => [f, i]));
  }

  /** Number of features. */
  get size(): number {
    return this.state.vocab.length;
  }

  /** Whether a feature name is in the vocabulary. */
  has(feature: string): boolean {
    return this.index.has(feature);
  }

  /** Learn the vocabulary and inverse document frequencies from tokenized documents. */
  static fit(docs: Iterable<string[]>, opts: Partial<VectorizerOptions> = {}): Vectorizer {
    return Vectorizer.fitTransform(docs, opts).vectorizer;
  }

  /**
   * Fit on a stream of tokenized documents and return their vectors too. Documents are interned to
   * integer ids as they arrive, so tens of thousands of long tickets do not sit in memory as strings.
   */
  static fitTransform(docs: Iterable<string[]>, opts: Partial<VectorizerOptions> = {}): { vectorizer: Vectorizer; xs: SparseVector[] } {
    const { minDf, maxFeatures } = { ...DEFAULT_VECTORIZER_OPTIONS, ...opts };
    const ids = new Map<string, number>();
    const df: number[] = [];
    const encoded: Int32Array[] = [];
    for (const doc of docs) {
      const row = new Int32Array(doc.length);
      doc.forEach((f, i) => {
        let id = ids.get(f);
        if (id === undefined) { id = ids.size; ids.set(f, id); df.push(0); }
        row[i] = id;
      });
      for (const id of new Set(row)) df[id]++;
      encoded.push(row);
    }
    let kept = [...ids.entries()].filter(([, id]) => df[id] >= minDf);
    if (kept.length > maxFeatures) kept = kept.sort((a, b) => df[b[1]] - df[a[1]]).slice(0, maxFeatures);
    kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const n = encoded.length;
    const vectorizer = new Vectorizer({
      vocab: kept.map(([f]) => f),
      idf: kept.map(([, id]) => Math.log((1 + n) / (1 + df[id])) + 1),
    });
    const remap = new Int32Array(ids.size).fill(-1);
    kept.forEach(([, id], index) => { remap[id] = index; });
    const xs = encoded.map((row) => vectorizer.weigh(countIds(row, remap)));
    return { vectorizer, xs };
  }

  /** Map tokens to a normalized sparse vector; unknown tokens are ignored. */
  transform(tokens: string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const t of tokens) {
      const i = this.index.get(t);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    return this.weigh(counts);
  }

  private weigh(counts: Map<number, number>): SparseVector {
    const idx = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const val = new Float32Array(idx.length);
    let norm = 0;
    for (let k = 0; k < idx.length; k++) {
      const v = (1 + Math.log(counts.get(idx[k])!)) * this.state.idf[idx[k]];
      val[k] = v;
      norm += v * v;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let k = 0; k < val.length; k++) val[k] *= inv;
    }
    return { idx, val };
  }
}

function countIds(row: Int32Array, remap: Int32Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const id of row) {
    const i = remap[id];
    if (i >= 0) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return counts;
}
