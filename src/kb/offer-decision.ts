import type { Lang } from '../types/conversation';
import type { KbResult } from './kb-index';
import { OFFER_MODEL, type OfferModel } from './offer-model';
import { tokenize } from './tokenize';

/** What the offer model looks at for one message and its ranked hits. */
export type OfferFeatures = {
  /** log of the best hit's normalised score: the low end (0.02 against 0.1) matters most. */
  top: number;
  /** Best score minus the second best: a clear winner is more often right. */
  margin: number;
  /** The margin as a share of the best score. */
  lead: number;
  /** log(1 + content words of the message): long messages score lower for the same answer. */
  length: number;
  /** 1 for a Chinese message. */
  zh: number;
  /** Share of the message's word weight the best article contains at all. */
  coverage: number;
  /** 1 when the best article exists in the message's language. */
  sameLang: number;
};

/** The feature order of OfferModel.weights. */
export const FEATURE_NAMES = ['top', 'margin', 'lead', 'length', 'zh', 'coverage', 'sameLang'] as const;

// Active attacks and compromised accounts go to the security path, never to self-help reading
// (issue 17: "files being renamed to .locked" was offered "Restore a deleted file").
const ACTIVE_SECURITY_EVENT = new RegExp([
  String.raw`\.(locked|encrypted|crypt)\b`, 'ransom', 'encrypted all', 'files (are )?(all )?encrypted', 'been hacked', 'hacked\\?',
  'clicked (a|the|on a|on the) link.*(password|login|credentials)', '(typed|entered) my password', 'emails? from my account that i',
  '勒索', '被加密', '被黑', '被盗号', '盗号', '点了.*链接.*(输入|填)了?.*密码', '用我的邮箱发',
].join('|'), 'i');

/** Whether a message describes an active attack or a compromised account (never answered with an article). */
export function isActiveSecurityEvent(text: string): boolean {
  return ACTIVE_SECURITY_EVENT.test(text);
}

/** The features of a message's hits (best first); undefined when there is no hit. */
export function offerFeatures(text: string, lang: Lang, hits: readonly KbResult[]): OfferFeatures | undefined {
  if (hits.length === 0) return undefined;
  const words = tokenize(text, { bigrams: false }).filter((t) => t.kind === 'word' || t.kind === 'han').length;
  return {
    top: Math.log(hits[0].score + 0.01),
    margin: hits[0].score - (hits[1]?.score ?? 0),
    lead: (hits[0].score - (hits[1]?.score ?? 0)) / Math.max(hits[0].score, 1e-3),
    length: Math.log1p(words),
    zh: lang === 'zh' ? 1 : 0,
    coverage: hits[0].coverage,
    sameLang: hits[0].lang === lang ? 1 : 0,
  };
}

/** Probability that the best hit is the article the message needs. */
export function offerProbability(features: OfferFeatures, model: OfferModel = OFFER_MODEL): number {
  let z = model.bias;
  FEATURE_NAMES.forEach((name, i) => {
    z += model.weights[i] * ((features[name] - model.mean[i]) / model.scale[i]);
  });
  return 1 / (1 + Math.exp(-z));
}

/** Given the model's probability for the best hit: nothing, the best hit, or it and a close runner-up. */
export function pickOffered(hits: readonly KbResult[], probability: number, model: OfferModel = OFFER_MODEL): KbResult[] {
  if (hits.length === 0 || probability < model.threshold) return [];
  return hits[1] && hits[1].score >= model.runnerUpRatio * hits[0].score ? [hits[0], hits[1]] : [hits[0]];
}

/**
 * The hits worth offering, best first: none for an active security event or when the model doubts the
 * best hit; otherwise the best hit, plus the runner-up when it scores nearly as high (the user picks).
 */
export function decideOffer(text: string, lang: Lang, hits: readonly KbResult[], model: OfferModel = OFFER_MODEL): KbResult[] {
  if (isActiveSecurityEvent(text)) return [];
  const features = offerFeatures(text, lang, hits);
  return features ? pickOffered(hits, offerProbability(features, model), model) : [];
}
