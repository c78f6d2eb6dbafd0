import type { KbHit } from '../engine/turn-types';
import type { Lang } from '../types/conversation';
import type { KnowledgeBase } from './knowledge-base';
import { defaultOfferLabelsPath, loadOfferLabels, type OfferLabel } from './offer-labels';
import { OFFER_MODEL } from './offer-model';
import { offerSearch } from './offer-search';

/** What the chat showed for labelled messages of one language. */
export type OfferFigures = {
  messages: number;
  /** Messages some article answers (label is not `none`). */
  answerable: number;
  /** Share of answerable messages whose right article was shown (= offer recall). */
  rightShown: number;
  /** Share of all messages shown articles none of which is the right one (any article for a `none`). */
  wrongShown: number;
  /** Of the messages shown an article, the share where the right one was among them. */
  offerPrecision: number;
  /** Of the messages shown no article, the share that really had none. */
  nonePrecision: number;
  /** Of the `none` messages, the share shown no article. */
  noneRecall: number;
};

/** The chat's kbSearch step (TurnDeps.kbSearch): the code measured is the code the conversation runs. */
export type ChatKbSearch = (text: string, lang: Lang) => KbHit[];

const round = (x: number): number => Math.round(x * 1000) / 1000;
const share = (part: number, whole: number): number => (whole === 0 ? 0 : round(part / whole));

/** Offer figures of labelled messages, computed from what `kbSearch` returns for each. */
export function offerFigures(rows: readonly OfferLabel[], kbSearch: ChatKbSearch): OfferFigures {
  let answerable = 0, right = 0, wrong = 0, offered = 0, silent = 0, silentRight = 0, none = 0;
  for (const row of rows) {
    const shown = kbSearch(row.text, row.lang).map((h) => h.id);
    const hasRight = shown.includes(row.label);
    if (row.label === 'none') none++;
    else answerable++;
    if (hasRight) right++;
    if (shown.length > 0) {
      offered++;
      if (!hasRight) wrong++;
    } else {
      silent++;
      if (row.label === 'none') silentRight++;
    }
  }
  return {
    messages: rows.length,
    answerable,
    rightShown: share(right, answerable),
    wrongShown: share(wrong, rows.length),
    offerPrecision: share(right, offered),
    nonePrecision: share(silentRight, silent),
    noneRecall: share(silentRight, none),
  };
}

/** Offer figures by language (and overall) on one split of the labelled set. */
export function offerFiguresByLang(rows: readonly OfferLabel[], kbSearch: ChatKbSearch): Record<Lang | 'all', OfferFigures> {
  return {
    en: offerFigures(rows.filter((r) => r.lang === 'en'), kbSearch),
    zh: offerFigures(rows.filter((r) => r.lang === 'zh'), kbSearch),
    all: offerFigures(rows, kbSearch),
  };
}

/** Offer figures of the labelled set, held-out split first, with the model that produced them. */
export type ChatOfferReport = {
  labels: { file: string; train: number; test: number };
  model: { threshold: number; runnerUpRatio: number };
  heldOut: Record<Lang | 'all', OfferFigures>;
  train: Record<Lang | 'all', OfferFigures>;
};

/**
 * What the chat shows for each labelled message, through offerSearch: the function TurnDeps.kbSearch
 * is (turn-deps.ts), so the figures are the conversation's, not a re-implementation's.
 */
export function chatOfferReport(kb: KnowledgeBase, labelsFile: string = defaultOfferLabelsPath()): ChatOfferReport {
  const rows = loadOfferLabels(labelsFile);
  const kbSearch: ChatKbSearch = (text, lang) => offerSearch(kb, text, lang, (id, l) => `/kb/${id}?lang=${l}`);
  const test = rows.filter((r) => r.split === 'test');
  const train = rows.filter((r) => r.split === 'train');
  return {
    labels: { file: labelsFile, train: train.length, test: test.length },
    model: { threshold: OFFER_MODEL.threshold, runnerUpRatio: OFFER_MODEL.runnerUpRatio },
    heldOut: offerFiguresByLang(test, kbSearch),
    train: offerFiguresByLang(train, kbSearch),
  };
}
