import type { KbHit } from '../engine/turn-types';
import type { Lang } from '../types/conversation';
import { answerSection } from './answer-section';
import type { KnowledgeBase } from './knowledge-base';
import { decideOffer } from './offer-decision';

/** Builds the web address of an article version. */
export type KbUrlFor = (id: string, lang: Lang) => string;

/** How many hits the offer model sees: the best one and enough runners-up to judge its margin. */
export const OFFER_CANDIDATES = 5;

/**
 * The conversation's knowledge-base step (TurnDeps.kbSearch): search, let the offer model decide which
 * hits to offer, and attach the section of each that answers the message, with `kb:` links made real.
 */
export function offerSearch(kb: KnowledgeBase, text: string, lang: Lang, urlFor: KbUrlFor): KbHit[] {
  const hits = decideOffer(text, lang, kb.search(text, { limit: OFFER_CANDIDATES, lang }));
  return hits.map((hit) => {
    const article = kb.get(hit.id, hit.lang);
    const section = article ? answerSection(article, text) : undefined;
    const linked = (line: string) =>
      line.replace(/\]\(kb:([a-z0-9-]+)(?:\?lang=(en|zh))?\)/g, (_m, id: string, to?: Lang) => `](${urlFor(id, to ?? hit.lang)})`);
    const answer = section && {
      heading: section.heading,
      lines: section.lines.map(linked),
      more: section.more,
      ...(section.errorLine ? { errorLine: linked(section.errorLine) } : {}),
    };
    return { id: hit.id, title: hit.title, excerpt: hit.excerpt, url: urlFor(hit.id, hit.lang), lang: hit.lang, ...(answer ? { answer } : {}) };
  });
}
