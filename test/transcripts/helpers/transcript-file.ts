import fs from 'node:fs';
import path from 'node:path';

/** One line of a transcript file, parsed. */
export type Step =
  | { kind: 'user'; text: string; line: number }
  | { kind: 'bot'; match: string | RegExp; line: number }
  | { kind: 'bot-not'; match: string | RegExp; line: number }
  | { kind: 'never'; match: string; line: number }
  | { kind: 'restart'; line: number }
  | { kind: 'version'; dialogId: string; version: number; drop: string[]; add: AddedSlot[]; line: number }
  | { kind: 'ticket'; checks: TicketCheck[]; line: number }
  | { kind: 'no-ticket'; line: number }
  | { kind: 'user-profile'; name?: string; email?: string; line: number };

/** A text slot a `!version` line adds: `+id:English prompt|中文提示`. */
export type AddedSlot = { id: string; en: string; zh: string };

/** `key=value` (equal), `key~value` (contains, any case) or `-key` (absent) on the newest ticket. */
export type TicketCheck = { key: string; op: '=' | '~' | 'absent'; value?: string };

/** The folder holding the `<name>.txt` transcripts. */
export const TRANSCRIPT_DIR = path.join(__dirname, '..', '..', 'fixtures', 'transcripts');

function pattern(raw: string, line: number): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/.exec(raw.trim());
  if (!m) throw new Error(`line ${line}: a bot~ line needs /regex/flags, got "${raw}"`);
  return new RegExp(m[1], m[2].includes('i') ? m[2] : `${m[2]}i`);
}

function parseVersion(rest: string, line: number): Step {
  // "!version network-vpn 2 -service +vpn_client:Which VPN app?|用哪个 VPN 客户端？" — added prompts may contain spaces.
  const m = /^(\S+)\s+(\d+)\s*(.*)$/.exec(rest);
  if (!m) throw new Error(`line ${line}: write "!version <dialog-id> <n> [-slot] [+slot:English|中文]"`);
  const drop: string[] = [];
  const add: AddedSlot[] = [];
  for (const part of m[3].split(/\s+(?=[+-][a-z])/).filter(Boolean)) {
    if (part.startsWith('-')) drop.push(part.slice(1).trim());
    else {
      const added = /^\+([a-z][a-z0-9_]*):(.+)\|(.+)$/.exec(part.trim());
      if (!added) throw new Error(`line ${line}: an added slot is "+id:English prompt|中文提示", got "${part}"`);
      add.push({ id: added[1], en: added[2].trim(), zh: added[3].trim() });
    }
  }
  return { kind: 'version', dialogId: m[1], version: Number(m[2]), drop, add, line };
}

function parseTicket(rest: string, line: number): Step {
  const checks = rest.split(/\s+(?=-?[a-z][a-z0-9_.]*[=~]|-[a-z])/i).filter(Boolean).map((token): TicketCheck => {
    if (token.startsWith('-')) return { key: token.slice(1).trim(), op: 'absent' };
    const m = /^([a-z][a-z0-9_.]*)([=~])(.*)$/i.exec(token.trim());
    if (!m) throw new Error(`line ${line}: ticket checks are key=value, key~value or -key, got "${token}"`);
    return { key: m[1], op: m[2] as '=' | '~', value: m[3].trim() };
  });
  return { kind: 'ticket', checks, line };
}

/** Parse a transcript: `user>`, `bot>` (substring), `bot~ /re/`, `bot!>` (not in this turn), `# comment`, `!directives`. */
export function parseTranscript(source: string): Step[] {
  const steps: Step[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    let m: RegExpExecArray | null;
    if ((m = /^user>\s?(.*)$/.exec(text))) steps.push({ kind: 'user', text: m[1], line });
    else if ((m = /^bot>\s?(.*)$/.exec(text))) steps.push({ kind: 'bot', match: m[1], line });
    else if ((m = /^bot~\s?(.*)$/.exec(text))) steps.push({ kind: 'bot', match: pattern(m[1], line), line });
    else if ((m = /^bot!>\s?(.*)$/.exec(text))) steps.push({ kind: 'bot-not', match: m[1], line });
    else if ((m = /^bot!~\s?(.*)$/.exec(text))) steps.push({ kind: 'bot-not', match: pattern(m[1], line), line });
    else if (text === '!restart') steps.push({ kind: 'restart', line });
    else if (text === '!no-ticket') steps.push({ kind: 'no-ticket', line });
    else if ((m = /^!never\s+(.+)$/.exec(text))) steps.push({ kind: 'never', match: m[1], line });
    else if ((m = /^!version\s+(.+)$/.exec(text))) steps.push(parseVersion(m[1], line));
    else if ((m = /^!ticket\s+(.+)$/.exec(text))) steps.push(parseTicket(m[1], line));
    else if ((m = /^!user\s+(.*?)\s*(?:<([^>]+)>)?$/.exec(text))) steps.push({ kind: 'user-profile', name: m[1] || undefined, email: m[2], line });
    else throw new Error(`line ${line}: cannot read "${text}": start it with user>, bot>, bot~, bot!>, #, or a !directive`);
  });
  return steps;
}

/** Every transcript file name (without .txt), sorted. */
export function transcriptNames(): string[] {
  return fs.readdirSync(TRANSCRIPT_DIR).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
}

/** Read and parse one transcript by name. */
export function loadTranscript(name: string): Step[] {
  return parseTranscript(fs.readFileSync(path.join(TRANSCRIPT_DIR, `${name}.txt`), 'utf8'));
}
