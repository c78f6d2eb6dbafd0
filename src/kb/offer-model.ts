/** A logistic model over standardised offer features, with its decision threshold. */
export type OfferModel = {
  /** Feature means and spreads on the training split (FEATURE_NAMES order). */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** Offer when the probability that the best hit is right reaches this. */
  threshold: number;
  /** Also offer the second hit when its score is at least this share of the best. */
  runnerUpRatio: number;
};

/**
 * Fitted by `frontdesk eval kb --calibrate` on the train split of src/kb/data/offer-labels.jsonl
 * (test/kb/offer-calibrate.test.ts checks these numbers are what that fit yields today).
 */
export const OFFER_MODEL: OfferModel = {
  mean: [-1.0506,  0.2211,  0.4437,  1.9659,  0.4788,  0.6093,  1],
  scale: [0.8761,  0.1808,  0.2397,  0.4709,  0.4995,  0.3115,  1],
  weights: [1.7832,  1.0705,  0.068,  1.1756,  0.134,  0.3381,  0],
  bias: 1.7197,
  threshold: 0.51,
  runnerUpRatio: 0.5,
};
