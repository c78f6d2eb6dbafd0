import type { KbResult } from './kb-index';
import type { KnowledgeBase } from './knowledge-base';
import { FEATURE_NAMES, isActiveSecurityEvent, offerFeatures, offerProbability, pickOffered, type OfferFeatures } from './offer-decision';
import type { OfferLabel } from './offer-labels';
import type { OfferModel } from './offer-model';
import { OFFER_CANDIDATES } from './offer-search';

type Example = { row: OfferLabel; hits: KbResult[]; features: OfferFeatures; x: number[]; y: number };

/** Highest share of calibration messages allowed a wrong article; the goal is 0.05 held out. */
const MAX_WRONG_SHOWN = 0.03;
const EPOCHS = 3000;
const LEARNING_RATE = 0.1;
const L2 = 0.01;

function examples(kb: KnowledgeBase, rows: readonly OfferLabel[]): Example[] {
  return rows.flatMap((row) => {
    const hits = kb.search(row.text, { limit: OFFER_CANDIDATES, lang: row.lang });
    const features = offerFeatures(row.text, row.lang, hits);
    // Messages never offered anything (no hit, or an active attack) say nothing about the model.
    if (!features || isActiveSecurityEvent(row.text)) return [];
    return [{ row, hits, features, x: FEATURE_NAMES.map((n) => features[n]), y: hits[0].id === row.label ? 1 : 0 }];
  });
}

/** Logistic regression by full-batch gradient descent on standardised features (deterministic). */
export function fitLogistic(xs: number[][], ys: number[]): Pick<OfferModel, 'mean' | 'scale' | 'weights' | 'bias'> {
  const k = xs[0]?.length ?? 0;
  const mean = Array.from({ length: k }, (_, j) => xs.reduce((s, x) => s + x[j], 0) / xs.length);
  const scale = mean.map((m, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j] - m) ** 2, 0) / xs.length) || 1);
  const z = xs.map((x) => x.map((v, j) => (v - mean[j]) / scale[j]));
  const weights = new Array<number>(k).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Array<number>(k).fill(0);
    let gradBias = 0;
    z.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-(bias + x.reduce((s, v, j) => s + v * weights[j], 0))));
      const error = p - ys[i];
      x.forEach((v, j) => (grad[j] += error * v));
      gradBias += error;
    });
    weights.forEach((w, j) => (weights[j] = w - LEARNING_RATE * (grad[j] / z.length + L2 * w)));
    bias -= LEARNING_RATE * (gradBias / z.length);
  }
  const r = (x: number): number => Math.round(x * 10_000) / 10_000;
  return { mean: mean.map(r), scale: scale.map(r), weights: weights.map(r), bias: r(bias) };
}

/**
 * Fit the offer model on the labelled rows given (the train split): logistic regression for "the best
 * hit is right", then the threshold and runner-up ratio that show the right article most often while
 * keeping wrong articles under MAX_WRONG_SHOWN of the messages.
 */
export function calibrateOfferModel(kb: KnowledgeBase, rows: readonly OfferLabel[]): OfferModel {
  const data = examples(kb, rows);
  const fitted = fitLogistic(data.map((e) => e.x), data.map((e) => e.y));
  const probabilities = data.map((e) => offerProbability(e.features, { ...fitted, threshold: 0, runnerUpRatio: 1 }));
  let best: OfferModel | undefined;
  let bestRight = -1;
  for (let t = 5; t <= 95; t++) {
    for (let r = 50; r <= 101; r += 2) {
      const model: OfferModel = { ...fitted, threshold: t / 100, runnerUpRatio: r / 100 };
      let right = 0, wrong = 0;
      for (const [i, e] of data.entries()) {
        const shown = pickOffered(e.hits, probabilities[i], model).map((h) => h.id);
        if (shown.includes(e.row.label)) right++;
        else if (shown.length > 0) wrong++;
      }
      if (wrong > MAX_WRONG_SHOWN * rows.length || right <= bestRight) continue;
      best = model;
      bestRight = right;
    }
  }
  return best ?? { ...fitted, threshold: 0.95, runnerUpRatio: 1.01 };
}
