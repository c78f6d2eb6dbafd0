/** Why a mail from a person or robot is held without a reply, or null to answer it. */
export type LoopVerdict = 'loop' | 'rate_cap' | null;

/** Tuning of the loop guard. */
export type LoopGuardOptions = {
  /** How long bodies and sends are remembered (default 10 minutes). */
  windowMs?: number;
  /** A mail this soon after our last mail to its sender is "answering at robot speed" (default 60 s). */
  echoMs?: number;
  /** Similarity (0..1) above which two bodies count as the same text (default 0.8). */
  similarity?: number;
  /** Bot-answered mails per address and window, counting every address our reply would go to (default 30). */
  capPerWindow?: number;
  /** Most mails the bot sends into one loop, the notice to the sender included (default 2). */
  mailsPerLoop?: number;
};

type Seen = { at: number; shingles: Set<string>; conversation?: string };

/** A verdict, and for a loop the conversation of the earlier mail this one repeats (when known). */
export type LoopJudgement = { verdict: LoopVerdict; repeats?: string };

/**
 * Tells a robot's echo from a person by content and rhythm, not by a plain count: a sender whose mail
 * arrives within seconds of our reply to it, with nearly the text it sent before, is a responder talking
 * to us; that mail is held (kept for agents, not answered). A generous per-address cap stays as a bound
 * on what any one address can make the bot send; it counts every recipient of the reply (Cc included).
 * Agents' replies are never counted or held: only mail the bot would answer passes through here.
 * In memory: a restart forgets, which at worst costs one more bot reply per loop.
 */
export class LoopGuard {
  private readonly bodies = new Map<string, Seen[]>();
  /** Times of our mails per address within the window, oldest first. */
  private readonly replies = new Map<string, number[]>();
  /** When each sender was last told that its mail is held. */
  private readonly notified = new Map<string, number>();
  private readonly answered = new Map<string, number[]>();
  private readonly windowMs: number;
  private readonly echoMs: number;
  private readonly similarity: number;
  private readonly cap: number;
  private readonly mailsPerLoop: number;

  constructor(options: LoopGuardOptions = {}, private readonly clock: () => number = Date.now) {
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.echoMs = options.echoMs ?? 60_000;
    this.similarity = options.similarity ?? 0.8;
    this.cap = options.capPerWindow ?? 30;
    this.mailsPerLoop = options.mailsPerLoop ?? 2;
  }

  /** Record that we mailed these addresses now. */
  noteSent(addresses: readonly string[]): void {
    const now = this.clock();
    for (const address of addresses) {
      const key = address.toLowerCase();
      this.replies.set(key, [...(this.replies.get(key) ?? []).filter((t) => now - t < this.windowMs).slice(-19), now]);
    }
    if (this.replies.size > 50_000) this.prune(now);
  }

  /** Judge a mail the bot would answer, and remember it; `recipients` are everyone our answer would go to. */
  judge(from: string, body: string, recipients: readonly string[]): LoopVerdict {
    return this.judgeMail(from, body, recipients).verdict;
  }

  /** As `judge`, remembering the mail's conversation, so a repeat says which conversation it repeats. */
  judgeMail(from: string, body: string, recipients: readonly string[], conversation?: string): LoopJudgement {
    const now = this.clock();
    const sender = from.toLowerCase();
    const shingles = shinglesOf(body);
    const earlier = (this.bodies.get(sender) ?? []).filter((s) => now - s.at < this.windowMs);
    this.bodies.set(sender, [...earlier.slice(-19), { at: now, shingles, ...(conversation ? { conversation } : {}) }]);
    const lastReply = this.replies.get(sender)?.at(-1);
    const fast = lastReply !== undefined && now - lastReply < this.echoMs;
    const repeated = fast ? earlier.filter((s) => jaccard(s.shingles, shingles) >= this.similarity).at(-1) : undefined;
    if (repeated) return { verdict: 'loop', ...(repeated.conversation ? { repeats: repeated.conversation } : {}) };
    const addresses = [...new Set([sender, ...recipients.map((r) => r.toLowerCase())])];
    const counts = addresses.map((a) => (this.answered.get(a) ?? []).filter((t) => now - t < this.windowMs));
    if (counts.some((times) => times.length >= this.cap)) return { verdict: 'rate_cap' };
    addresses.forEach((a, i) => this.answered.set(a, [...counts[i], now]));
    return { verdict: null };
  }

  /**
   * Whether the sender of a held mail may be told, once: at most one notice per sender and window (the
   * episode), and for a loop only while the bot's mails into it stay within `mailsPerLoop` with the notice
   * counted. A responder that echoed each of our mails within seconds has had its mails; a person whose
   * mail arrived twice (a double send) or who wrote past the cap is told. Records the notice when it says yes.
   */
  claimNotice(from: string, verdict: Exclude<LoopVerdict, null>): boolean {
    const now = this.clock();
    const sender = from.toLowerCase();
    const last = this.notified.get(sender);
    if (last !== undefined && now - last < this.windowMs) return false;
    if (verdict === 'loop' && this.loopMails(sender, now) + 1 > this.mailsPerLoop) return false;
    this.notified.set(sender, now);
    return true;
  }

  /** Our mails to `sender` in the current exchange: the run back from now with no gap of `echoMs` or more. */
  private loopMails(sender: string, now: number): number {
    const times = this.replies.get(sender) ?? [];
    let count = 0;
    for (let i = times.length - 1, after = now; i >= 0 && after - times[i] < this.echoMs; after = times[i], i--) count++;
    return count;
  }

  private prune(now: number): void {
    for (const [key, times] of this.replies) if (times.every((at) => now - at >= this.windowMs)) this.replies.delete(key);
    for (const [key, at] of this.notified) if (now - at >= this.windowMs) this.notified.delete(key);
    for (const [key, list] of this.bodies) if (list.every((s) => now - s.at >= this.windowMs)) this.bodies.delete(key);
    for (const [key, list] of this.answered) if (list.every((t) => now - t >= this.windowMs)) this.answered.delete(key);
  }
}

/**
 * Word 3-grams (Latin) and character bigrams (CJK), with digits and case folded away: "Ticket #124
 * received" and "Ticket #125 received" are the same text, two different problems are not.
 */
function shinglesOf(text: string): Set<string> {
  const folded = text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  const out = new Set<string>();
  const words = folded.split(/[^\p{L}#]+/u).filter(Boolean);
  for (let i = 0; i + 2 < words.length; i++) out.add(words.slice(i, i + 3).join(' '));
  const cjk = folded.replace(/[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, '');
  for (let i = 0; i + 1 < cjk.length; i++) out.add(cjk.slice(i, i + 2));
  if (out.size === 0 && folded) out.add(folded);
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}
