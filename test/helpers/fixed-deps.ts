import type { Classification, TurnDeps } from '../../src/engine/decide-turn';

/** Turn lookups with a fixed classification and 24x7 SLA arithmetic, for engine tests that are not about them. */
export function fixedTurnDeps(classification: Partial<Classification> = {}): (now: Date) => TurnDeps {
  const c: Classification = { category: 'hardware', type: 'incident', confidence: 0.9, impact: 3, urgency: 2, priority: 'P4', ...classification };
  return (now) => ({
    now,
    classify: () => c,
    dueTimes: (_p, from) => ({
      responseDueAt: new Date(from.getTime() + 8 * 3600_000).toISOString(),
      resolveDueAt: new Date(from.getTime() + 40 * 3600_000).toISOString(),
    }),
    formatTime: (iso) => iso.slice(11, 16),
    describeDuration: (ms) => `within ${Math.round(ms / 3600_000)} hours`,
  });
}
