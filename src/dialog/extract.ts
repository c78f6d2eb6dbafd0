import { withoutGreeting, withoutPasteNote } from '../understand/greeting';
import { withoutMailFrame } from '../understand/mail-frame';
import type { Lang } from '../types/conversation';
import type { DialogDefinition, ExtractorName, SlotDef } from './schema';
import { findDate, findSince } from '../understand/entities/time-expr';
import { extractApplication, extractDevice } from '../understand/entities/names';
import { describeError } from '../understand/entities/errors';
import { findScope, impactOfScope } from '../understand/entities/scope';
import { urgencyValue } from '../understand/entities/urgency';
import { findEmails, findPhones } from '../understand/entities/contacts';
import { findLocation } from '../understand/entities/place';
import { findApproval, findPeople } from '../understand/entities/people';
import { findDeadline } from '../understand/entities/deadline';
import { spellFixed } from '../understand/normalize';
import { findSecurity } from '../understand/security';
import type { SecurityKind } from '../understand/types';
import { matchChoiceInText } from './choice-match';

export { extractApplication, extractDevice };

/** Values of the standard impact slot: who is affected. */
export type ImpactValue = 'me' | 'team' | 'everyone';
/** Values of the standard urgency slot: how much work is stopped. */
export type UrgencyValue = 'blocked' | 'workaround' | 'can_wait';

/** "since yesterday", "this morning", "for two days", "从昨天下午开始", "今天早上" — the phrase as written. */
export function extractSince(text: string): string | undefined {
  return findSince(spellFixed(text));
}

/** A day something should happen: "next Monday", "by Friday", "2026-12-01", "下周一", "12月1日前". */
export function extractDate(text: string): string | undefined {
  return findDate(text);
}

/** Error codes and messages: 0x80070005, "error 404", 错误代码 809, quoted text; code and message joined. */
export function extractError(text: string): string | undefined {
  return describeError(text);
}

/** Who is affected: "just me" / "whole team" / "everyone", "整个部门", "所有人". */
export function extractImpact(text: string): ImpactValue | undefined {
  const scope = findScope(spellFixed(text));
  return scope ? impactOfScope(scope.level) : undefined;
}

/** How urgent: "can't work" / "urgent" / "业务停了" -> blocked; "workaround" -> workaround; "no rush" -> can_wait. */
export function extractUrgency(text: string): UrgencyValue | undefined {
  return urgencyValue(spellFixed(text));
}

/** The first e-mail address in the text, lower-cased. */
export function extractEmail(text: string): string | undefined {
  return findEmails(text)[0];
}

/** Where the user is, as written ("from home", "London office", "3楼", "出差"). */
export function extractLocation(text: string): string | undefined {
  return findLocation(text)?.text;
}

/** The message itself when it describes a problem (not just "VPN" or "hi"): the answer to "what happens?". */
export function extractProblem(text: string): string | undefined {
  const t = withoutPasteNote(withoutGreeting(withoutMailFrame(text.trim()).replace(/\s+/g, ' ')));
  const latinWords = t.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  const han = t.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  // Three words already say what is wrong or wanted ("I need a Visio licence", "printer jams paper").
  if (latinWords < 3 && han < 6) return undefined;
  return t.length > 1000 ? `${t.slice(0, 997)}...` : t;
}

// "add me to…", "I need Visio", "给我开通…": the request is for the person asking, unless someone else is named.
const FOR_ME = /\b(?:for me|for myself|add me|give me|get me|i need|i'?d like|i would like|i want|can i (?:get|have)|how (?:do|can|could) i (?:get|have|request))\b|给我|帮我(?:开通|申请|装|加|开)|我(?:需要|想要|要申请)|^(?:我)?想(?:要|装|安装|申请|开通)|^(?:我)?(?:要|需要)?申请(?:一|个|台|下)|想(?:要)?申请(?:一|个|台|下)/i;
const FOR_SOMEONE_ELSE = /\b(?:for (?:my |our |the |a )?(?:colleague|team|manager|boss|new (?:hire|starter|joiner|employee)|intern|contractor|him|her|them)|(?:he|she|they) (?:needs?|wants?)|new (?:hire|starter|joiner|employee|designer|guy|girl))\b|(?:给|帮|为|替)(?:新)?同事|新同事|同事(?:需要|要|想|的电脑)|新人|新员工|实习生|(?:给|帮|为|替)(?:他|她)|(?<!抄送|抄送给|告诉|问)(?:他|她)(?:们)?(?:需要|要|想|还没|没有|的电脑|入职)/i;

/** Who a request is for: "me" when it says it is for the person asking, else the new colleague it names. */
// A request written about one's own work ("I've been working off a single laptop screen", "I'm at desk 4.07").
const ABOUT_MYSELF = /\b(?:i'?ve been|i'?m|i am|i have been) (?:working|using|stuck|at (?:desk|my desk)|on a)\b|\bmy (?:desk|laptop|screen|setup|work)\b|我(?:一直|现在|平时)(?:用|在用)|我的(?:电脑|工位|笔记本)/i;
// "for Jane", "for Wang Lei": a person named after "for" is someone else.
const FOR_NAMED = /\bfor (?!me\b|myself\b|my\b|our\b|the\b|a\b|an\b)[A-Z][a-z]+\b/;

function beneficiary(text: string, lang: Lang): string | undefined {
  const me = lang === 'zh' ? '我' : 'me';
  if (!FOR_SOMEONE_ELSE.test(text)) return FOR_ME.test(text) || (ABOUT_MYSELF.test(text) && !FOR_NAMED.test(text)) ? me : undefined;
  return findPeople(spellFixed(text)).find((p) => p.role === 'new_hire')?.name;
}

/** Run one named extractor for a slot. */
export function runExtractor(name: ExtractorName, slot: SlotDef, text: string, lang: Lang): string | undefined {
  switch (name) {
    case 'since': return extractSince(text);
    case 'error': return extractError(text);
    case 'date': return extractDate(text);
    case 'impact': return extractImpact(text);
    case 'urgency': return extractUrgency(text);
    case 'device': return extractDevice(spellFixed(text), lang);
    case 'application': return extractApplication(spellFixed(text), lang);
    case 'location': return slot.choices ? locationChoice(slot, spellFixed(text)) : extractLocation(spellFixed(text));
    case 'phone': return findPhones(text)[0];
    case 'security': return securityChoice(slot, text);
    case 'approver': return personFor(text, ['approver', 'manager'], lang) ?? unnamedApproval(text, lang);
    case 'manager': return personFor(text, ['manager']);
    case 'new_hire': return personFor(text, ['new_hire']);
    case 'beneficiary': return beneficiary(text, lang);
    case 'deadline': return findDeadline(text, new Date(0), 'UTC')?.text ?? findDate(text);
    case 'email': return slot.profile === 'email' ? ownEmail(text) : extractEmail(text);
    case 'problem': return extractProblem(text);
    case 'choices': return slot.choices ? matchChoiceInText(slot.choices, text) : undefined;
  }
}

// The user's own address: the message is the address, or says it is theirs ("my email is ...", "reach me at ...", "我的邮箱").
function ownEmail(text: string): string | undefined {
  const email = extractEmail(text);
  if (!email) return undefined;
  const alone = text.trim().replace(/^mailto:/i, '').replace(/^<|>$|[.。]$/g, '').toLowerCase() === email;
  const own = /\b(?:my (?:e-?mail|address|mail)(?: address)?|reach me|contact me|email me|mail me|i'?m at|write to me)\b|我的邮箱|我邮箱|联系我|邮箱是|邮箱：|邮箱:/i.test(text);
  return alone || own ? email : undefined;
}

const SECURITY_CHOICE: Record<SecurityKind, string> = {
  credentials_phished: 'phishing', phishing_report: 'phishing', account_compromise: 'compromised', app_consent: 'compromised', payment_fraud: 'phishing',
  ransomware: 'malware', malware: 'malware', lost_device: 'lost_device', intruder: 'intruder', data_leak: 'data_leak', secret_exposed: 'data_leak',
};

// The security event src/understand recognised, as the slot's choice; else a choice named in the text.
function securityChoice(slot: SlotDef, text: string): string | undefined {
  const kind = findSecurity(spellFixed(text));
  const value = kind ? SECURITY_CHOICE[kind] : undefined;
  if (value && slot.choices?.some((c) => c.value === value)) return value;
  return slot.choices ? matchChoiceInText(slot.choices, text) : undefined;
}

// A choice slot about location: its value for the kind of place named ("from home" -> home, "出差" -> travel).
function locationChoice(slot: SlotDef, text: string): string | undefined {
  const kind = findLocation(text)?.kind;
  // "in singapore hotel": no place the location reader knows, but a word one of the choices lists.
  if (!kind) return slot.choices ? matchChoiceInText(slot.choices, text) : undefined;
  const wanted = { home: ['home'], travelling: ['travel', 'travelling'], office: ['office'], site: ['office', 'site'] }[kind];
  return slot.choices?.find((c) => wanted.includes(c.value))?.value;
}

// "my manager jo already ok'd it": the approval is given, by someone named only by their role.
// "组长已经同意了": the same in Chinese, the role word only.
const MANAGER_WORD = /\b(?:my |our )(?:line |direct )?(manager|boss|supervisor|team lead)\b(?: ([a-z][a-z'’-]{1,20})\b)?|(直属领导|组长|主管|经理|领导|老板|总监|部长)/i;

/** The approver as the role the person named ("manager jo (approved)", "组长（已批准）") when the approval is already given. */
function unnamedApproval(text: string, lang: Lang): string | undefined {
  const m = MANAGER_WORD.exec(text);
  if (!m || findApproval(text) !== 'given') return undefined;
  if (m[3]) return lang === 'zh' ? `${m[3]}（已批准）` : `manager (approved)`;
  const name = m[2] && !/^(?:already|has|have|had|is|was|said|says|ok'?d|okayed|approved|agreed|signed)$/i.test(m[2]) ? ` ${m[2][0].toUpperCase()}${m[2].slice(1)}` : '';
  return lang === 'zh' ? `主管${name.trim()}（已批准）` : `${m[1].toLowerCase()}${name} (approved)`;
}

// A person of one of the roles; an approver comes with "(approved)" when the message says it is already given.
function personFor(text: string, roles: string[], approvalIn?: Lang): string | undefined {
  const person = findPeople(spellFixed(text)).find((p) => p.role && roles.includes(p.role));
  if (!person) return undefined;
  if (!approvalIn || findApproval(text) !== 'given') return person.name;
  return approvalIn === 'zh' ? `${person.name}（已批准）` : `${person.name} (approved)`;
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
