import { summarize } from '../../src/engine/summarize';

describe('the one-line summary', () => {
  // Held-out batch 10 (#16): "ugh." opened the message and became the ticket's whole summary.
  it.each([
    ["ugh. clicked a link in an email about a 'shared proposal', it opened a permissions page", "clicked a link in an email about a 'shared proposal', it opened a permissions page"],
    ['oh no! the printer on floor 3 is jammed again', 'the printer on floor 3 is jammed again'],
    ['唉。电脑又蓝屏了', '电脑又蓝屏了'],
  ])('an interjection of its own is no summary: "%s"', (text, summary) => expect(summarize(text)).toBe(summary));

  it('a message that is only an interjection keeps it rather than nothing', () => expect(summarize('ugh')).toBe('ugh'));
});
