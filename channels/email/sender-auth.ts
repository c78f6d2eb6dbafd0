import type { HeaderMap } from './noise';

/** What the receiving server said about the sender's domain (DMARC). */
export type SenderAuth = 'pass' | 'fail' | 'none';

/**
 * The DMARC result in the topmost Authentication-Results header, the one our own server adds. A sender
 * can put any header below it, so a "pass" counts only when the header names our server (`authservId`);
 * a "fail" always counts (claiming to fail gains an attacker nothing).
 */
export function senderAuth(headers: HeaderMap, authservId?: string): SenderAuth {
  const value = headers.get('authentication-results');
  if (!value) return 'none';
  const result = /\bdmarc\s*=\s*([a-z]+)/i.exec(value)?.[1]?.toLowerCase();
  if (result === 'fail') return 'fail';
  const server = value.split(';')[0].trim().split(/\s+/)[0].toLowerCase();
  if (result === 'pass' && authservId && server === authservId.toLowerCase()) return 'pass';
  return 'none';
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;

/** Host names of the links in a text (lower case, without "www."), at most `max`. */
export function linkHosts(text: string, max = 20): string[] {
  const hosts = new Set<string>();
  for (const match of text.matchAll(URL)) {
    const host = /^(?:https?:\/\/)?([^/:?#\s]+)/i.exec(match[0])?.[1]?.toLowerCase().replace(/^www\./, '');
    if (host) hosts.add(host);
    if (hosts.size >= max) break;
  }
  return [...hosts];
}

/** The text with every link to one of `hosts` replaced by `replacement` (links an outsider sent are never echoed). */
export function removeLinks(text: string, hosts: readonly string[], replacement: string): string {
  if (hosts.length === 0) return text;
  return text.replace(URL, (url) => {
    const host = /^(?:https?:\/\/)?([^/:?#\s]+)/i.exec(url)?.[1]?.toLowerCase().replace(/^www\./, '') ?? '';
    return hosts.includes(host) ? replacement : url;
  });
}
