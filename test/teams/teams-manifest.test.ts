import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runTeamsManifestCommand } from '../../channels/teams/manifest/manifest.command';
import { crc32 } from '../../channels/teams/manifest/crc32';
import { teamsManifestPackage } from '../../channels/teams/manifest/teams-manifest';
import { readZip } from './helpers/zip-reader';

const APP_ID = '3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f';
const PUBLIC_URL = 'https://helpdesk.contoso.com/';

function hasUnzip(): boolean {
  try {
    execFileSync('which', ['unzip'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect(png.readUInt32BE(29)).toBe(crc32(png.subarray(12, 29))); // IHDR chunk CRC
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

function io(env: Record<string, string>, cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { out: '', err: '' };
  stdout.on('data', (c) => (text.out += String(c)));
  stderr.on('data', (c) => (text.err += String(c)));
  return { io: { stdin: new PassThrough(), stdout, stderr, env, cwd }, text };
}

describe('Teams app package', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-teams-manifest-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the zip holds a 1.16 manifest for the app id and the two icons at Teams sizes', () => {
    const file = teamsManifestPackage({ TEAMS_APP_ID: APP_ID, PUBLIC_URL }, dir);

    const files = readZip(fs.readFileSync(file));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'zh-cn.json']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}');
    expect(manifest).toMatchObject({ manifestVersion: '1.16', id: APP_ID, icons: { color: 'color.png', outline: 'outline.png' }, validDomains: ['helpdesk.contoso.com'] });
    expect(manifest.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] });
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual(['help', 'status']);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(pngSize(files.get('color.png') as Buffer)).toEqual([192, 192]);
    expect(pngSize(files.get('outline.png') as Buffer)).toEqual([32, 32]);
  });

  test('declares the new-ticket message extension and a Chinese localization whose every key names a string of the manifest', () => {
    const files = readZip(fs.readFileSync(teamsManifestPackage({ TEAMS_APP_ID: APP_ID, PUBLIC_URL }, dir)));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    const zh = JSON.parse(files.get('zh-cn.json')!.toString('utf8'));
    // The message extension: the form from the compose and command boxes, and "Report to IT" on a message.
    expect(manifest.composeExtensions).toEqual([{ botId: APP_ID, commands: [
      expect.objectContaining({ id: 'newTicket', type: 'action', fetchTask: true, context: ['compose', 'commandBox'] }),
      expect.objectContaining({ id: 'ticketFromMessage', type: 'action', fetchTask: true, context: ['message'] }),
    ] }]);
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'zh-cn', file: 'zh-cn.json' }] });
    // Each key is a path into the manifest ("bots[0].commandLists[0].commands[1].title") that holds an English string.
    const at = (path: string) => path.split('.').flatMap((part) => part.replace(/\]/g, '').split('[')).reduce<any>((node, key) => node?.[key], manifest);
    for (const [key, value] of Object.entries(zh)) {
      if (key === '$schema') continue;
      expect([key, typeof at(key)]).toEqual([key, 'string']);
      // The product's short name stays "Frontdesk"; everything else reads in Chinese.
      if (key !== 'name.short') expect(value).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(zh['description.short'].length).toBeLessThanOrEqual(80);
    expect(zh['name.short'].length).toBeLessThanOrEqual(30);
  });

  test('with TEAMS_SSO_APP_ID: the "My tickets" personal tab at PUBLIC_URL/teams/tab, webApplicationInfo for its SSO, and its Chinese name', () => {
    const SSO_APP = '7d1c2b3a-9e8f-4a5b-8c7d-6e5f4a3b2c1d';
    const files = readZip(fs.readFileSync(teamsManifestPackage({ TEAMS_APP_ID: APP_ID, PUBLIC_URL, TEAMS_SSO_APP_ID: SSO_APP }, dir)));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    const zh = JSON.parse(files.get('zh-cn.json')!.toString('utf8'));

    expect(manifest.staticTabs).toEqual([{ entityId: 'myTickets', name: 'My tickets', contentUrl: 'https://helpdesk.contoso.com/teams/tab', scopes: ['personal'] }]);
    expect(manifest.webApplicationInfo).toEqual({ id: SSO_APP, resource: `api://helpdesk.contoso.com/${SSO_APP}` });
    expect(manifest.validDomains).toContain(new URL(manifest.staticTabs[0].contentUrl).host);
    expect(zh['staticTabs[0].name']).toBe('我的工单');
    // Without SSO the tab could not tell who opens it: neither is declared, and the localization has no key for it.
    const plain = readZip(fs.readFileSync(teamsManifestPackage({ TEAMS_APP_ID: APP_ID, PUBLIC_URL }, dir)));
    expect(JSON.parse(plain.get('manifest.json')!.toString('utf8'))).not.toHaveProperty('staticTabs');
    expect(JSON.parse(plain.get('manifest.json')!.toString('utf8'))).not.toHaveProperty('webApplicationInfo');
    expect(JSON.parse(plain.get('zh-cn.json')!.toString('utf8'))).not.toHaveProperty(['staticTabs[0].name']);
    expect(() => teamsManifestPackage({ TEAMS_APP_ID: APP_ID, PUBLIC_URL, TEAMS_SSO_APP_ID: 'api://x' }, dir)).toThrow(/TEAMS_SSO_APP_ID/);
  });

  (process.env.CI === 'true' || hasUnzip() ? test : test.skip)('the system unzip tool accepts the archive (CRCs included)', () => {
    const file = teamsManifestPackage({ TEAMS_APP_ID: APP_ID, PUBLIC_URL }, dir);

    const report = execFileSync('unzip', ['-t', file]).toString();
    const manifest = JSON.parse(execFileSync('unzip', ['-p', file, 'manifest.json']).toString());

    expect(report).toMatch(/No errors detected/);
    expect(manifest.id).toBe(APP_ID);
  });

  test('`manifest teams --out DIR` writes frontdesk-teams.zip from TEAMS_APP_ID and PUBLIC_URL', async () => {
    const { io: cli, text } = io({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'x', PUBLIC_URL }, dir);

    const code = await runTeamsManifestCommand(['teams', '--out', 'pkg'], cli);

    expect(code).toBe(0);
    expect(text.out).toMatch(/frontdesk-teams\.zip/);
    expect(readZip(fs.readFileSync(path.join(dir, 'pkg', 'frontdesk-teams.zip'))).has('manifest.json')).toBe(true);
  });

  test('a missing app id or an http PUBLIC_URL is refused with the fix', async () => {
    expect(() => teamsManifestPackage({ TEAMS_APP_ID: undefined, PUBLIC_URL }, dir)).toThrow(/set TEAMS_APP_ID/);
    expect(() => teamsManifestPackage({ TEAMS_APP_ID: APP_ID, PUBLIC_URL: 'http://localhost:3000' }, dir)).toThrow(/https/);
    expect(await runTeamsManifestCommand(['slack'], io({}, dir).io)).toBe(1);
  });
});
