import type { CatalogEntryInput } from '../../src/requests/catalog-schema';

/** Membership of a distribution list (directory group `dl-<name>`), approved by the list's owner. */
export const distributionListRequest: CatalogEntryInput = {
  id: 'distribution-list',
  title: { en: 'Distribution list membership', zh: '邮件组成员' },
  category: 'email',
  match: [
    '\\b(?:distribution list|mailing list|dl)\\b',
    '(?:邮件组|通讯组|邮件列表)',
  ],
  questions: [
    {
      id: 'list',
      prompt: { en: 'Which distribution list (e.g. "announce")?', zh: '哪个邮件组（例如 “announce”）？' },
      extract: [
        '(?:to|join|on) (?:the )?["“]?([\\w-]+)["”]? (?:distribution list|mailing list|dl)\\b',
        '(?:distribution list|mailing list|dl) (?:called |named )?["“]?([\\w-]+)["”]?',
        '([A-Za-z][\\w-]*)\\s*(?:邮件组|通讯组)',
      ],
    },
  ],
  approval: { kind: 'owner' },
  fulfilment: { kind: 'add_member', group: 'dl-{list}' },
};
