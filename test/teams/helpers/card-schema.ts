import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/** The official parser's UMD bundle: its `lib/` build is ES modules that jest does not load. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Where the vendored official schemas are (see its README for source, commit and license). */
export const SCHEMA_DIR = path.join(__dirname, '..', '..', 'fixtures', 'schemas');

let validate: ValidateFunction | null = null;

/** The Adaptive Cards 1.5 schema (adaptivecards.io), compiled once. */
function cardSchema(): ValidateFunction {
  if (validate) return validate;
  const raw = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'adaptive-card-1.5.0.json'), 'utf8')) as Record<string, unknown>;
  // The file declares draft-06 but names itself with draft-04's `id`; ajv only takes draft-06's `$id`.
  const { id, ...rest } = raw;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  validate = ajv.compile({ ...rest, $id: String(id) });
  return validate;
}

/**
 * Every problem with an Adaptive Card (the attachment's `content`): the 1.5 JSON schema (ajv), then the official
 * `adaptivecards` parser (parse events and its own property checks: required values, duplicate ids, versions).
 * The parser runs with Microsoft Teams' host config. `msteams` is Teams' documented host extension, not in the schema: it is checked here ({ width: 'Full' } only).
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const { msteams, ...content } = card as Record<string, unknown>;
  if (msteams !== undefined && JSON.stringify(msteams) !== JSON.stringify({ width: 'Full' })) problems.push(`msteams: ${JSON.stringify(msteams)}`);
  const check = cardSchema();
  if (!check(content)) problems.push(...(check.errors ?? []).map((e) => `schema ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  // Judged as Teams hosts it (e.g. six actions, where the parser's default host allows five).
  parsed.hostConfig = new AC.HostConfig(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'adaptive-card-hostconfig-microsoft-teams-light.json'), 'utf8')));
  parsed.parse(content, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}
