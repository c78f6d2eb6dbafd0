import { z } from 'zod';
import { compileCheck } from '../../src/http/compiled-check';

// The shapes slack-envelope.ts checks are made of: a compiled check must refuse exactly what zod refuses.
const str = z.string().max(10);
const id = z.string().regex(/^[A-Z0-9]{1,5}$/);
const Shape = z.object({
  type: z.literal('block_actions'),
  kind: z.enum(['a', 'b']).optional(),
  user: z.object({ id, team_id: id.nullish() }),
  team: z.object({ id }).nullish(),
  size: z.number().int().nonnegative().optional(),
  flag: z.boolean().optional(),
  values: z.record(str, z.record(str, z.object({ value: str.nullish() }))).optional(),
  actions: z.array(z.object({ action_id: str })).min(1).max(3),
  blocks: z.array(z.object({})).optional(),
});

const valid = { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'x' }] };
const cases: Array<[string, unknown]> = [
  ['the smallest valid payload', valid],
  ['other keys, everywhere', { ...valid, extra: [1, { deep: true }], user: { id: 'U1', name: 'Ana' }, actions: [{ action_id: 'x', value: 3 }] }],
  ['every optional field set', { ...valid, kind: 'b', team: { id: 'T1' }, size: 0, flag: false, values: { b: { a: { value: null } } }, blocks: [{}, { type: 'x' }] }],
  ['nullish fields null', { ...valid, team: null, user: { id: 'U1', team_id: null } }],
  ['ten characters, twenty UTF-16 units', { ...valid, actions: [{ action_id: '🙂'.repeat(10) }] }],
  ['eleven characters', { ...valid, actions: [{ action_id: '🙂'.repeat(10) + 'x' }] }],
  ['a lone surrogate among ten', { ...valid, actions: [{ action_id: '🙂'.repeat(9) + '\ud83d' }] }],
  ['not an object', 'block_actions'],
  ['null', null],
  ['an array', [valid]],
  ['another type', { ...valid, type: 'view_submission' }],
  ['an enum value not listed', { ...valid, kind: 'c' }],
  ['an id in lower case', { ...valid, user: { id: 'u1' } }],
  ['an id too long', { ...valid, user: { id: 'U123456' } }],
  ['an id with a newline after it', { ...valid, user: { id: 'U1\n' } }],
  ['a missing required object', { type: 'block_actions', actions: [{ action_id: 'x' }] }],
  ['a required object null', { ...valid, user: null }],
  ['a nested object an array', { ...valid, team: [] }],
  ['a negative size', { ...valid, size: -1 }],
  ['a fractional size', { ...valid, size: 1.5 }],
  ['a size past the safe integers', { ...valid, size: 2 ** 60 }],
  ['a string flag', { ...valid, flag: 'true' }],
  ['no action', { ...valid, actions: [] }],
  ['four actions', { ...valid, actions: Array.from({ length: 4 }, () => ({ action_id: 'x' })) }],
  ['an action that is a string', { ...valid, actions: ['x'] }],
  ['a block that is an array', { ...valid, blocks: [[]] }],
  ['a record key too long', { ...valid, values: { abcdefghijk: {} } }],
  ['a record value not an object', { ...valid, values: { a: 'b' } }],
  ['a deep value a number', { ...valid, values: { a: { b: { value: 1 } } } }],
];

describe('compileCheck: a zod schema compiled into one function', () => {
  const check = compileCheck(Shape);

  test.each(cases)('agrees with zod: %s', (_name, value) => {
    expect(check(value) === null).toBe(Shape.safeParse(value).success);
  });

  test('a refusal names the field and what is wrong', () => {
    expect(check({ ...valid, user: { id: 'u1' } })).toEqual({ path: 'user.id', message: 'does not have the expected form' });
    expect(check({ ...valid, actions: [] })).toEqual({ path: 'actions', message: expect.any(String) });
  });
});
