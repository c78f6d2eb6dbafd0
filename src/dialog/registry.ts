import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../errors';
import type { Category, TicketType } from '../types/ticket';
import { DialogDefinition } from './schema';
import { selectDialog } from './select';

/** A definition as found at start-up, with the file it came from (named in errors). */
export type DialogEntry = { file: string; definition: unknown };

/** The validated dialogs, looked up by id or picked for a message. */
export type DialogRegistry = {
  all: DialogDefinition[];
  get(id: string): DialogDefinition | undefined;
  select(text: string, category?: Category, type?: TicketType): DialogDefinition;
};

function pathOf(segments: PropertyKey[]): string {
  return segments.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(root)';
}

/** Validate every definition; the first bad one stops start-up with its file, field and the problem. */
export function validateDialogs(entries: DialogEntry[]): DialogDefinition[] {
  const byId = new Map<string, string>();
  return entries.map(({ file, definition }) => {
    const parsed = DialogDefinition.safeParse(definition);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`${file}: ${pathOf(issue.path)}: ${issue.message}. Fix this dialog definition and start again.`);
    }
    const other = byId.get(parsed.data.id);
    if (other) throw new ConfigError(`${file}: id: "${parsed.data.id}" is already used by ${other}. Give each dialog its own id.`);
    byId.set(parsed.data.id, file);
    return parsed.data;
  });
}

/** Read every `*.dialog.ts` / `*.dialog.js` in a folder; each exported object with `id` and `slots` is a definition. */
export function loadDialogDir(dir: string): DialogDefinition[] {
  const files = fs.readdirSync(dir).filter((f) => /\.dialog\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  if (files.length === 0) throw new ConfigError(`${dir}: no *.dialog.ts files. Point the dialog folder at the project's dialogs/.`);
  const entries: DialogEntry[] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- definitions are code modules found at run time
    const mod = require(full) as Record<string, unknown>;
    const defs = Object.values(mod).filter((v) => typeof v === 'object' && v !== null && 'slots' in v);
    if (defs.length === 0) throw new ConfigError(`${full}: exports no dialog. Export one with \`export const xDialog = defineDialog({...})\`.`);
    for (const definition of defs) entries.push({ file: full, definition });
  }
  return validateDialogs(entries);
}

/** A registry over validated definitions; needs a general incident intake and a service-request intake. */
export function createDialogRegistry(defs: DialogDefinition[]): DialogRegistry {
  const byId = new Map(defs.map((d) => [d.id, d]));
  return {
    all: defs,
    get: (id) => byId.get(id),
    select: (text, category, type) => selectDialog(defs, text, category, type),
  };
}
