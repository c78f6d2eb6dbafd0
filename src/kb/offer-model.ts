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
  mean: [-0.8978, 0.2427, 0.4546, 1.8942, 0.4803, 0.6585, 1],
  scale: [0.7944, 0.183, 0.2421, 0.4091, 0.4996, 0.2979, 1],
  weights: [1.4545, 0.8838, 0.1425, 1.1164, -0.0519, 0.2046, 0],
  bias: 2.0088,
  threshold: 0.49,
  runnerUpRatio: 0.5,
};
