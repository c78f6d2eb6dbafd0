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
