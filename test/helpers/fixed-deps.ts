import { commonSlots } from '../../src/dialog/common-slots';
import { validateDialogs, type DialogRegistry } from '../../src/dialog/registry';
import { defineDialog } from '../../src/dialog/schema';
import type { Assessment, KbHit, TurnDeps } from '../../src/engine/turn-types';
import { DEFAULT_ROUTING } from '../../src/handoff/routing';

/** A one-question dialog the first message always answers: the ticket is logged on the first turn. */
const instantDialog = defineDialog({
  id: 'instant', version: 1, type: 'incident', title: { en: 'Report', zh: '报告' },
  slots: [commonSlots.problem()],
  summary: { en: '{problem}', zh: '{problem}' },
});

/**
 * Turn lookups with a fixed assessment, 24x7 SLA arithmetic, no articles and a dialog that finishes at
 * once, for engine tests that are not about classification, search or questioning.
 */
export function fixedTurnDeps(assessment: Partial<Assessment> = {}, kbHits: KbHit[] = []): (now: Date) => TurnDeps {
  const a: Assessment = { category: 'hardware', type: 'incident', confidence: 0.9, categoryUncertain: false, impact: 3, urgency: 2, priority: 'P4', ...assessment };
  const [instant] = validateDialogs([{ file: 'test/helpers/fixed-deps.ts', definition: instantDialog }]);
  const dialogs: DialogRegistry = { all: [instant], get: (id) => (id === instant.id ? instant : undefined), select: () => instant };
  return (now) => ({
    now,
    assess: () => a,
    kbSearch: () => kbHits,
    dialogs,
    dueTimes: (_p, from) => ({
      responseDueAt: new Date(from.getTime() + 8 * 3600_000).toISOString(),
      resolveDueAt: new Date(from.getTime() + 40 * 3600_000).toISOString(),
    }),
    routeGroup: (category) => DEFAULT_ROUTING[category],
    formatTime: (iso) => iso.slice(11, 16),
    responseTarget: () => 'within 8 hours',
  });
}
