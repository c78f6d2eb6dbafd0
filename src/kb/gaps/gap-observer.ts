import type { TurnDecision, TurnDeps } from '../../engine/turn-types';
import { scrubText } from '../../log';
import type { KbGap } from '../../store/store';

/** Longest question kept: enough to read the topic, not a whole pasted log. */
const MAX_QUERY = 500;

/**
 * Watch one turn's knowledge-base lookups, so the shell can record a gap without the pure turn knowing:
 * the turn searched, and its decision offered no article (no `kb_offer` phase). How the offer is decided
 * (scores, margins, security rules) does not matter here; turns that never search (security reports,
 * P1 outages, "talk to a human") are not gaps.
 */
export function observeKbSearch(deps: TurnDeps): { deps: TurnDeps; gapOf(decision: TurnDecision): KbGap | undefined } {
  let last: { text: string; lang: Parameters<TurnDeps['kbSearch']>[1] } | undefined;
  // The area the classifier gave the searched text (the decision's state may no longer hold the intake).
  const categories = new Map<string, string>();
  const observed: TurnDeps = {
    ...deps,
    assess: (text) => {
      const assessment = deps.assess(text);
      categories.set(text, assessment.category);
      return assessment;
    },
    kbSearch: (...args: Parameters<TurnDeps['kbSearch']>) => {
      last = { text: args[0], lang: args[1] };
      return deps.kbSearch(...args);
    },
  };
  return {
    deps: observed,
    gapOf(decision) {
      if (!last || decision.outcome === 'kb_offered' || (decision.state as { phase?: unknown }).phase === 'kb_offer') return undefined;
      const query = scrubText(last.text).replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY);
      if (!query) return undefined;
      const category = categories.get(last.text);
      return { query, lang: last.lang, ...(category ? { category } : {}) };
    },
  };
}
