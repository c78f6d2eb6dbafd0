import type { CatalogEntryInput } from '../../src/requests/catalog-schema';

/** A new starter: the manager approves, then accounts, a laptop and a desk are set up by three teams. */
export const newHireRequest: CatalogEntryInput = {
  id: 'new-hire',
  title: { en: 'New hire set-up', zh: '新员工入职准备' },
  category: 'account',
  match: ['\\bnew (?:hire|starter|joiner|employee)\\b', '\\bonboard(?:ing)?\\b', '新(?:员工|同事|人)入职|入职准备'],
  questions: [
    { id: 'new_hire_name', prompt: { en: 'What is the new colleague\'s full name?', zh: '新同事的全名是？' } },
    { id: 'start_date', prompt: { en: 'When do they start?', zh: '什么时候入职？' } },
    { id: 'role', prompt: { en: 'Which team and role?', zh: '哪个团队、什么岗位？' } },
  ],
  approval: { kind: 'manager' },
  fulfilment: {
    kind: 'manual',
    tasks: [
      { group: 'identity', task: { en: 'Create the accounts and mailbox', zh: '创建账号和邮箱' } },
      { group: 'desktop', task: { en: 'Prepare a laptop', zh: '准备笔记本电脑' } },
      { group: 'facilities', task: { en: 'Assign a desk and a badge', zh: '安排工位和门禁卡' } },
    ],
  },
};
