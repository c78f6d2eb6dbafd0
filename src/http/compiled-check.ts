import Ajv, { type ValidateFunction } from 'ajv';
import { z } from 'zod';

/** Why a value does not fit: the path of the first field that does not, and what is wrong with it. */
export type CheckFailure = { path: string; message: string };

// Lengths in code points (as zod measures them), patterns without the u flag (as the zod schemas' own regexes).
// Formats (date-time) are not read: zod's JSON Schema gives the same rule as a pattern, which is.
const ajv = new Ajv({ unicodeRegExp: false, strict: false, allErrors: false, validateFormats: false });

/**
 * A zod schema's checks compiled into one plain function (zod schema to JSON Schema, JSON Schema to code
 * by ajv), for parsed JSON on the acknowledgement path: the same rules as `schema.safeParse`, without its
 * run-time machinery (a pass per field, an object per result), which costs several times as much while the code
 * is cold, as it is in a server that sees each kind of payload now and then. Only for schemas that check
 * (no transforms, refinements or defaults: JSON Schema cannot say those); the output is never used.
 */
export function compileCheck(schema: z.ZodType): (value: unknown) => CheckFailure | null {
  // Compiled on first use (a few milliseconds each): importing a module that defines checks costs nothing.
  let validate: ValidateFunction | null = null;
  return (value) => {
    validate ??= ajv.compile(z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'throw' }));
    if (validate(value)) return null;
    const error = validate.errors?.[0];
    // A pattern's own text (a date's is 300 characters) says nothing to whoever reads the log.
    const message = error?.keyword === 'pattern' ? 'does not have the expected form' : error?.message ?? 'does not fit';
    return { path: (error?.instancePath ?? '').slice(1).replace(/\//g, '.'), message };
  };
}
