import fc from 'fast-check';

/** A request body to fuzz with: JSON text, or raw bytes when the mutation broke the encoding. */
export type FuzzBody = { body: string | Buffer; mutation: string };

type Path = Array<string | number>;

const MUTATIONS = [
  'wrong-type', 'huge-string', 'over-limit-string', 'deep-nesting', 'control-chars', 'script-tag', 'delete-key',
  'invalid-utf8', 'truncate', 'proto-key', 'number-edge', 'empty-body',
] as const;
type Mutation = (typeof MUTATIONS)[number];

const WRONG_TYPES: unknown[] = [0, -1, 1.5, true, false, null, [], {}, [1, 'a'], { x: { y: 1 } }, '', 'x'];
const NASTY_STRINGS = [
  '<script>alert(1)</script>', '<img src=x onerror="window.__xss=1">', '"><svg onload=alert(1)>', "'; DROP TABLE tickets; --",
  '\u0000\u0001\u0007\u001b[31m', '\u202e\ufeff\u200b', '\ud800', '\udfff\ud800', '{{ticket}}', '${process.exit(1)}', '../../../etc/passwd',
  'INC-000001', '%s%s%s%n', '\r\n\r\nHTTP/1.1 200 OK',
];

function paths(value: unknown, prefix: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(prefix);
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value)) paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out, depth + 1);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return remove ? {} : value;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

function mutate(fixture: unknown, kind: Mutation, pick: number, salt: number): FuzzBody {
  const copy = JSON.parse(JSON.stringify(fixture)) as unknown;
  const all = paths(copy);
  const path = all[pick % all.length];
  const nasty = NASTY_STRINGS[salt % NASTY_STRINGS.length];
  switch (kind) {
    case 'wrong-type':
      return { body: JSON.stringify(setAt(copy, path, WRONG_TYPES[salt % WRONG_TYPES.length])), mutation: kind };
    case 'huge-string':
      return { body: JSON.stringify(setAt(copy, path, 'A'.repeat(300_000 + salt))), mutation: kind };
    case 'over-limit-string':
      return { body: JSON.stringify(setAt(copy, path, `${nasty} `.repeat(Math.ceil(25_000 / (nasty.length + 1))))), mutation: kind };
    case 'deep-nesting': {
      // Built as text: JSON.stringify of a 5,000-deep value would overflow our own stack first.
      const levels = 500 + (salt % 4) * 1500;
      const [open, close] = salt % 2 ? ['[', ']'] : ['{"a":', '}'];
      const nested = `${open.repeat(levels)}"x"${close.repeat(levels)}`;
      return { body: JSON.stringify(setAt(copy, path, '\u0000DEEP')).replace('"\\u0000DEEP"', nested), mutation: kind };
    }
    case 'control-chars':
      return { body: JSON.stringify(setAt(copy, path, `a\u0000b\u0008c\u001fd\u007f${String.fromCharCode(salt % 32)}`)), mutation: kind };
    case 'script-tag':
      return { body: JSON.stringify(setAt(copy, path, nasty)), mutation: kind };
    case 'delete-key':
      return { body: JSON.stringify(setAt(copy, path, undefined, true)), mutation: kind };
    case 'invalid-utf8': {
      const bytes = Buffer.from(JSON.stringify(copy));
      const at = salt % Math.max(1, bytes.length);
      const bad = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe4, 0xb8])][salt % 4];
      return { body: Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]), mutation: kind };
    }
    case 'truncate': {
      const text = JSON.stringify(copy);
      return { body: text.slice(0, salt % Math.max(1, text.length)), mutation: kind };
    }
    case 'proto-key':
      return { body: JSON.stringify(setAt(copy, path, { constructor: { prototype: { polluted: 1 } } })).replace('"constructor"', '"__proto__"'), mutation: kind };
    case 'number-edge':
      return { body: JSON.stringify(setAt(copy, path, 0)).replace(/:0([,}\]])/, `:${['1e999', '-0', '9007199254740993', '1e-400'][salt % 4]}$1`), mutation: kind };
    case 'empty-body':
      return { body: ['', ' ', 'null', '[]', '"x"', '{}', '{"a":'][salt % 7], mutation: kind };
  }
}

/** Mutations of recorded fixtures: wrong types, huge strings, deep nesting, invalid UTF-8, control characters, script tags. */
export function fixtureMutations(fixtures: unknown[]): fc.Arbitrary<FuzzBody> {
  return fc.tuple(fc.nat(fixtures.length - 1), fc.constantFrom(...MUTATIONS), fc.nat(), fc.nat(1_000_000))
    .map(([i, kind, pick, salt]) => mutate(fixtures[i], kind, pick, salt));
}

/** Draw `count` values from an arbitrary with a fixed seed (reproducible runs; FUZZ_SEED overrides). */
export function draw<T>(arbitrary: fc.Arbitrary<T>, count: number, seed = Number(process.env.FUZZ_SEED ?? 20261126)): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}
