import type { Priority } from '../../types/ticket';
import type { RequesterFacts } from '../turn-types';

const ORDER: Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5'];

/** A VIP's ticket is one level more urgent, up to P2 (so it reaches tier-2 at once); P1 stays P1. */
export function vipPriority(priority: Priority, facts: RequesterFacts | undefined): Priority {
  if (!facts?.vip) return priority;
  const index = ORDER.indexOf(priority);
  return index <= 1 ? priority : ORDER[index - 1];
}

/** The directory's facts as ticket slots, for agents and reports (department, manager, office, VIP). */
export function requesterSlots(facts: RequesterFacts | undefined): Record<string, string> {
  if (!facts) return {};
  return {
    ...(facts.department ? { department: facts.department } : {}),
    ...(facts.manager ? { manager: facts.manager } : {}),
    ...(facts.office ? { office: facts.office } : {}),
    ...(facts.vip ? { vip: 'yes' } : {}),
  };
}
