import type { Article } from './article';
import { tokenize } from './tokenize';

/** The device families articles write separate steps for. */
export type Platform = 'windows' | 'macos' | 'ios' | 'android';

/** The part of an article that answers a message: one section's heading and its lines, trimmed. */
export type AnswerSection = {
  heading: string;
  /** The section's list items and lines as written (Markdown), at most MAX_LINES of them. */
  lines: string[];
  /** The section had more lines than shown: the full article has the rest. */
  more: boolean;
  /** The article's line about the error code the user quoted ("Error 809 — the network blocks…"). */
  errorLine?: string;
  /** The platform the section was chosen for, when the message (or profile) named one. */
  platform?: Platform;
};

type Section = { heading: string; lines: string[]; terms: Set<string>; headingTerms: Set<string>; platforms: Platform[]; steps: boolean };

const MAX_LINES = 7;
const MAX_LINE_CHARS = 240;

// Words users type for their device; checked on the lower-cased message and on section headings.
const PLATFORM_WORDS: Record<Platform, RegExp> = {
  windows: /\b(windows|win ?1[01]|win ?7|pc|dell|lenovo|thinkpad|surface|hp elitebook|c drive)\b|\bc:|视窗|c盘/,
  macos: /\b(mac|macs|macbook|macos|imac|os x|osx)\b|苹果电脑/,
  ios: /\b(iphone|ipad|ios)\b|苹果手机/,
  android: /\b(android|samsung|pixel|huawei|xiaomi)\b|安卓|华为|小米/,
};
// Error codes users quote: hex codes, Azure AD codes, NET::ERR_* names, "error 809" / "报错 809".
const ERROR_CODE = /\b0x[0-9a-f]{3,8}\b|\baadsts\d{5,6}\b|\bnet::err_[a-z_]+|\berr_[a-z_]+|(?:error|code|错误|报错|代码)\s*[:：]?\s*(\d{3,5})\b/gi;
// Sections that never answer "how do I fix it": escalation and housekeeping.
const SKIP_HEADING = /contact the service desk|联系服务台|^don'?t\b|^不要|^privacy|^rules$/i;
const STEPS_HEADING = /^steps\b|步骤|^if it fails|^windows$|^macos$|^ios$|^android$/i;
// "I've been given access … how do I get it to show up": the section on asking for it answers nothing.
const HAS_ACCESS = /\b(?:been given|got|have|has been granted|was granted|already have|now have) (?:the )?(?:access|permissions?)\b|\b(?:permission|access)\b[^.!?\n]{0,30}\b(?:sorted|granted|approved|done)\b|(?:已经|已)(?:有|开通|给|加)(?:了)?(?:我)?(?:的)?(?:访问)?权限|权限(?:已经|已)(?:开通|给|加|批)/i;
const REQUEST_HEADING = /^request\b|^ask for\b|申请/i;
const sectionCache = new WeakMap<Article, Section[]>();

/** The platform a message names ("on my macbook", "安卓手机"), if any. */
export function detectPlatform(text: string): Platform | undefined {
  const lower = text.toLowerCase();
  return (Object.keys(PLATFORM_WORDS) as Platform[]).find((p) => PLATFORM_WORDS[p].test(lower));
}

/** Error codes quoted in a message, lower-cased ("0x80070070", "aadsts50053", "809"). */
export function errorCodes(text: string): string[] {
  return [...text.matchAll(ERROR_CODE)].map((m) => (m[1] ?? m[0]).toLowerCase());
}

function termsOf(text: string): Set<string> {
  return new Set(tokenize(text, { bigrams: false }).map((t) => t.term));
}

function sectionsOf(article: Article): Section[] {
  const cached = sectionCache.get(article);
  if (cached) return cached;
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const raw of article.body.split('\n')) {
    const heading = /^#{2,3}\s+(.*)$/.exec(raw);
    if (heading) {
      const title = heading[1].trim();
      const platforms = (Object.keys(PLATFORM_WORDS) as Platform[]).filter((p) => PLATFORM_WORDS[p].test(title.toLowerCase()));
      current = { heading: title, lines: [], terms: termsOf(title), headingTerms: termsOf(title), platforms, steps: STEPS_HEADING.test(title) };
      if (!SKIP_HEADING.test(title)) sections.push(current);
      continue;
    }
    if (!current || raw.trim() === '') continue;
    current.lines.push(raw.trimEnd());
    for (const term of termsOf(raw)) current.terms.add(term);
    if (/^\s*1\.\s/.test(raw)) current.steps = true;
  }
  sectionCache.set(article, sections);
  return sections;
}

/** The platforms a line's bold label names ("**Outlook for Mac:** …" → macos). */
function labelPlatforms(line: string): Platform[] {
  const label = /^\s*(?:\d+\.|[-*])?\s*\*\*([^*]+?)[:：]?\*\*[:：]?/.exec(line);
  if (!label) return [];
  return (Object.keys(PLATFORM_WORDS) as Platform[]).filter((p) => PLATFORM_WORDS[p].test(label[1].toLowerCase()));
}

/** A line that starts with another platform's label ("**macOS:** …") is noise for a Windows user. */
function otherPlatformLine(line: string, platform: Platform | undefined): boolean {
  if (!platform) return false;
  const named = labelPlatforms(line);
  return named.length > 0 && !named.includes(platform);
}

/** A line labelled for this platform. */
function labelledFor(line: string, platform: Platform): boolean {
  return labelPlatforms(line).includes(platform);
}

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1).trimEnd()}…` : line;
}

function findErrorLine(sections: Section[], codes: string[]): { line: string; section: Section } | undefined {
  for (const code of codes) {
    const pattern = new RegExp(`(^|[^0-9a-z])${code.replace(/[^0-9a-z]/g, (c) => `\\${c}`)}([^0-9a-z]|$)`, 'i');
    for (const section of sections) {
      const line = section.lines.find((l) => pattern.test(l));
      if (line) return { line: clip(line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '')), section };
    }
  }
  return undefined;
}

/**
 * The section of an article that answers a message: the one sharing most words with it, for the
 * platform the message (else `profilePlatform`) names, preferring step lists; plus the line about a
 * quoted error code. Sections written for another platform are passed over.
 */
export function answerSection(article: Article, message: string, profilePlatform?: Platform): AnswerSection | undefined {
  const sections = sectionsOf(article);
  if (sections.length === 0) return undefined;
  const platform = detectPlatform(message) ?? profilePlatform;
  const error = findErrorLine(sections, errorCodes(message));
  // The error's own list is shown as its one line; the steps come from another section.
  const candidates = sections.filter((s) => s.lines.length > 0 && (s !== error?.section || sections.length === 1));
  // A word every section shares ("password" in the password article) says nothing about which one fits.
  const weight = (term: string): number => Math.log(sections.length / Math.max(1, sections.filter((s) => s.terms.has(term)).length));
  const query = [...termsOf(message)];
  const firstSteps = candidates.find((s) => s.steps && s.platforms.length === 0);
  const hasAccess = HAS_ACCESS.test(message);
  let best: Section | undefined;
  let bestScore = -Infinity;
  for (const section of candidates) {
    // A word of the heading names what the section is about: it counts twice.
    let score = query.reduce((sum, t) => sum + (section.terms.has(t) ? weight(t) : 0) + (section.headingTerms.has(t) ? weight(t) : 0), 0);
    if (section.steps) score += 1.5;
    if (section === firstSteps) score += 1.5; // articles put the usual fix first
    if (section.platforms.length > 0) score += platform === undefined ? -0.5 : section.platforms.includes(platform) ? 3 : -10;
    // A step written for their platform ("**Outlook for Mac:** …") inside a shared section.
    else if (platform && section.lines.some((l) => labelledFor(l, platform))) score += 2;
    if (hasAccess && REQUEST_HEADING.test(section.heading)) score -= 10;
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  if (!best) return undefined;
  const lines = best.lines.filter((l) => !otherPlatformLine(l, platform));
  return {
    heading: best.heading,
    lines: lines.slice(0, MAX_LINES).map(clip),
    more: lines.length > MAX_LINES,
    ...(error ? { errorLine: error.line } : {}),
    ...(platform ? { platform } : {}),
  };
}
