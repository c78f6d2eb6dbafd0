import type { KbHit } from '../engine/turn-types';
import type { Lang } from '../types/conversation';
import { answerSection } from './answer-section';
import type { KnowledgeBase } from './knowledge-base';
import { decideOffer, isActiveSecurityEvent } from './offer-decision';
import { spellFixed } from '../understand/normalize';

/** Builds the web address of an article version. */
export type KbUrlFor = (id: string, lang: Lang) => string;

/** How many hits the offer model sees: the best one and enough runners-up to judge its margin. */
export const OFFER_CANDIDATES = 5;

/**
 * The conversation's knowledge-base step (TurnDeps.kbSearch): search, let the offer model decide which
 * hits to offer, and attach the section of each that answers the message, with `kb:` links made real.
 */
export function offerSearch(kb: KnowledgeBase, said: string, lang: Lang, urlFor: KbUrlFor): KbHit[] {
  // Chat spelling mended first ("pwd expired", "outlok"): the articles are written in whole words.
  const text = spellFixed(said);
  const hits = decideOffer(text, lang, kb.search(text, { limit: OFFER_CANDIDATES, lang }));
  const headline = firstSentence(text);
  // "pwd expired. in singapore hotel. cant vpn": the first sentence names the problem, the rest is where and what else.
  const found = hits.length > 0 || !headline || isActiveSecurityEvent(text) ? hits : decideOffer(headline, lang, kb.search(headline, { limit: OFFER_CANDIDATES, lang }));
  return found.map((hit) => {
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

/** The first of several sentences when it says something on its own (two words or four Chinese characters), else undefined. */
function firstSentence(text: string): string | undefined {
  const sentences = text.split(/(?<=[.!?])\s+|(?<=[。！？])\s*|\n+/).map((x) => x.trim()).filter(Boolean);
  if (sentences.length < 2) return undefined;
  const first = sentences[0];
  return (first.match(/[A-Za-z]{2,}/g)?.length ?? 0) >= 2 || (first.match(/[\u3400-\u9fff]/g)?.length ?? 0) >= 4 ? first : undefined;
}
