import { RateLimitedError } from '../../src/errors';

describe('RateLimitedError.parseRetryAfter', () => {
  const now = Date.parse('2026-12-06T04:00:00Z');
  it.each([
    [5, 5000],
    ['5', 5000],
    [' 0.5 ', 500],
    ['Sun, 06 Dec 2026 04:00:30 GMT', 30_000],
    ['Sun, 06 Dec 2026 03:59:00 GMT', 0],
    ['-3', null],
    ['soon', null],
    ['', null],
    [undefined, null],
    [Number.NaN, null],
  ])('%j -> %j ms', (value, ms) => {
    expect(RateLimitedError.parseRetryAfter(value, now)).toBe(ms);
  });
});
