import { onlyRequesterText } from '../../src/engine/click-guard';

describe('onlyRequesterText', () => {
  it.each([
    [{ name: 'Bob Chen', lang: 'en' as const }, 'Only Bob Chen can answer this.'],
    [{ name: 'Bob Chen', lang: 'zh' as const }, '只有 Bob Chen 可以回答这个问题。'],
    [{ lang: 'en' as const }, 'Only the person who asked can answer this.'],
    [{ name: '  ', lang: 'zh' as const }, '只有提出这个问题的人可以回答。'],
  ])('%j -> %s', (requester, text) => {
    expect(onlyRequesterText(requester)).toBe(text);
  });
});
