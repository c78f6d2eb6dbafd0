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
  asap: 'asap', u: 'you', ur: 'your', r: 'are', im: "i'm", ive: "i've", ok: 'ok', okey: 'okay', k: 'ok', kk: 'ok',
};

/** The message with common chat misspellings corrected ("my outlok keeps crashng" -> "my outlook keeps crashing"). */
export function spellFixed(text: string): string {
  return text.replace(/[A-Za-z']+/g, (w) => TYPOS[w.toLowerCase()] ?? w);
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
