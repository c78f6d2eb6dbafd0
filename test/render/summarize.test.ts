import { summarize } from '../../src/render/summarize';

describe('the one-line summary', () => {
  // Held-out batch 10 (#16): "ugh." opened the message and became the ticket's whole summary.
  it.each([
    ["ugh. clicked a link in an email about a 'shared proposal', it opened a permissions page", "clicked a link in an email about a 'shared proposal', it opened a permissions page"],
    ['oh no! the printer on floor 3 is jammed again', 'the printer on floor 3 is jammed again'],
    ['唉。电脑又蓝屏了', '电脑又蓝屏了'],
  ])('an interjection of its own is no summary: "%s"', (text, summary) => expect(summarize(text)).toBe(summary));

  // Held-out batch 18 (#16): "Team lead at the Valencia contact centre here." became the softphone outage's summary.
  it.each([
    ["Team lead at the Valencia contact centre here. None of our 30 agents can log into the Genesys softphone since 9:30.", 'None of our 30 agents can log into the Genesys softphone since 9:30.'],
    ['This is Sam from the payroll team. The payroll export fails with error 42.', 'The payroll export fails with error 42.'],
    ['我是市场部的周婷。打印机卡纸了', '打印机卡纸了'],
  ])('who is writing is no summary: "%s"', (text, summary) => expect(summarize(text)).toBe(summary));

  it.each([
    ['I am locked out of my account.', 'I am locked out of my account.'],
    ['我是不是被锁了？', '我是不是被锁了？'],
    ['我是不是被锁了', '我是不是被锁了'],
  ])('a problem said in the first person stays: "%s"', (text, summary) => expect(summarize(text)).toBe(summary));

  it('a message that is only an interjection keeps it rather than nothing', () => expect(summarize('ugh')).toBe('ugh'));
});
