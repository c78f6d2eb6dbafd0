import { applyCorrection, readCorrection } from '../../src/understand/correction';

describe('corrections of what was said before', () => {
  it.each([
    ['sorry, I meant my desktop pc under the desk, not the laptop. room 214', 'my laptop makes a loud noise and shuts off', 'my desktop pc under the desk makes a loud noise and shuts off', 'room 214'],
    ['不对，不是vpn，是公司wifi连不上，在五楼会议室，就我的笔记本', 'vpn连不上', '公司wifi连不上', '在五楼会议室,就我的笔记本'],
    ['not the laptop, my desktop', 'my laptop is slow', 'my desktop is slow', ''],
    ["actually it's outlook not teams", 'teams keeps crashing', 'outlook keeps crashing', ''],
    ['不是笔记本，是台式机', '笔记本开不了机', '台式机开不了机', ''],
  ])('"%s" corrects "%s" to "%s"', (text, before, after, rest) => {
    const correction = readCorrection(text)!;
    expect(applyCorrection(before, correction)).toBe(after);
    expect(correction.rest).toBe(rest);
  });

  it.each(['I mean, it is slow', 'no, it started yesterday', '我不是很清楚，是不是网络问题', 'not sure', 'the printer is not working'])('"%s" corrects nothing', (text) => {
    expect(readCorrection(text)).toBeUndefined();
  });

  it('leaves the description alone when the wrong thing is not in it', () => {
    expect(applyCorrection('打印机坏了', readCorrection('不是我，是我同事')!)).toBeUndefined();
  });
});
