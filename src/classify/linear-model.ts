import type { SparseVector } from './vectorizer';

/** Serializable weights of a multiclass linear model over any label set. */
export type LinearModelState = {
  labels: string[];
  dim: number;
  /** Row-major by feature: weight of feature j for class k at j * labels.length + k. */
  weights: number[];
  bias: number[];
  /** Softmax temperature fitted on held-out rows so probabilities are calibrated. */
  temperature: number;
};

/** Training options for {@link trainLinear}. */
export type LinearTrainOptions = {
  /** 'log' = multinomial logistic regression; 'hinge' = Crammer-Singer multiclass SVM. */
  loss: 'log' | 'hinge';
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied lazily to the features a row touches. */
  l2: number;
  /** 'balanced' weighs each class by n / (k * n_class), which helps macro-F1 on skewed labels. */
  classWeight: 'balanced' | 'none';
  seed: number;
};

/** Defaults tuned on it_service_tickets (train split only) and the shipped examples. */
export const DEFAULT_LINEAR_OPTIONS: LinearTrainOptions = {
  loss: 'log', epochs: 12, learningRate: 0.5, l2: 1e-5, classWeight: 'none', seed: 1,
};

/** Small deterministic PRNG (mulberry32) so training is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function classWeights(y: number[], k: number, mode: LinearTrainOptions['classWeight']): Float64Array {
  const w = new Float64Array(k).fill(1);
  if (mode === 'none') return w;
  const counts = new Float64Array(k);
  for (const c of y) counts[c]++;
  for (let c = 0; c < k; c++) w[c] = counts[c] ? y.length / (k * counts[c]) : 0;
  return w;
}

/** Raw class scores w·x + b. */
export function scores(m: LinearModelState | { weights: ArrayLike<number>; bias: ArrayLike<number>; labels: string[] }, x: SparseVector): Float64Array {
  const k = m.labels.length;
  const s = Float64Array.from(m.bias);
  for (let n = 0; n < x.idx.length; n++) {
    const base = x.idx[n] * k;
    const v = x.val[n];
    for (let c = 0; c < k; c++) s[c] += m.weights[base + c] * v;
  }
  return s;
}

/** Softmax of scores divided by a temperature, in place. */
export function softmax(s: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v / temperature);
  let sum = 0;
  for (let c = 0; c < s.length; c++) sum += s[c] = Math.exp(s[c] / temperature - max);
  for (let c = 0; c < s.length; c++) s[c] /= sum;
  return s;
}

/**
 * Train a multiclass linear model with SGD and weight averaging (the average of all iterates
 * generalises better than the last one and makes the result insensitive to the learning rate).
 */
export function trainLinear(
  xs: SparseVector[], ys: number[], labels: string[], dim: number, options: Partial<LinearTrainOptions> = {},
): LinearModelState {
  const o = { ...DEFAULT_LINEAR_OPTIONS, ...options };
  const k = labels.length;
  const w = new Float64Array(dim * k);
  const u = new Float64Array(dim * k); // sum of t * delta, for the averaging trick
  const b = new Float64Array(k);
  const ub = new Float64Array(k);
  const cw = classWeights(ys, k, o.classWeight);
  const random = rng(o.seed);
  const g = new Float64Array(k);
  let t = 1;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const eta = o.learningRate / (1 + epoch * 0.5);
    for (const i of shuffled(xs.length, random)) {
      const x = xs[i];
      const y = ys[i];
      const s = scores({ weights: w, bias: b, labels }, x);
      if (!gradient(s, y, o.loss, g)) { t++; continue; }
      for (let n = 0; n < x.idx.length; n++) {
        const base = x.idx[n] * k;
        const v = x.val[n];
        for (let c = 0; c < k; c++) {
          const j = base + c;
          const delta = -eta * (cw[y] * g[c] * v + o.l2 * w[j]);
          w[j] += delta;
          u[j] += t * delta;
        }
      }
      for (let c = 0; c < k; c++) {
        const delta = -eta * cw[y] * g[c];
        b[c] += delta;
        ub[c] += t * delta;
      }
      t++;
    }
  }
  const weights = new Array<number>(dim * k);
  for (let j = 0; j < w.length; j++) weights[j] = w[j] - u[j] / t;
  return { labels, dim, weights, bias: Array.from(b, (v, c) => v - ub[c] / t), temperature: 1 };
}

/** Fill g with the loss gradient w.r.t. the scores; false when there is nothing to update. */
function gradient(s: Float64Array, y: number, loss: LinearTrainOptions['loss'], g: Float64Array): boolean {
  if (loss === 'log') {
    softmax(s);
    for (let c = 0; c < s.length; c++) g[c] = s[c] - (c === y ? 1 : 0);
    return true;
  }
  let rival = -1;
  for (let c = 0; c < s.length; c++) if (c !== y && (rival < 0 || s[c] > s[rival])) rival = c;
  if (rival < 0 || s[y] - s[rival] >= 1) return false;
  g.fill(0);
  g[y] = -1;
  g[rival] = 1;
  return true;
}

/** Calibrated class probabilities, in label order. */
export function predictProba(m: LinearModelState, x: SparseVector): Float64Array {
  return softmax(scores(m, x), m.temperature);
}

/** Pick the softmax temperature minimising log-loss on held-out rows (temperature scaling). */
export function fitTemperature(m: LinearModelState, xs: SparseVector[], ys: number[]): number {
  const raw = xs.map((x) => scores(m, x));
  let best = { t: 1, nll: Infinity };
  for (let t = 0.05; t <= 8; t *= 1.1) {
    let nll = 0;
    raw.forEach((s, i) => { nll -= Math.log(Math.max(1e-12, softmax(Float64Array.from(s), t)[ys[i]])); });
    if (nll < best.nll) best = { t, nll };
  }
  return best.t;
}
