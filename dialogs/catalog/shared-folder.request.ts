import type { CatalogEntryInput } from '../../src/requests/catalog-schema';

/** Access to a shared folder: the folder's directory group `share-<name>`, approved by the requester's manager. */
export const sharedFolderRequest: CatalogEntryInput = {
  id: 'shared-folder',
  title: { en: 'Access to a shared folder', zh: '共享文件夹访问权限' },
  category: 'data',
  match: [
    '\\b(?:access|permission)s?\\b.*\\b(?:share|shared (?:folder|drive)|folder|drive)\\b',
    '\\b(?:share|shared folder|shared drive|folder)\\b.*\\b(?:access|permission)s?\\b',
    '(?:共享(?:文件夹|盘|目录)).*(?:权限|访问)|(?:权限|访问).*(?:共享(?:文件夹|盘|目录))',
  ],
  questions: [
    {
      id: 'folder',
      prompt: { en: 'Which shared folder (e.g. "finance")?', zh: '哪个共享文件夹（例如 “finance”）？' },
      extract: [
        'access to (?:the )?([\\w-]+) (?:share|shared folder|shared drive|folder|drive)',
        '(?:share|folder|drive) (?:called |named )?["“]?([\\w-]+)["”]?',
        '([A-Za-z][\\w-]*)\\s*共享(?:文件夹|盘|目录)',
      ],
    },
  ],
  approval: { kind: 'manager' },
  fulfilment: { kind: 'add_member', group: 'share-{folder}' },
};
