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
  mean: [-1.0836,  0.2119,  0.4302,  1.9659,  0.4799,  0.5952,  1],
  scale: [0.8765,  0.1807,  0.242,  0.4628,  0.4996,  0.3128,  1],
  weights: [1.7164,  1.0936,  0.1758,  1.1248,  0.1277,  0.3918,  0],
  bias: 1.4431,
  threshold: 0.53,
  runnerUpRatio: 0.5,
};
