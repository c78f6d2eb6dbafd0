import type { DialogResult } from '../dialog/result';
import type { Assessment } from '../engine/turn-types';
import type { Intake } from '../engine/state';
import type { User } from '../store/store';
import type { Ticket } from '../types/ticket';

/** Why a conversation went to a human. */
export type EscalationReason = 'requested' | 'max_retries' | 'priority' | 'security' | 'kb_failed' | 'sla_breach' | 'agent' | 'self_service';

/** What a tier-2 agent gets with an escalated ticket (stored as the data of its `escalated` event). */
export type ContextPackage = {
  summary: string;
  reason: EscalationReason;
  answers: Record<string, string>;
  classification: Pick<Assessment, 'category' | 'type' | 'confidence'>;
  kbTried: { id: string; helpful: boolean | null }[];
  requester: { name?: string; email?: string; department?: string; channel: string };
  recentTickets: { number: string; summary: string; status: string; createdAt: string }[];
};

const IMPACT_WORDS = { 1: 'many users affected', 2: 'whole team affected', 3: 'only them affected' } as const;

/** One sentence for the agent: who, what, how widespread, what was already tried. */
export function handoffSummary(user: User, problem: string, impact: 1 | 2 | 3, kbTried: Intake['kbTried']): string {
  const who = user.name ? `${user.name}${user.department ? ` (${user.department})` : ''}` : 'A user';
  const tried = kbTried.length
    ? `, tried articles ${kbTried.map((k) => `${k.id} (${k.helpful === false ? 'not helpful' : k.helpful ? 'helpful' : 'no answer'})`).join(', ')}`
    : '';
  return `${who} reports ${problem.replace(/[.。]+$/, '')}, ${IMPACT_WORDS[impact]}${tried}`;
}

/** Build the context package from the intake, the dialog answers and the user's history. */
export function buildContextPackage(input: {
  user: User;
  channel: string;
  intake: Intake;
  result?: DialogResult;
  reason: EscalationReason;
  recentTickets: Ticket[];
}): ContextPackage {
  const { user, intake, result } = input;
  const impact = result?.impact ?? intake.assessment.impact;
  return {
    summary: handoffSummary(user, result?.summary ?? intake.description.slice(0, 160), impact, intake.kbTried),
    reason: input.reason,
    answers: result?.slots ?? {},
    classification: { category: intake.assessment.category, type: intake.assessment.type, confidence: intake.assessment.confidence },
    kbTried: intake.kbTried,
    requester: { name: user.name, email: user.email, department: user.department, channel: input.channel },
    recentTickets: input.recentTickets.slice(0, 5).map((t) => ({ number: t.number, summary: t.summary, status: t.status, createdAt: t.createdAt })),
  };
}
