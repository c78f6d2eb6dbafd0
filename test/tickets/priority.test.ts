import { priorityOf } from '../../src/tickets/priority';
import type { Impact, Urgency } from '../../src/types/ticket';

describe('priorityOf', () => {
  const matrix: [Impact, Urgency, string][] = [
    [1, 1, 'P1'], [1, 2, 'P2'], [1, 3, 'P3'],
    [2, 1, 'P2'], [2, 2, 'P3'], [2, 3, 'P4'],
    [3, 1, 'P3'], [3, 2, 'P4'], [3, 3, 'P5'],
  ];

  it.each(matrix)('impact %i + urgency %i -> %s', (impact, urgency, expected) => {
    // Arrange/Act
    const priority = priorityOf(impact, urgency);
    // Assert
    expect(priority).toBe(expected);
  });

  it('rejects values outside 1-3 with a message naming the fix', () => {
    expect(() => priorityOf(4 as Impact, 1)).toThrow(/must each be 1, 2 or 3/);
  });
});
