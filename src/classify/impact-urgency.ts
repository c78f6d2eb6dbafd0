import type { Impact, TicketType, Urgency } from '../types/ticket';

/** What the message says about scope (impact) and time pressure (urgency), with the cues found. */
export type ImpactUrgencyEstimate = { impact?: Impact; urgency?: Urgency; signals: string[] };

type Cue = { name: string; pattern: RegExp; level: 1 | 2 | 3 };

// English cues use word boundaries; Chinese has no spaces, so plain substrings.
const IMPACT_CUES: Cue[] = [
  { name: 'impact:everyone', level: 1, pattern: /\b(every(one|body)|all (users|staff|employees|of us|colleagues)|whole (company|office|building|organi[sz]ation)|entire (company|office|building|organi[sz]ation)|company[- ]wide|nobody can|no one can|all offices)\b/i },
  { name: 'impact:everyone', level: 1, pattern: /整个公司|全公司|所有人|大家都|全员|所有同事|整栋楼|整个办公室|所有用户/ },
  { name: 'impact:team', level: 2, pattern: /\b(my team|our team|whole (team|department|floor)|entire (team|department|floor)|several (people|users|colleagues)|(the|our|my) department|few of us|all of my team|my colleagues)\b/i },
  { name: 'impact:team', level: 2, pattern: /整个部门|我们组|我们部门|我们团队|整个团队|好几个同事|几个同事|全组|整层/ },
  { name: 'impact:me', level: 3, pattern: /\b(just me|only me|only my (laptop|computer|pc|account|machine)|only on my|just my (laptop|computer|pc|account|machine))\b/i },
  { name: 'impact:me', level: 3, pattern: /只有我|就我一个|只有我的/ },
];

const URGENCY_CUES: Cue[] = [
  { name: 'urgency:security', level: 1, pattern: /\b(hacked|compromised|ransom(ware)?|files? (are |got |have been )?encrypted|someone (logged|signed) in(to)? my|logged into my account|unknown login|phishing link|malware|virus|trojan)\b/i },
  { name: 'urgency:security', level: 1, pattern: /被黑|黑客|勒索|被加密|中毒|病毒|木马|有人登录了我的|盗号|被盗/ },
  { name: 'urgency:blocked', level: 1, pattern: /\b(can['’]?t work|cannot work|unable to work|urgent(ly)?|asap|emergency|critical|(?<!(shut|shuts|shutting|slow|slows|slowed|turn|turns|back|up and) )down|outage|production (is )?down|business (is )?stopped|immediately|blocking (me|us|our|my))\b/i },
  { name: 'urgency:blocked', level: 1, pattern: /业务停了|无法工作|没法工作|干不了活|紧急|很急|急用|马上|立刻|宕机|瘫痪|停摆/ },
  { name: 'urgency:degraded', level: 2, pattern: /\b(slow|sluggish|intermittent(ly)?|sometimes|on and off|from time to time|work ?around|annoying|laggy)\b/i },
  { name: 'urgency:degraded', level: 2, pattern: /有点慢|很慢|变慢|时好时坏|偶尔|有时候|断断续续|卡顿/ },
  { name: 'urgency:can-wait', level: 3, pattern: /\b(when you have time|no rush|not urgent|whenever|low priority|no hurry|by next week|next week is fine)\b/i },
  { name: 'urgency:can-wait', level: 3, pattern: /不急|不着急|有空的时候|有时间的时候|不紧急|下周也行/ },
];

function strongest(text: string, cues: Cue[]): { level?: 1 | 2 | 3; signals: string[] } {
  const hits = cues.filter((c) => c.pattern.test(text));
  if (hits.length === 0) return { signals: [] };
  // "not urgent" also matches "urgent": an explicit can-wait wins over the word it negates.
  const negated = hits.some((h) => h.name === 'urgency:can-wait') && /\bnot urgent\b|不紧急|不急/i.test(text);
  const usable = negated ? hits.filter((h) => h.name !== 'urgency:blocked') : hits;
  const level = Math.min(...usable.map((h) => h.level)) as 1 | 2 | 3;
  return { level, signals: [...new Set(usable.map((h) => h.name))] };
}

/**
 * Read impact and urgency cues from a message in English or Chinese. Returns only what the text
 * says; use {@link withDefaults} to fill the rest. The widest scope and the most urgent cue win.
 */
export function estimateImpactUrgency(text: string): ImpactUrgencyEstimate {
  const impact = strongest(text, IMPACT_CUES);
  const urgency = strongest(text, URGENCY_CUES);
  return {
    ...(impact.level ? { impact: impact.level } : {}),
    ...(urgency.level ? { urgency: urgency.level } : {}),
    signals: [...impact.signals, ...urgency.signals],
  };
}

/** Fill what the text did not say: impact 3 (one person); urgency 2 for incidents, 3 otherwise. */
export function withDefaults(estimate: ImpactUrgencyEstimate, type: TicketType): { impact: Impact; urgency: Urgency; signals: string[] } {
  return {
    impact: estimate.impact ?? 3,
    urgency: estimate.urgency ?? (type === 'incident' ? 2 : 3),
    signals: estimate.signals,
  };
}
