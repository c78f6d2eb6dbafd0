import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ValidationError } from '../errors';
import type { Ticket, TicketEvent } from '../types/ticket';
import { ArticleFrontMatter } from './article';

/** Sub-folder of the article folder where drafts wait for review; the loader never reads it. */
export const DRAFTS_DIR = 'drafts';

/** A draft article made from a resolved ticket: its file path relative to the article folder, and the text. */
export type ArticleDraft = { id: string; path: string; markdown: string; frontMatter: ArticleFrontMatter };

// Slots that hold who/where rather than what: they must not end up in a published article.
const PERSONAL_SLOTS = new Set(['name', 'contact', 'email', 'phone', 'department', 'asset', 'location', 'since', 'doing', 'impact', 'urgency', 'problem', 'error']);
const STOP = new Set(['a', 'an', 'the', 'my', 'i', 'is', 'are', 'to', 'of', 'on', 'in', 'for', 'and', 'it', 'me', 'can', 't', 'cannot', 'not', 'please', 'help']);
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+?\d[\d ()-]{7,}\d/g;

/** Replace e-mail addresses and phone numbers: drafts are read by everyone once published. */
export function redact(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

/** A kebab-case id from a summary (ASCII words, at most 6, stop words dropped); `fallback` when none are left. */
export function slugFromSummary(summary: string, fallback: string): string {
  const words = summary.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').split(' ').filter((w) => w && !STOP.has(w));
  const slug = words.slice(0, 6).join('-').slice(0, 60).replace(/-+$/, '');
  return slug || fallback;
}

/** The resolution note as steps: one per line, or one per sentence when the note is a single line. */
export function splitSteps(note: string): string[] {
  const lines = note.split(/\r?\n/).map((l) => l.replace(/^\s*(?:\d+[.)、]|[-*•])\s*/, '').trim()).filter(Boolean);
  const parts = lines.length > 1 ? lines : lines.flatMap((l) => l.split(/(?<=[.!?;。！？；])\s*/));
  return parts.map((p) => p.trim()).filter((p) => p.replace(/[.!?;。！？；\s]/g, '').length > 0);
}

/** The newest `resolved` event's note and root cause (agent-actions writes `note`; `resolution` is accepted too). */
export function resolutionOf(events: readonly TicketEvent[]): { note: string; rootCause: string | null } | null {
  const resolved = [...events].reverse().find((e) => e.kind === 'resolved');
  const note = resolved?.data.note ?? resolved?.data.resolution;
  if (typeof note !== 'string' || !note.trim()) return null;
  const rootCause = typeof resolved?.data.rootCause === 'string' && resolved.data.rootCause.trim() ? resolved.data.rootCause.trim() : null;
  return { note: note.trim(), rootCause };
}

const HEADINGS = {
  en: { symptoms: 'Symptoms', steps: 'Steps', cause: 'Root cause', noCause: 'Not recorded.', error: 'Error' },
  zh: { symptoms: '症状', steps: '解决步骤', cause: '根本原因', noCause: '未记录。', error: '错误' },
} as const;

/** The user's own words: the first paragraph of the description (the dialog appends its answers after a blank line). */
function originalText(ticket: Ticket): string {
  return redact(ticket.description.split(/\r?\n\s*\r?\n/)[0]?.trim() || ticket.summary);
}

function tagsOf(ticket: Ticket): string[] {
  const fromSlots = Object.entries(ticket.slots)
    .filter(([key, value]) => !PERSONAL_SLOTS.has(key) && /^[\p{L}\p{N} _-]{2,30}$/u.test(value) && !/^(yes|no|skip)$/i.test(value))
    .map(([, value]) => value.replace(/_/g, ' ').toLowerCase().trim());
  const classified = ticket.classification ? [ticket.classification.category, ticket.classification.type.replace(/_/g, ' ')] : [];
  return [...new Set([ticket.category, ...classified, ...fromSlots])].slice(0, 8);
}

/**
 * Turn a resolved ticket into a draft article: front matter filled from the ticket (id from the summary,
 * questions = the user's words), body = symptoms, steps from the resolution note, root cause, source.
 * Throws when the ticket has no resolution note yet.
 */
export function draftFromTicket(ticket: Ticket, events: readonly TicketEvent[], now: Date): ArticleDraft {
  const resolution = resolutionOf(events);
  if (!resolution) throw new ValidationError(`${ticket.number} has no resolution note: resolve it in the console first, then draft the article`);
  const lang = ticket.lang;
  const h = HEADINGS[lang];
  const title = redact(ticket.summary).replace(/[.。!！?？]+$/, '').trim() || ticket.number;
  const words = slugFromSummary(title, '');
  // One ASCII word (e.g. "VPN" in a Chinese title) is too vague to be an id of its own: add the ticket number.
  const id = words.includes('-') ? words : `${words || ticket.category}-${ticket.number.toLowerCase()}`;
  const original = originalText(ticket);
  const questions = [...new Set([original.split(/\r?\n/)[0].slice(0, 200), title])].filter(Boolean);
  const frontMatter = ArticleFrontMatter.parse({ id, title, category: ticket.category, tags: tagsOf(ticket), questions, updated: now.toISOString().slice(0, 10) });
  const symptoms = original.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => `- ${l}`);
  const error = ticket.slots.error?.trim();
  if (error && !/^(skip|no|none)$/i.test(error)) symptoms.push(`- ${h.error}: \`${redact(error).replace(/`/g, "'")}\``);
  const steps = splitSteps(redact(resolution.note)).map((s, i) => `${i + 1}. ${s}`);
  const markdown = [
    '---',
    `# Draft from ${ticket.number}: review it, then move it out of ${DRAFTS_DIR}/ to publish.`,
    stringify(frontMatter, { lineWidth: 0 }).trimEnd(),
    '---',
    `# ${title}`,
    '',
    `## ${h.symptoms}`,
    ...symptoms,
    '',
    `## ${h.steps}`,
    ...steps,
    '',
    `## ${h.cause}`,
    resolution.rootCause ? redact(resolution.rootCause) : h.noCause,
    '',
    `Source: ${ticket.number}`,
    '',
  ].join('\n');
  return { id, path: join(DRAFTS_DIR, `${id}${lang === 'zh' ? '.zh' : ''}.md`), markdown, frontMatter };
}

/**
 * Write a draft under `<kbDir>/drafts/`, never over an existing file: a taken slug gets `-2`, `-3`...
 * (the id in the front matter follows, so the file still lints once moved). Returns what was written.
 */
export function writeDraftArticle(kbDir: string, draft: ArticleDraft): { path: string; id: string; markdown: string } {
  const dir = join(kbDir, DRAFTS_DIR);
  mkdirSync(dir, { recursive: true });
  const suffix = draft.path.endsWith('.zh.md') ? '.zh.md' : '.md';
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? draft.id : `${draft.id}-${n}`;
    const file = join(dir, `${id}${suffix}`);
    if (existsSync(file)) continue;
    const text = n === 1 ? draft.markdown : draft.markdown.replace(/^id: .*$/m, `id: ${id}`);
    // 'wx' fails instead of overwriting if another writer took the name since existsSync.
    writeFileSync(file, text, { encoding: 'utf8', flag: 'wx' });
    return { path: file, id, markdown: text };
  }
  throw new ValidationError(`${dir} holds 999 drafts named ${draft.id}: review and clear them first`);
}
