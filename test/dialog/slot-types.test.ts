import { parseSlotValue, parseYesNo } from '../../src/dialog/slot-types';
import { commonSlots } from '../../src/dialog/common-slots';
import type { SlotDef } from '../../src/dialog/schema';

const impact = commonSlots.impact();
const slot = (type: SlotDef['type']): SlotDef => ({ ...commonSlots.doing(), type });

describe('choice answers', () => {
  it.each([
    ['2', 'team'], ['3.', 'everyone'], ['#1', 'me'], ['team', 'team'], ['My team', 'team'], ['我的团队', 'team'],
    ['所有人', 'everyone'], ['only me', 'me'], ['the whole team is affected', 'team'], ['整个部门', 'team'], ['everyone', 'everyone'],
  ])('"%s" -> %s', (answer, value) => {
    expect(parseSlotValue(impact, answer, 'en')).toEqual({ ok: true, value });
  });

  it.each(['7', 'banana', ''])('rejects "%s"', (answer) => {
    expect(parseSlotValue(impact, answer, 'en').ok).toBe(false);
  });
});

describe('other slot types', () => {
  it.each([['yes', 'yes'], ['Yep', 'yes'], ['是的', 'yes'], ['no', 'no'], ['没有', 'no'], ['否', 'no'], ['No, I did not', 'no']])(
    'yes/no "%s" -> %s',
    (answer, value) => expect(parseYesNo(answer)).toBe(value),
  );

  it('reads e-mail addresses and rejects other text', () => {
    expect(parseSlotValue(slot('email'), ' Ann.Lee@Example.com ', 'en')).toEqual({ ok: true, value: 'ann.lee@example.com' });
    expect(parseSlotValue(slot('email'), 'ann at example', 'en').ok).toBe(false);
  });

  it.each(['yesterday', 'since 9:00', 'this morning', 'next Monday', '2026-12-01', 'not sure', '昨天下午', '下周一', '12月1日', '不确定'])(
    'accepts the time "%s"',
    (answer) => expect(parseSlotValue(slot('datetime'), answer, 'en').ok).toBe(true),
  );

  it.each(['banana', 'the printer', '打印机'])('rejects "%s" as a time', (answer) => {
    expect(parseSlotValue(slot('datetime'), answer, 'en').ok).toBe(false);
  });

  it('requires letters or digits in text and caps its length', () => {
    expect(parseSlotValue(slot('text'), '???', 'en').ok).toBe(false);
    expect(parseSlotValue(slot('text'), 'x'.repeat(501), 'en').ok).toBe(false);
    expect(parseSlotValue(slot('text'), '财', 'zh')).toEqual({ ok: true, value: '财' });
    expect(parseSlotValue(slot('freetext'), 'line one\nline two', 'en')).toEqual({ ok: true, value: 'line one\nline two' });
  });
});
