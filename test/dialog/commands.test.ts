import { parseCommand } from '../../src/dialog/commands';

describe('parseCommand', () => {
  it.each([
    ['cancel', 'cancel'], ['Cancel.', 'cancel'], ['never mind', 'cancel'], ['取消', 'cancel'], ['算了', 'cancel'],
    ['start over', 'restart'], ['Start over please', 'restart'], ['重新开始', 'restart'], ['重来', 'restart'],
    ['skip', 'skip'], ['跳过', 'skip'], ['n/a', 'skip'],
    ['back', 'back'], ['go back', 'back'], ['返回', 'back'], ['上一步', 'back'],
    ['human', 'human'], ['agent', 'human'], ['talk to a human', 'human'],
    ['Can I speak to someone please?', 'human'], ['转人工', 'human'], ['人工客服', 'human'], ['我要转人工', 'human'],
    ['cmd:skip', 'skip'],
  ])('"%s" -> %s', (text, kind) => {
    expect(parseCommand(text)?.kind).toBe(kind);
  });

  it.each([
    ['status', undefined],
    ['status INC-000123', 'INC-000123'],
    ['Status of REQ-42?', 'REQ-000042'],
    ['状态 INC-000123', 'INC-000123'],
    ['查询状态 inc-7', 'INC-000007'],
    ['我的工单', undefined],
    ['my tickets', undefined],
    ['INC-000123', 'INC-000123'],
  ])('"%s" is a status query for %s', (text, ticketNumber) => {
    expect(parseCommand(text)).toEqual(ticketNumber ? { kind: 'status', ticketNumber } : { kind: 'status' });
  });

  it.each([
    'I want to cancel my meeting invite',
    'the status light on the printer blinks',
    'back up my files please',
    'my laptop',
    '2',
    '我的电脑开不了机',
  ])('treats "%s" as an answer', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });
});
