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
  mean: [-1.0824, 0.2122, 0.4309, 1.9659, 0.4799, 0.5952, 1],
  scale: [0.8758, 0.1806, 0.2415, 0.4628, 0.4996, 0.3128, 1],
  weights: [1.75, 1.0717, 0.2091, 1.1254, 0.1201, 0.3814, 0],
  bias: 1.4409,
  threshold: 0.53,
  runnerUpRatio: 0.5,
};
