import { z } from 'zod';

/** Most tags one ticket carries: a label set, not a second description. */
export const MAX_TAGS = 20;

/**
 * One tag as an agent types it: trimmed and lower-cased, letters (any script, so 打印机 works), digits, `.`, `_`
 * and `-`, up to 32 characters. No spaces, so `tag:vpn` in the queue's search names exactly one tag.
 */
export const Tag = z.string().trim().toLowerCase().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,31}$/u, 'a tag is 1-32 letters, digits, ".", "_" or "-", no spaces');

/** The ticket's tags after adding and removing some: sorted, each once; more than MAX_TAGS is refused by the caller. */
export function applyTags(current: readonly string[], add: readonly string[] = [], remove: readonly string[] = []): string[] {
  const gone = new Set(remove);
  return [...new Set([...current.filter((t) => !gone.has(t)), ...add.filter((t) => !gone.has(t))])].sort();
}

/** `tag:vpn` words taken out of a queue search: the tags to filter on and the rest of the text. */
export function splitTagSearch(q: string): { tags: string[]; text: string } {
  const tags: string[] = [];
  const text = q.replace(/(^|\s)(?:tag|标签)[:：](\S+)/giu, (_all, lead: string, tag: string) => {
    tags.push(tag.toLowerCase());
    return lead;
  });
  return { tags, text: text.replace(/\s+/g, ' ').trim() };
}
