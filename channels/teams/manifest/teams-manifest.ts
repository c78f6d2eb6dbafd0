import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../src/config';
import { ConfigError } from '../../../src/errors';
import { colorIcon, outlineIcon } from './icons';
import { LEGAL_PATHS } from '../legal-pages';
import { writeZip } from './zip-writer';
import { FORM_COMMANDS } from '../teams-ticket-form';
import { ssoResource } from '../teams-sso';
import { TEAMS_TAB_PATH } from '../teams-tab-page';

/** File name of the package `frontdesk manifest teams` writes. */
export const TEAMS_PACKAGE_FILE = 'frontdesk-teams.zip';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPES = ['personal', 'team', 'groupChat'];

/** Settings the package is built from. */
export type TeamsManifestSettings = Pick<Config, 'TEAMS_APP_ID' | 'PUBLIC_URL' | 'TEAMS_SSO_APP_ID'>;

/**
 * The Teams app manifest (schema 1.16) for the bot with Microsoft App ID `appId`, served at `publicUrl`. With
 * TEAMS_SSO_APP_ID it also has the "My tickets" personal tab and the webApplicationInfo its single sign-on needs.
 */
export function teamsManifest(settings: TeamsManifestSettings): Record<string, unknown> {
  const appId = settings.TEAMS_APP_ID;
  if (!appId) throw new ConfigError("set TEAMS_APP_ID to the Azure Bot's Microsoft App ID before building the Teams package");
  if (!GUID.test(appId)) throw new ConfigError(`TEAMS_APP_ID "${appId}" is not a GUID: copy the Microsoft App ID from the Azure Bot resource`);
  const site = new URL(settings.PUBLIC_URL);
  if (site.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL is ${settings.PUBLIC_URL}: Teams only accepts https, set PUBLIC_URL to the service's public https address`);
  }
  const base = site.href.replace(/\/$/, '');
  const ssoAppId = settings.TEAMS_SSO_APP_ID;
  if (ssoAppId && !GUID.test(ssoAppId)) throw new ConfigError(`TEAMS_SSO_APP_ID "${ssoAppId}" is not a GUID: copy the Application (client) ID of the app registration`);
  // Without SSO the tab could not know who opens it, so it is only declared with it.
  const tab = ssoAppId ? {
    staticTabs: [{ entityId: TAB_ENTITY_ID, name: 'My tickets', contentUrl: `${base}${TEAMS_TAB_PATH}`, scopes: ['personal'] }],
    webApplicationInfo: { id: ssoAppId, resource: ssoResource(base, ssoAppId) },
  } : {};
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
        supportsFiles: true, // files sent in the personal chat are kept with the ticket (teams-files.ts)
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
    // The new-ticket form, from the compose box and the command box, and "Report to IT" on any message.
    composeExtensions: [{
      botId: appId,
      commands: [
        { id: FORM_COMMANDS.newTicket, type: 'action', title: 'New IT ticket', description: 'Open a ticket with the IT service desk', context: ['compose', 'commandBox'], fetchTask: true },
        { id: FORM_COMMANDS.fromMessage, type: 'action', title: 'Report to IT', description: 'Open an IT ticket about this message', context: ['message'], fetchTask: true },
      ],
    }],
    ...tab,
    localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'zh-cn', file: ZH_FILE }] },
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [site.host],
  };
}

const ZH_FILE = 'zh-cn.json';
const TAB_ENTITY_ID = 'myTickets';

/** The Chinese localization file: every user-visible string of the manifest, by its JSONPath-like key (the tab's name only when it is declared). */
export function teamsManifestZh(withTab = false): Record<string, unknown> {
  return {
    $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.16/MicrosoftTeams.Localization.schema.json',
    'name.short': 'Frontdesk',
    'name.full': 'Frontdesk IT 服务台',
    'description.short': '报告 IT 问题、申请服务、跟进您的工单。',
    'description.full': 'Frontdesk 是 IT 服务台助手。用您自己的话（中文或英文）描述问题或需求，它会登记故障或服务请求、推荐知识库解答，并告诉您工单的进展。工程师会在这里回复您，工单有变化时您会收到通知。',
    'bots[0].commandLists[0].commands[0].title': '帮助',
    'bots[0].commandLists[0].commands[0].description': '我能做什么，附示例',
    'bots[0].commandLists[0].commands[1].title': '状态',
    'bots[0].commandLists[0].commands[1].description': '您的工单及其状态（例如“状态 INC-000123”）',
    'composeExtensions[0].commands[0].title': '新建 IT 工单',
    'composeExtensions[0].commands[0].description': '向 IT 服务台提交工单',
    'composeExtensions[0].commands[1].title': '报告给 IT',
    'composeExtensions[0].commands[1].description': '就这条消息提交 IT 工单',
    ...(withTab ? { 'staticTabs[0].name': '我的工单' } : {}),
  };
}

/** Write the Teams app package (manifest.json, color.png, outline.png, zipped) into `outDir`; returns its path. */
export function teamsManifestPackage(settings: TeamsManifestSettings, outDir: string): string {
  const manifest = teamsManifest(settings);
  const zip = writeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: ZH_FILE, data: Buffer.from(`${JSON.stringify(teamsManifestZh(Boolean(settings.TEAMS_SSO_APP_ID)), null, 2)}\n`, 'utf8') },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ]);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, TEAMS_PACKAGE_FILE);
  fs.writeFileSync(file, zip);
  return file;
}
