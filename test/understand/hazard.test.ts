import { findHazard } from '../../src/understand/hazard';
import { estimateImpactUrgency } from '../../src/classify/impact-urgency';
import { SAFETY_ADVICE, isAdvice } from '../../src/engine/advice';
import { readState } from '../../src/engine/state';

// Held-out batch 11 (#16): a swollen laptop battery got P4 and no word on safety.
describe('a physical danger at a desk', () => {
  it.each(['笔记本电池好像鼓包了，触控板都被顶起来了按不下去', 'my laptop battery is swollen, the trackpad is lifting',
    'the charger smells like burning', '显示器后面冒烟了', 'sparks from the dock when I plug it in'])('"%s" is a hazard at a desk, urgent whoever it is', (text) => {
    expect(findHazard(text)).toBe('device');
    expect(estimateImpactUrgency(text)).toMatchObject({ urgency: 1, hazard: 'device' });
  });

  it.each(['the smoke test fails on the build server', 'printer is in the smoking area', 'battery drains fast', '电池不耐用', 'apache spark job failed',
    'the water cooler is empty', 'server room door is stuck'])('"%s" is no hazard', (text) => expect(findHazard(text)).toBeUndefined());

  it('an intake kept in the conversation keeps its hazard for the turn that logs it (one stored as `true` is a device)', () => {
    const assessment = { category: 'hardware', type: 'incident', confidence: 0.9, impact: 3, urgency: 1, priority: 'P3', hazard: 'water' };
    expect(readState({ phase: 'dialog', intake: { description: 'water on the rack', assessment, kbTried: [] } }).intake?.assessment.hazard).toBe('water');
    const older = { ...assessment, hazard: true };
    expect(readState({ phase: 'dialog', intake: { description: 'battery swollen', assessment: older, kbTried: [] } }).intake?.assessment.hazard).toBe('device');
  });

  it('every kind of safety advice counts as advice in both languages', () => {
    for (const advice of Object.values(SAFETY_ADVICE)) {
      expect(isAdvice(advice.en)).toBe(true);
      expect(isAdvice(advice.zh)).toBe(true);
    }
  });
});

// Held-out batch 13 (#16): water dripping onto a comms rack got P3 and "which device is it?"; a smoking copier
// got the advice for a laptop charger ("unplug the charger, do not charge it again").
describe('danger to a shared machine or the network', () => {
  it.each([
    "URGENT water coming thru the ceiling in the little comms room on 1st floor Leeds, dripping right onto the top of the rack with all the blinking switches",
    'the server room is flooding, water under the racks',
    '弱电间天花板漏水，正好滴在机柜上',
  ])('"%s" is water on electrical equipment, a floor\'s matter', (text) => {
    expect(findHazard(text)).toBe('water');
    expect(estimateImpactUrgency(text)).toMatchObject({ urgency: 1, impact: expect.any(Number) });
    expect(estimateImpactUrgency(text).impact).toBeLessThanOrEqual(2);
  });
  it.each(['5楼茶水间旁边那台大复印机 刚才复印的时候突然有股焦糊味 后面还冒了点烟', 'there is smoke coming out of the printer'])('"%s" is a shared machine', (text) =>
    expect(findHazard(text)).toBe('equipment'));
  it('the advice for a shared machine keeps people away and does not talk of chargers', () => {
    expect(SAFETY_ADVICE.equipment.en).toMatch(/keep everyone away/);
    expect(SAFETY_ADVICE.equipment.zh).not.toMatch(/充电/);
    expect(SAFETY_ADVICE.water.en).toMatch(/do not touch/i);
  });
});
