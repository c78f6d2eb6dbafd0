import { clip } from './clip';
import { withoutGreeting, withoutPasteNote } from '../understand/greeting';
import { isSalutation, withoutSubjectLabel } from '../understand/mail-frame';
import { isOutburst } from '../understand/frustration';
const MAX = 120;

// "Hi team, hope you're well!" alone is no summary either.
const ONLY_PLEASANTRIES = /^(?:hi|hello|hey|dear|hope|thanks?|thank you|cheers|regards|你好|您好|谢谢|辛苦)/i;
// "ugh." / "oh no!" / "唉。" as a sentence of its own says nothing about the problem.
const ONLY_INTERJECTION = /^(?:ugh+|argh+|hmm+|uh+|um+|oh+(?: no| man| god| dear)?|ok(?:ay)?|so|well|sorry|yikes|oops|help|sos|urgent|asap|唉|哎(?:呀|哟)?|啊+|救命|紧急|急急急|急)[\s.!?。！？,，~～]*$/i;

// "早，问个事。" / "打扰一下": a greeting and "a question", nothing about what.
const ONLY_OPENER_ZH = /^(?:(?:早|早上好|你好|您好|在吗|问个事儿?|问一下|请教(?:一下|个问题)?|打扰(?:一下|了)|麻烦(?:一下|问一下))[，,\s。！!~～]*)+$/;
// "This is the THIRD time I'm reporting this." / "这是我第三次报这个问题了": about the reporting, not the problem.
const ONLY_REPORTING = /^(?:this is (?:the|my) (?:\w+ )?(?:time|attempt)\b[^.!?]{0,30}\b(?:report|rais|log|ask|contact|writ)\w*(?: (?:this|it|that|in))?|i(?:'ve| have)? (?:already )?(?:reported|raised|logged) this (?:before|already|twice|\w+ times)|(?:这是|已经是)?(?:我)?第[一二三四五六七八九十\d]+次(?:报|提|反馈|找你们|说)[^，。！？]{0,10})[\s.!?。！？]*$/i;
// "Team lead at the Valencia contact centre here.", "This is Sam from the finance team.", "我是市场部的周婷。": who writes, not what is wrong.
const ONLY_INTRO = /^(?:[\w.'’ -]{2,50}? (?:from|at|in|with|of) (?:the )?[\w.'’ &-]{2,50} here|this is [\w.'’-]+(?: [\w.'’-]+)? (?:from|in|at|with) (?:the )?[\w.'’ &-]{2,40}?(?: team| department| dept| office)|(?:这里是|我这边是|我是(?!不是|否))[^，,。！？!?\s]{1,20})[\s.!。！]*$/i;
// A sentence that takes back what came before it ("Excel打不开——哦说错了，是Word，Excel没事。"): the summary starts after it.
const SELF_CORRECTION = /说错了|搞错了|打错了|写错了|\b(?:sorry,? )?i meant\b(?! to\b)|\bcorrection:|\bscratch that\b/i;
// A whole line naming only an area or "a problem": "网络问题", "电脑故障", "IT issue", "help needed".
const SAYS_NOTHING = /^(?:(?:网络|电脑|系统|邮箱|账号|打印机|it)?(?:问题|故障|求助|报修|咨询)|(?:it |network |computer |laptop |email )?(?:issue|problem|question|help(?: needed)?|request|support)s?)[\s?？!！.。]*$/i;

/**
 * One line for the ticket and the agent: greetings dropped, phrases said twice said once ("since 9:00
 * … since 9:00"), at most 120 characters and never cut inside a word.
 */
export function summarize(text: string): string {
  // The first line of a paste is its headline: "attempt 1 … attempt 2 …" below it is no summary.
  // A subject that says nothing ("网络问题", "IT issue", "help") gives way to the first line that does.
  const headline = withoutSubjectLabel(text).split('\n').map((l) => l.trim()).find((l) => l && !isSalutation(l) && !ONLY_PLEASANTRIES.test(withoutGreeting(l)) && !SAYS_NOTHING.test(l));
  const flat = (headline ?? text).replace(/\s+/g, ' ').trim();
  // A dialog summary starts with its device or app ("laptop: …"): the greeting hides behind that label.
  const label = /^([^:：\s][^:：]{0,29}[:：])(?!\/\/)\s*(.*)$/.exec(flat);
  const [prefix, body] = label ? [label[1], label[2]] : ['', flat];
  const sentences = body.split(/(?<=[.!?])\s+|(?<=[。！？])/).map((s) => withoutGreeting(s).trim()).filter((s) => /[\p{L}\p{N}]/u.test(s) && !ONLY_PLEASANTRIES.test(s) && !ONLY_INTERJECTION.test(s) && !ONLY_REPORTING.test(s) && !ONLY_INTRO.test(s) && !ONLY_OPENER_ZH.test(s) && !isOutburst(s));
  const corrected = sentences.map((x) => SELF_CORRECTION.test(x)).lastIndexOf(true);
  const first = (corrected >= 0 && corrected < sentences.length - 1 ? sentences[corrected + 1] : sentences[0]) ?? '';
  const line = first ? `${prefix}${prefix && !/[：]$/.test(prefix) ? ' ' : ''}${first}` : prefix.replace(/[:：]$/, '');
  return clip(dedupe(withoutPasteNote(line)), MAX) || clip(flat, MAX) || '(no description)';
}

/** Drop a clause whose words all came earlier ("…, everyone affected" after "everyone on floor 2 affected") and repeated "since …" phrases. */
function dedupe(line: string): string {
  const parts = line.split(/(?<=[,，;；])\s*/);
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const part of parts) {
    const words = part.toLowerCase().match(/[a-z0-9:]+|[\u3400-\u9fff]/g) ?? [];
    if (kept.length > 0 && words.length > 0 && words.every((w) => seen.has(w))) continue;
    let clause = part;
    for (const since of part.match(/\b(?:since|from) [^,，;；]+?(?=[,，;；]|$)|从[^，,；;]+?(?:开始|起)/gi) ?? []) {
      if (kept.some((k) => k.toLowerCase().includes(since.toLowerCase().trim()))) clause = clause.replace(since, '').replace(/\s{2,}/g, ' ');
    }
    words.forEach((w) => seen.add(w));
    kept.push(clause.trim());
  }
  return kept.reduce((out, k) => (out === '' ? k : /[，；]$/.test(out) ? out + k : `${out} ${k}`), '').replace(/\s+([,，;；])/g, '$1').replace(/[,，;；]\s*$/, '').trim();
}
