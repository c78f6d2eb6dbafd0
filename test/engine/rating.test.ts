import { readRating } from '../../src/engine/turns/after-resolve';

// Issue #16 (held-out zh-s8-wecom-notify-meishile-csat, zh-csat-3fen-comment): "4分吧" was not read as a rating,
// so the rating and the comment after it each started a new ticket.
describe('readRating', () => {
  it.each([
    ['4', 4, null], ['4分吧', 4, null], ['三分吧 等太久', 3, '等太久'], ['打五星', 5, null], ['给4分', 4, null],
    ['5/5 great', 5, 'great'], ['4 out of 5', 4, null], ["I'd give it a 4", 4, null], ['5 stars!', 5, null], ['4, quick fix', 4, 'quick fix'],
  ])('reads %j as %d', (text, score, comment) => {
    expect(readRating(text)).toEqual({ score, comment });
  });

  it.each(['14', '5分钟后再试', 'still broken', '6', '三楼打印机'])('does not read %j as a rating', (text) => {
    expect(readRating(text)).toBeNull();
  });
});
