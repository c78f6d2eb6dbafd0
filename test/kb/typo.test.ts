import { TypoVocabulary, boundedEditDistance } from '../../src/kb/typo';

describe('boundedEditDistance', () => {
  it.each([
    ['password', 'password', 0],
    ['pasword', 'password', 1],
    ['passwrod', 'password', 1],
    ['wnidows', 'windows', 1],
    ['outlok', 'outlook', 1],
    ['prnter', 'printer', 1],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(boundedEditDistance(a, b, 2)).toBe(expected);
  });

  it('stops early above the bound', () => {
    expect(boundedEditDistance('keyboard', 'monitor', 2)).toBe(3);
  });
});

describe('TypoVocabulary', () => {
  const vocabulary = new TypoVocabulary(new Map([['printer', 'printer'], ['windows', 'window'], ['password', 'password'], ['pointer', 'pointer']]));

  it('repairs a swapped first pair of letters', () => {
    expect(vocabulary.correct('wnidows')).toEqual([{ word: 'windows', stem: 'window', distance: 1 }]);
  });

  it('keeps only the closest words', () => {
    expect(vocabulary.correct('prnter').map((r) => r.word)).toEqual(['printer']);
  });

  it('does not repair short words', () => {
    expect(vocabulary.correct('pc')).toEqual([]);
  });
});
