import path from 'node:path';
import { dialogEntries } from '../../dialogs';
import { checkScenario } from '../../src/eval/checks';
import { loadScenarios } from '../../src/eval/conversations-eval';
import { replayScenario } from '../../src/eval/replay';

// Every scenario of the suite (`frontdesk eval conversations`) through the real engine: a conversation
// that goes badly again is a failing test, with the checks that failed as the message.
const root = path.join(__dirname);
const scenarios = [...loadScenarios(path.join(root, 'en')), ...loadScenarios(path.join(root, 'zh'))];
const kbDir = path.join(__dirname, '..', '..', 'kb-articles');

describe('conversation scenarios', () => {
  it('has both languages', () => {
    expect(scenarios.filter((s) => s.lang === 'en').length).toBeGreaterThan(40);
    expect(scenarios.filter((s) => s.lang === 'zh').length).toBeGreaterThan(40);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const replay = await replayScenario(scenario, { dialogs: dialogEntries, kbDir });
    const failed = checkScenario(scenario, replay).filter((r) => !r.ok).map((r) => `${r.check}: ${r.why}`);
    expect(failed).toEqual([]);
  }, 30_000);
});
