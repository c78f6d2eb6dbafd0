import type { CatalogEntryInput } from '../../src/requests/catalog-schema';

/** Software installation: the manager approves, the desktop team installs it (a manual task). */
export const softwareInstallRequest: CatalogEntryInput = {
  id: 'software-install',
  title: { en: 'Software installation', zh: '软件安装' },
  category: 'software',
  match: [
    '\\b(?:install|need|request|get)\\b.*\\b(?:software|licen[cs]e|app(?:lication)?|visio|photoshop|tableau|matlab)\\b',
    '(?:安装|申请).*(?:软件|许可证|授权)',
  ],
  questions: [
    {
      id: 'software',
      prompt: { en: 'Which software, and which version if it matters?', zh: '需要哪个软件？如有版本要求请注明。' },
      extract: ['\\b(visio|photoshop|tableau|matlab|autocad|project)\\b', '(?:安装|申请)\\s*([A-Za-z][\\w .-]{1,30}?)(?:软件|许可证|$)'],
    },
    { id: 'device', prompt: { en: 'On which computer (its name or asset tag)?', zh: '装在哪台电脑上（电脑名或资产编号）？' } },
  ],
  approval: { kind: 'manager' },
  fulfilment: { kind: 'manual', tasks: [{ group: 'desktop', task: { en: 'Install the software', zh: '安装软件' } }] },
};
