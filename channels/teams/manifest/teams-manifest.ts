import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../src/config';
import { ConfigError } from '../../../src/errors';
import { colorIcon, outlineIcon } from './icons';
import { LEGAL_PATHS } from '../legal-pages';
import { writeZip } from './zip-writer';

/** File name of the package `frontdesk manifest teams` writes. */
export const TEAMS_PACKAGE_FILE = 'frontdesk-teams.zip';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPES = ['personal', 'team', 'groupChat'];

/** Settings the package is built from. */
export type TeamsManifestSettings = Pick<Config, 'TEAMS_APP_ID' | 'PUBLIC_URL'>;

/** The Teams app manifest (schema 1.16) for the bot with Microsoft App ID `appId`, served at `publicUrl`. */
export function teamsManifest(settings: TeamsManifestSettings): Record<string, unknown> {
  const appId = settings.TEAMS_APP_ID;
  if (!appId) throw new ConfigError("set TEAMS_APP_ID to the Azure Bot's Microsoft App ID before building the Teams package");
  if (!GUID.test(appId)) throw new ConfigError(`TEAMS_APP_ID "${appId}" is not a GUID: copy the Microsoft App ID from the Azure Bot resource`);
  const site = new URL(settings.PUBLIC_URL);
  if (site.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL is ${settings.PUBLIC_URL}: Teams only accepts https, set PUBLIC_URL to the service's public https address`);
  }
  const base = site.href.replace(/\/$/, '');
  return {
    $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.16/MicrosoftTeams.schema.json',
    manifestVersion: '1.16',
    version: '1.0.0',
    id: appId,
    developer: { name: 'IT Service Desk', websiteUrl: base, privacyUrl: `${base}${LEGAL_PATHS.privacy}`, termsOfUseUrl: `${base}${LEGAL_PATHS.terms}` },
    name: { short: 'Frontdesk', full: 'Frontdesk IT Service Desk' },
    description: {
      short: 'Report IT problems, request services and follow your tickets.',
      full: 'Frontdesk is the IT service desk assistant. Describe a problem or request in your own words (English or Chinese) and it logs an incident or service request, suggests knowledge-base answers, and tells you the status of your tickets. Agents reply to you here, and you are notified when your ticket changes.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#2563EB',
    bots: [
      {
        botId: appId,
        scopes: SCOPES,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          {
            scopes: SCOPES,
            commands: [
              { title: 'help', description: 'What I can do, with examples' },
              { title: 'status', description: 'Your tickets and their status (e.g. "status INC-000123")' },
            ],
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [site.host],
  };
}

/** Write the Teams app package (manifest.json, color.png, outline.png, zipped) into `outDir`; returns its path. */
export function teamsManifestPackage(settings: TeamsManifestSettings, outDir: string): string {
  const manifest = teamsManifest(settings);
  const zip = writeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ]);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, TEAMS_PACKAGE_FILE);
  fs.writeFileSync(file, zip);
  return file;
}
