import type { Lang } from '../types/conversation';
import type { DialogDefinition, ExtractorName, SlotDef } from './schema';
import { findDate, findSince } from './time-expr';
import { extractApplication, extractDevice } from './extract-names';
import { matchChoiceInText } from './choice-match';

export { extractApplication, extractDevice };

/** Values of the standard impact slot: who is affected. */
export type ImpactValue = 'me' | 'team' | 'everyone';
/** Values of the standard urgency slot: how much work is stopped. */
export type UrgencyValue = 'blocked' | 'workaround' | 'can_wait';

/** "since yesterday", "this morning", "for two days", "从昨天下午开始", "今天早上" — the phrase as written. */
export function extractSince(text: string): string | undefined {
  return findSince(text);
}

/** A day something should happen: "next Monday", "by Friday", "2026-12-01", "下周一", "12月1日前". */
export function extractDate(text: string): string | undefined {
  return findDate(text);
}

const HEX = /\b0x[0-9a-f]{4,8}\b/i;
const EN_CODE = /\b(?:error|err|code|error code)\s*(?:code\s*)?[:#]?\s*([a-z]{0,4}[-_]?\d{2,6})\b/i;
const HTTP_CODE = /\b([45]\d\d)\s+(?:error|not found|forbidden|unauthori[sz]ed|bad gateway|service unavailable)\b/i;
const ZH_CODE = /(?:错误|报错|代码|错误码|错误代码|错误号)\s*[:：#]?\s*(?:代码|码)?\s*[:：]?\s*([a-z]{0,4}[-_]?\d{2,6})/i;
const QUOTED = /[“"「『‘]([^“”"「」『』‘’\n]{3,200})[”"」』’]/;
const ZH_SAYS = /(?:提示|报错说|弹出|显示错误)[:：]?\s*([\u3400-\u9fffA-Za-z0-9 ]{2,40}?)(?=[，。！？,.!?\n]|$)/;

/** Error codes and messages: 0x80070005, "error 404", 错误代码 809, quoted text; code and message joined. */
export function extractError(text: string): string | undefined {
  const hex = HEX.exec(text)?.[0];
  const code = hex ? `0x${hex.slice(2).toUpperCase()}` : codeOf(text);
  const quoted = QUOTED.exec(text)?.[1]?.trim() ?? ZH_SAYS.exec(text)?.[1]?.trim();
  // "提示错误代码 0x..." names the code, not a message.
  const message = quoted && !(code && quoted.toUpperCase().includes(code.replace(/^error /, '').toUpperCase())) ? `"${quoted}"` : undefined;
  if (code && message) return `${code} ${message}`;
  return code ?? message;
}

function codeOf(text: string): string | undefined {
  const m = EN_CODE.exec(text) ?? ZH_CODE.exec(text) ?? HTTP_CODE.exec(text);
  if (!m) return undefined;
  // Four-digit years ("error since 2024") are not codes.
  if (/^(19|20)\d\d$/.test(m[1])) return undefined;
  return `error ${m[1].toUpperCase()}`;
}

const IMPACT: [ImpactValue, RegExp][] = [
  ['me', /\b(just|only) (me|my|mine)\b|\bnobody else\b|\bno one else\b|\bonly i\b|只有我|就我一个|只是我|仅我|别人(都)?(没|正常)/i],
  ['everyone', /\b(everyone|everybody|all (users|staff|employees|of us|colleagues)|(the )?(whole|entire) (company|office|building|organi[sz]ation|site)|company[- ]wide|(nobody|no one) (can|is able)|all offices)\b|所有人|大家都|全公司|整个公司|全员|全体|整栋楼|所有同事/i],
  ['team', /\b((the |my |our )?(whole|entire) (team|department|dept|group|floor)|my team|our team|our (department|dept|group|office)|(several|many|multiple|a few|some|other) (colleagues|people|users|coworkers|co-workers)|team[- ]wide)\b|整个部门|整个团队|整个组|我们部门|我们组|我们团队|全组|全部门|整层|几个同事|好几个人|多个同事|其他同事|同事(们)?也/i],
];

/** Who is affected: "just me" / "whole team" / "everyone", "整个部门", "所有人". */
export function extractImpact(text: string): ImpactValue | undefined {
  return IMPACT.find(([, re]) => re.test(text))?.[0];
}

// "not urgent" must be tested before "urgent", "不紧急" before "紧急".
const URGENCY: [UrgencyValue, RegExp][] = [
  ['can_wait', /\b(not urgent|no rush|no hurry|whenever (you|it'?s) (can|convenient|have time)|low priority|can wait|not a big deal|not critical)\b|不急|不着急|不紧急|不赶|有空的时候|方便的时候/i],
  ['blocked', /\b((can'?t|cannot|can not|unable to|not able to) (work|do (any|my) (work|job)|do anything)|urgent(ly)?|asap|emergency|critical|work(ing)? (has )?stopped|production (is )?down|completely down|deadline)\b|业务停了|业务中断|停工|无法工作|没法工作|不能工作|干不了活|紧急|很急|急用|加急|尽快|宕机/i],
  ['workaround', /\b(work ?around|can still work|still able to work|partially working|for now i('m| am) using)\b|可以绕过|临时办法|暂时可以|还能用|凑合|将就/i],
];

/** How urgent: "can't work" / "urgent" / "业务停了" -> blocked; "workaround" -> workaround; "no rush" -> can_wait. */
export function extractUrgency(text: string): UrgencyValue | undefined {
  return URGENCY.find(([, re]) => re.test(text))?.[0];
}

/** The first e-mail address in the text, lower-cased. */
export function extractEmail(text: string): string | undefined {
  // The lookbehind starts a match only at the beginning of a run, which keeps long runs linear.
  return /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/i.exec(text)?.[0].toLowerCase();
}

const GREETING = /^(hi|hello|hey|dear|good (morning|afternoon|evening))((\s+[\p{L}.'-]+){0,3})[\s,，!！.。:：]*$|^(你好|您好|大家好)[\s,，!！。]*$/iu;
const SIGN_OFF = /^(thanks|thank you|many thanks|thanks in advance|regards|best regards|kind regards|best|cheers|br|谢谢|多谢|感谢|此致|祝好)(\s*[,.!，。！]|\s*$)/i;

/** A mail-like message without its greeting and sign-off, its lines joined into sentences. */
function withoutMailFrame(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const kept: string[] = [];
  for (const line of lines) {
    // A greeting on a line of its own ("Hi,", "Dear IT team,", "你好，"), when more lines follow.
    if (GREETING.test(line) && kept.length <= 1 && lines.length > 1) continue;
    // "Thanks, Alex" or "Thanks" followed by the name: the rest is the signature.
    if (kept.length > 0 && SIGN_OFF.test(line) && line.length <= 40) break;
    kept.push(line);
  }
  return kept
    .map((l, i) => (i < kept.length - 1 && !/[.!?。！？:：,，;；]$/.test(l) ? `${l}${/[\u3400-\u9fff]$/.test(l) ? '。' : '.'}` : l))
    .reduce((all, l) => (!all ? l : /[\u3400-\u9fff。！？，：；]$/.test(all) && /^[\u3400-\u9fff]/.test(l) ? `${all}${l}` : `${all} ${l}`), '');
}

/** The message itself when it describes a problem (not just "VPN" or "hi"): the answer to "what happens?". */
export function extractProblem(text: string): string | undefined {
  const t = withoutMailFrame(text.trim()).replace(/\s+/g, ' ');
  const latinWords = t.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  const han = t.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  // Three words already say what is wrong or wanted ("I need a Visio licence", "printer jams paper").
  if (latinWords < 3 && han < 6) return undefined;
  return t.length > 1000 ? `${t.slice(0, 997)}...` : t;
}

/** Run one named extractor for a slot. */
export function runExtractor(name: ExtractorName, slot: SlotDef, text: string, lang: Lang): string | undefined {
  switch (name) {
    case 'since': return extractSince(text);
    case 'error': return extractError(text);
    case 'date': return extractDate(text);
    case 'impact': return extractImpact(text);
    case 'urgency': return extractUrgency(text);
    case 'device': return extractDevice(text, lang);
    case 'application': return extractApplication(text, lang);
    case 'email': return extractEmail(text);
    case 'problem': return extractProblem(text);
    case 'choices': return slot.choices ? matchChoiceInText(slot.choices, text) : undefined;
  }
}

/**
 * Fill what the texts already say. `texts` are the user's messages, newest last; a slot takes the
 * value from the newest text that has one. `problem: false` keeps answers to other questions out
 * of the "what happens" slot.
 */
export function prefillSlots(
  def: DialogDefinition,
  texts: string[],
  lang: Lang,
  filled: Record<string, string>,
  options: { problem: boolean } = { problem: true },
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const slot of def.slots) {
    if (!slot.extract || filled[slot.id] !== undefined) continue;
    if (slot.extract === 'problem' && !options.problem) continue;
    const sources = [...texts].reverse();
    for (const text of sources) {
      const value = runExtractor(slot.extract, slot, text, lang);
      if (value) {
        found[slot.id] = value;
        break;
      }
    }
  }
  return found;
}
