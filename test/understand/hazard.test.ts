import { isHazard } from '../../src/understand/hazard';
import { estimateImpactUrgency } from '../../src/classify/impact-urgency';
import { SAFETY_ADVICE, isAdvice } from '../../src/engine/advice';
import { readState } from '../../src/engine/state';

// Held-out batch 11 (#16): a swollen laptop battery got P4 and no word on safety.
describe('a physical danger at a desk', () => {
  it.each(['笔记本电池好像鼓包了，触控板都被顶起来了按不下去', 'my laptop battery is swollen, the trackpad is lifting', 'there is smoke coming out of the printer',
    'the charger smells like burning', '显示器后面冒烟了', 'sparks from the dock when I plug it in'])('"%s" is a hazard, urgent whoever it is', (text) => {
    expect(isHazard(text)).toBe(true);
    expect(estimateImpactUrgency(text)).toMatchObject({ urgency: 1, hazard: true });
  });

  it.each(['the smoke test fails on the build server', 'printer is in the smoking area', 'battery drains fast', '电池不耐用', 'apache spark job failed'])(
    '"%s" is no hazard', (text) => expect(isHazard(text)).toBe(false));

  it('an intake kept in the conversation keeps its hazard for the turn that logs it', () => {
    const assessment = { category: 'hardware', type: 'incident', confidence: 0.9, impact: 3, urgency: 1, priority: 'P3', hazard: true };
    const state = readState({ phase: 'dialog', intake: { description: 'battery swollen', assessment, kbTried: [] } });
    expect(state.intake?.assessment.hazard).toBe(true);
  });

  it('the safety advice counts as advice in both languages', () => {
    expect(isAdvice(SAFETY_ADVICE.en)).toBe(true);
    expect(isAdvice(SAFETY_ADVICE.zh)).toBe(true);
  });
});
