/** Text forms the understanding works on: lower-cased, width-folded, emoji and decoration removed. */

const EDGE = /^[\s"'“”‘’「」『』.,!?;:，。！？；：、()（）[\]【】~～…*-]+|[\s"'“”‘’「」『』.,!?;:，。！？；：、()（）[\]【】~～…*-]+$/g;
const SYMBOLS = /[\p{Extended_Pictographic}\u200d\ufe0f]/gu;

/** "  Works now, thanks!! 😀 " -> "works now, thanks": a short message ready for phrase tables. */
export function plain(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(SYMBOLS, ' ')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(EDGE, '')
    .trim();
}

// Frequent misspellings in chat, mapped to the word the tables know. Whole words only.
const TYPOS: Record<string, string> = {
  outlok: 'outlook', outlokk: 'outlook', outllook: 'outlook', outloook: 'outlook', otlook: 'outlook', outlock: 'outlook',
  teems: 'teams', tems: 'teams', exel: 'excel', excell: 'excel', exl: 'excel', onedrvie: 'onedrive', sharepiont: 'sharepoint',
  printr: 'printer', priter: 'printer', pritner: 'printer', prnter: 'printer', laptp: 'laptop', labtop: 'laptop', lapotp: 'laptop', latop: 'laptop',
  moniter: 'monitor', keybord: 'keyboard', pasword: 'password', passwrod: 'password', passwd: 'password', pwd: 'password',
  emial: 'email', emal: 'email', mial: 'mail', intenet: 'internet', interent: 'internet', wify: 'wifi', vnp: 'vpn',
  crashng: 'crashing', crahsing: 'crashing', chrashing: 'crashing', crashs: 'crashes', atachments: 'attachments', attachemnts: 'attachments',
  atachment: 'attachment', attachemnt: 'attachment', wen: 'when', wont: "won't", cant: "can't", dont: "don't", doesnt: "doesn't",
  didnt: "didn't", isnt: "isn't", havent: "haven't", wasnt: "wasn't", aint: "isn't", pls: 'please', plz: 'please', plse: 'please',
  hlp: 'help', halp: 'help', thx: 'thanks', thnx: 'thanks', thanx: 'thanks', tnx: 'thanks', tks: 'thanks', ty: 'thanks', tysm: 'thanks',
  wrking: 'working', workin: 'working', wroking: 'working', wokring: 'working', brokn: 'broken', urgnet: 'urgent', urgant: 'urgent',
  turnin: 'turning', trun: 'turn', aftr: 'after', afer: 'after', windos: 'windows', windws: 'windows', widows: 'windows', updat: 'update',
  upadte: 'update', nite: 'night', blck: 'black', blak: 'black', ligth: 'light', litle: 'little', blinkng: 'blinking',
  cliant: 'client', clent: 'client', meting: 'meeting', meetng: 'meeting', wrk: 'work', hom: 'home', frm: 'from', becuase: 'because',
  mornin: 'morning', mornig: 'morning', morng: 'morning', ded: 'dead', anythng: 'anything', anyting: 'anything', evrything: 'everything',
  connectng: 'connecting', conecting: 'connecting', spinng: 'spinning', spining: 'spinning',
  '2day': 'today', tday: 'today', tmrw: 'tomorrow', tmr: 'tomorrow', tmrow: 'tomorrow', '2moro': 'tomorrow', '2morrow': 'tomorrow',
  asap: 'asap', u: 'you', ur: 'your', r: 'are', im: "i'm", ive: "i've", ok: 'ok', okey: 'okay', k: 'ok', kk: 'ok',
};

// Words the reading depends on; a longer word one keystroke away from one of them (same first letter) is taken as it.
const VOCABULARY = new Set([
  'access', 'denied', 'sharepoint', 'onedrive', 'outlook', 'password', 'printer', 'laptop', 'internet', 'network', 'wireless',
  'email', 'emails', 'teams', 'excel', 'monitor', 'keyboard', 'error', 'crash', 'crashes', 'crashing', 'working', 'install',
  'installed', 'license', 'licence', 'account', 'locked', 'today', 'tomorrow', 'report', 'connect', 'connection', 'website',
  'urgent', 'broken', 'screen', 'computer', 'mailbox', 'calendar', 'meeting', 'folder', 'restore', 'deleted', 'permission',
  'forbidden', 'expired', 'suspicious', 'phishing', 'attachment', 'request', 'manager', 'approved', 'starting', 'everyone',
]);
const VOCABULARY_BY_LETTER = new Map<string, string[]>();
for (const word of VOCABULARY) VOCABULARY_BY_LETTER.set(word[0]!, [...(VOCABULARY_BY_LETTER.get(word[0]!) ?? []), word]);

/** One insertion, deletion, substitution or swap of neighbours apart. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function corrected(word: string): string {
  const lower = word.toLowerCase();
  const known = TYPOS[lower];
  if (known) return known;
  if (lower.length < 5 || VOCABULARY.has(lower)) return word;
  // "printed", "reports", "meetings" are other forms of known words, not typos of "printer" or "report".
  const stem = lower.replace(/(ed|ing|es|s|er|ly)$/, '');
  return VOCABULARY_BY_LETTER.get(lower[0]!)?.find((v) => !v.startsWith(stem) && oneEditApart(lower, v)) ?? word;
}

/** The message with common chat misspellings corrected ("my outlok keeps crashng" -> "my outlook keeps crashing"). */
export function spellFixed(text: string): string {
  return text.replace(/[A-Za-z0-9']+/g, corrected);
}

/** Letters repeated three or more times cut to one ("yesss" -> "yes", "nooo" -> "no"). */
export function unstretched(text: string): string {
  return text.replace(/(\p{L})\1{2,}/gu, '$1');
}

/** Whether the text has any letter or digit at all. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Han characters count as a sign of Chinese. */
export const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** A pasted log without its repeats: lines equal but for their numbers ("attempt 1: …", "attempt 2: …") kept once. */
export function collapseRepeats(text: string): string {
  const seen = new Set<string>();
  return text.split('\n').filter((line) => {
    const key = line.replace(/\d+/g, '#').trim();
    if (key && seen.has(key)) return false;
    seen.add(key);
    return true;
  }).join('\n');
}
