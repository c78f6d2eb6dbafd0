import { DEFAULT_TOKEN_OPTIONS, tokenize, type TokenOptions } from './tokenize';
import { Vectorizer, type SparseVector, type VectorizerOptions } from './vectorizer';
import {
  fitTemperature, predictProba, trainLinear, type LinearModelState, type LinearTrainOptions,
} from './linear-model';

/** Everything that shapes a trained text classifier. */
export type TextClassifierOptions = {
  tokens: TokenOptions;
  vectorizer: Partial<VectorizerOptions>;
  linear: Partial<LinearTrainOptions>;
  /** Hold out this share of rows to fit the softmax temperature, then retrain on all rows; 0 skips it. */
  calibrationShare: number;
  /**
   * Predict `label` whenever its probability reaches `minProbability`, else the best other label: a
   * cut-off for a rare class chosen on validation rows (the argmax when absent).
   */
  decisionThreshold?: DecisionThreshold;
};

/** A per-label decision cut-off, see {@link TextClassifierOptions.decisionThreshold}. */
export type DecisionThreshold = { label: string; minProbability: number };

/** Product defaults: word unigrams+bigrams, Han words+characters, Crammer-Singer SVM, calibrated. */
export const DEFAULT_TEXT_OPTIONS: TextClassifierOptions = {
  tokens: DEFAULT_TOKEN_OPTIONS,
  vectorizer: { minDf: 1 },
  linear: { loss: 'hinge', epochs: 10, learningRate: 0.3, l2: 1e-5 },
  calibrationShare: 0.2,
};

/** Tokenize one text at a time, so only the interned ids of a large training set stay in memory. */
export function* lazyTokens(texts: Iterable<string>, tokens: TokenOptions): Generator<string[]> {
  for (const t of texts) yield tokenize(t, tokens);
}

/** A prediction: the best label, its calibrated probability and the full distribution. */
export type Prediction = { label: string; confidence: number; probabilities: Record<string, number> };

/**
 * Train one calibrated head on prepared vectors. Labels may be any strings: the same code serves
 * our 8 categories, the 3 ticket types and the evaluation sets' own label sets.
 */
export function trainHead(
  xs: SparseVector[], labels: string[], dim: number, opts: TextClassifierOptions,
): LinearModelState {
  const names = [...new Set(labels)].sort();
  if (names.length < 2) throw new Error(`Training needs at least 2 distinct labels, got ${names.length}: add examples of other classes`);
  const ys = labels.map((l) => names.indexOf(l));
  let temperature = 1;
  if (opts.calibrationShare > 0 && xs.length >= 40) {
    // Every k-th row is held out: deterministic, and spread over the file's order.
    const k = Math.max(2, Math.round(1 / opts.calibrationShare));
    const fitIdx = ys.map((_, i) => i).filter((i) => i % k !== 0);
    const calIdx = ys.map((_, i) => i).filter((i) => i % k === 0);
    const probe = trainLinear(fitIdx.map((i) => xs[i]), fitIdx.map((i) => ys[i]), names, dim, opts.linear);
    temperature = fitTemperature(probe, calIdx.map((i) => xs[i]), calIdx.map((i) => ys[i]));
  }
  return { ...trainLinear(xs, ys, names, dim, opts.linear), temperature };
}

/** Predict with one head, optionally favouring one label above a probability cut-off. */
export function predictHead(head: LinearModelState, x: SparseVector, threshold?: DecisionThreshold): Prediction {
  const p = predictProba(head, x);
  const favoured = threshold ? head.labels.indexOf(threshold.label) : -1;
  let best = -1;
  for (let c = 0; c < p.length; c++) if (c !== favoured && (best < 0 || p[c] > p[best])) best = c;
  if (favoured >= 0 && (best < 0 || p[favoured] >= threshold!.minProbability)) best = favoured;
  const probabilities = Object.fromEntries(head.labels.map((l, c) => [l, p[c]]));
  return { label: head.labels[best], confidence: p[best], probabilities };
}

/** A single-head classifier over any label set (used by the benchmarks and by `train`). */
export class TextClassifier {
  constructor(
    readonly tokens: TokenOptions,
    readonly vectorizer: Vectorizer,
    readonly head: LinearModelState,
    readonly decisionThreshold?: DecisionThreshold,
  ) {}

  /** Fit tokens -> TF-IDF -> linear head on labelled texts. */
  static train(texts: string[], labels: string[], options: Partial<TextClassifierOptions> = {}): TextClassifier {
    const opts = { ...DEFAULT_TEXT_OPTIONS, ...options };
    const { vectorizer, xs } = Vectorizer.fitTransform(lazyTokens(texts, opts.tokens), opts.vectorizer);
    const head = trainHead(xs, labels, vectorizer.size, opts);
    const t = opts.decisionThreshold;
    if (t && !head.labels.includes(t.label)) throw new Error(`decisionThreshold names label "${t.label}" absent from the training labels: use one of ${head.labels.join(', ')}`);
    return new TextClassifier(opts.tokens, vectorizer, head, t);
  }

  /** Classify one text. */
  predict(text: string): Prediction {
    return predictHead(this.head, this.vectorizer.transform(tokenize(text, this.tokens)), this.decisionThreshold);
  }
}
