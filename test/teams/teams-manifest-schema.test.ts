import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManifestUtil } from '@microsoft/teams-manifest';
import { teamsManifestPackage } from '../../channels/teams/manifest/teams-manifest';
import { SCHEMA_DIR } from './helpers/card-schema';
import { readZip } from './helpers/zip-reader';

/**
 * A vendored schema. The Localization schemas' `activities.activityTypes[\\b(...)\\b]` patterns leave a `]` unescaped,
 * which ajv's unicode regular expressions reject (the whole schema fails to compile); escaping it keeps the meaning.
 */
const schema = (file: string) => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8').replace(/\\\\b\]/g, '\\\\b\\\\]'));
const validate = (doc: unknown, file: string) => ManifestUtil.validateManifestAgainstSchema(doc as never, schema(file));

let files: Map<string, Buffer>;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-teams-schema-'));
  // With SSO: the package then also declares the personal tab and webApplicationInfo, checked with the rest.
  files = readZip(fs.readFileSync(teamsManifestPackage({ TEAMS_APP_ID: '3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f', PUBLIC_URL: 'https://helpdesk.contoso.com/', TEAMS_SSO_APP_ID: '7d1c2b3a-9e8f-4a5b-8c7d-6e5f4a3b2c1d' }, dir)));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const json = (name: string) => JSON.parse(files.get(name)!.toString('utf8'));

describe('the built Teams package against the official schemas (@microsoft/teams-manifest, vendored schemas)', () => {
  test('manifest.json (1.16) is valid against v1.16', async () => {
    expect(json('manifest.json').staticTabs).toHaveLength(1);
    expect(await validate(json('manifest.json'), 'teams-v1.16.MicrosoftTeams.schema.json')).toEqual([]);
  });

  test('the tab and webApplicationInfo are what the schema checks (a bad one is reported)', async () => {
    const manifest = json('manifest.json');
    manifest.staticTabs[0].scopes = ['everyone'];
    manifest.webApplicationInfo.id = 'not-a-guid';
    const errors = (await validate(manifest, 'teams-v1.16.MicrosoftTeams.schema.json')).join('\n');
    expect(errors).toMatch(/staticTabs/);
    expect(errors).toMatch(/webApplicationInfo/);
  });

  test('the same manifest declared as 1.29 is valid against v1.29 (nothing else changed: it upgrades as is)', async () => {
    const manifest = { ...json('manifest.json'), manifestVersion: '1.29', $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json' };
    expect(await validate(manifest, 'teams-v1.29.MicrosoftTeams.schema.json')).toEqual([]);
  });

  test.each([['v1.16'], ['v1.29']])('the Chinese localization zh-cn.json is valid against %s', async (version) => {
    expect(await validate(json('zh-cn.json'), `teams-${version}.MicrosoftTeams.Localization.schema.json`)).toEqual([]);
  });

  test('a broken manifest or localization is reported (the check can fail)', async () => {
    const manifest = json('manifest.json');
    manifest.bots[0].scopes = ['everyone'];
    delete manifest.developer.privacyUrl;
    const errors = await validate(manifest, 'teams-v1.16.MicrosoftTeams.schema.json');
    expect(errors.join('\n')).toMatch(/scopes/);
    expect(errors.join('\n')).toMatch(/privacyUrl/);
    const zh = { ...json('zh-cn.json'), 'name.short': 'x'.repeat(31) };
    expect(await validate(zh, 'teams-v1.29.MicrosoftTeams.Localization.schema.json')).not.toEqual([]);
  });
});
