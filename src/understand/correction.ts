/** A correction of something said earlier: what was wrong (when named), what is right, and what else the message says. */
export type Correction = { wrong?: string; right: string; rest: string };

const DETERMINER = /^(?:my|the|a|an|our|this|that)\s+/i;

// "sorry, I meant my desktop pc, not the laptop", "actually it's the desktop not the laptop", "not the laptop, my desktop".
const EN_MEANT = /\b(?:i meant|i mean|actually it'?s|it'?s actually|it is actually|correction:?|i should have said)\s+(.+?)(?:,?\s+(?:and\s+)?not\s+(?:the\s+|my\s+|a\s+|our\s+)?([\w -]{2,30}?))?\s*(?:[.;!]|,\s|$)/i;
const EN_NOT_BUT = /^(?:sorry,?\s*)?(?:no,?\s*)?not\s+(?:the\s+|my\s+|a\s+|our\s+)?([\w -]{2,30}?),\s*(?:it'?s\s+|its\s+|i mean\s+)?(.+?)\s*(?:[.;!]|,\s|$)/i;
// "不对，不是vpn，是公司wifi连不上", "说错了，是台式机", "不是笔记本，是台式机".
const ZH_NOT_BUT = /(?:^|[，,。\s])(?:不对|说错了|搞错了|更正一下|更正)?[，,\s]*不是(.{1,12}?)[，,]\s*(?:而)?是(.{1,20}?)(?:[，,。；;！!]|$)/;
// "啊不对 我说错了 是飞书 不是teams😂": the right one first, then the wrong one.
const ZH_BUT_NOT = /(?:不对|说错了|搞错了|更正一下|更正)[，,。\s]*(?:我说错了[，,。\s]*)?是([^\s，,。；;！!]{1,12}?)[，,\s]+不是([^\s，,。；;！!\p{Extended_Pictographic}]{1,12})/u;
const ZH_MEANT = /^(?:不对|说错了|搞错了|更正一下|更正)[，,\s]*(?:我说的)?是(.{1,20}?)(?:[，,。；;！!]|$)/;

/** Read a correction ("I meant my desktop, not the laptop", "不是vpn，是公司wifi连不上"); undefined when the text corrects nothing. */
export function readCorrection(text: string): Correction | undefined {
  const t = text.normalize('NFKC').trim().slice(0, 500);
  const rest = (m: RegExpExecArray) => `${t.slice(0, m.index)} ${t.slice(m.index + m[0].length)}`.replace(/^[\s，,。.;；!！]*(?:sorry|oops|oh|ah|不好意思|抱歉)?[\s，,。.;；!！]*|[\s，,;；]+$/gi, '').replace(/\s{2,}/g, ' ');
  const zh = ZH_NOT_BUT.exec(t);
  if (zh) return { wrong: zh[1].trim(), right: zh[2].trim(), rest: rest(zh) };
  const zhBut = ZH_BUT_NOT.exec(t);
  if (zhBut) return { wrong: zhBut[2].trim(), right: zhBut[1].trim(), rest: rest(zhBut) };
  const zhMeant = ZH_MEANT.exec(t);
  if (zhMeant) return { right: zhMeant[1].trim(), rest: rest(zhMeant) };
  const notBut = EN_NOT_BUT.exec(t);
  if (notBut) return { wrong: notBut[1].trim(), right: notBut[2].trim(), rest: rest(notBut) };
  const meant = EN_MEANT.exec(t);
  // "I mean, it is slow" is a filler; "I meant the desktop" or "… not the laptop" corrects.
  if (meant && (meant[2] || /\b(?:i meant|correction|i should have said)\b/i.test(meant[0]))) {
    return { right: meant[1].trim(), ...(meant[2] ? { wrong: meant[2].trim() } : {}), rest: rest(meant) };
  }
  return undefined;
}

/**
 * The earlier description with the correction applied: the wrong thing replaced by the right one where it
 * was said ("my laptop makes a noise" + desktop pc for laptop = "my desktop pc makes a noise"; "vpn连不上" +
 * 公司wifi连不上 for vpn = "公司wifi连不上"). Undefined when the wrong thing is not named or not in it: then
 * the correction's facts speak for themselves (device, place), and the description stays as written.
 */
export function applyCorrection(description: string, correction: Correction): string | undefined {
  const right = correction.right.replace(DETERMINER, '');
  const wrong = correction.wrong?.replace(DETERMINER, '');
  const at = wrong && wrong.length >= 2 ? description.toLowerCase().indexOf(wrong.toLowerCase()) : -1;
  if (!wrong || at < 0) return undefined;
  const after = description.slice(at + wrong.length);
  // "是公司wifi连不上" already repeats what followed "vpn" ("连不上"): keep only the new thing.
  const repeated = after.length >= 2 ? right.indexOf(after.slice(0, 2)) : -1;
  const noun = repeated > 0 ? right.slice(0, repeated) : right;
  return `${description.slice(0, at)}${noun}${after}`;
}
