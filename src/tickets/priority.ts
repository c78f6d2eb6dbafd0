import type { Impact, Priority, Urgency } from '../types/ticket';

const BY_SUM: Record<number, Priority> = { 2: 'P1', 3: 'P2', 4: 'P3', 5: 'P4', 6: 'P5' };

/** 1 for P1 … 5 for P5: a lower rank is more urgent. */
export function priorityRank(priority: Priority): number {
  return Number(priority.slice(1));
}

/** ITIL priority matrix: impact + urgency 2 -> P1, 3 -> P2, 4 -> P3, 5 -> P4, 6 -> P5. */
export function priorityOf(impact: Impact, urgency: Urgency): Priority {
  const valid = (v: number) => v === 1 || v === 2 || v === 3;
  const p = BY_SUM[impact + urgency];
  if (!valid(impact) || !valid(urgency) || !p) throw new Error(`Impact and urgency must each be 1, 2 or 3 (got ${impact} and ${urgency})`);
  return p;
}

/** Impact and urgency giving `priority`, keeping the current impact when the matrix allows (an agent picks a priority in chat). */
export function impactUrgencyFor(priority: Priority, current: { impact: Impact; urgency: Urgency }): { impact: Impact; urgency: Urgency } {
  const sum = priorityRank(priority) + 1;
  const clamp = (v: number) => Math.min(3, Math.max(1, v)) as Impact;
  const urgency = clamp(sum - current.impact);
  return { impact: clamp(sum - urgency), urgency };
}
