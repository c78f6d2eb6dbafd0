import { defineDialog } from '../src/dialog/schema';
import { commonSlots } from '../src/dialog/common-slots';

/** New hire onboarding: who starts when, in which role, with which equipment and access. */
export const newHireDialog = defineDialog({
  id: 'new-hire',
  version: 2,
  category: 'account',
  type: 'service_request',
  // "40台电脑全部蓝屏 … 下午有新员工入职培训": the training is when it hurts, not what is asked for.
  requestsOnly: true,
  title: { en: 'New hire onboarding', zh: '新员工入职' },
  triggers: {
    en: ['new hire', 'new starter', 'new joiner', 'new employee', 'onboarding', 'onboard', 'starts on', 'starting on', 'joining us'],
    zh: ['新员工', '新同事', '入职', '新人', '报到'],
  },
  slots: [
    {
      id: 'hire_name', type: 'text', extract: 'new_hire',
      label: { en: 'New hire', zh: '新员工姓名' },
      prompt: { en: "What is the new hire's full name?", zh: '新员工的全名是什么？' },
      retry: { en: 'Please type their full name.', zh: '请输入对方的全名。' },
    },
    {
      id: 'start_date', type: 'datetime', extract: 'deadline',
      label: { en: 'Start date', zh: '入职日期' },
      prompt: { en: 'When do they start?', zh: '他们哪天入职？' },
      retry: { en: 'Please give a date, e.g. "next Monday" or "2026-12-01".', zh: '请给出日期，例如“下周一”或“12月1日”。' },
    },
    {
      id: 'role', type: 'text',
      label: { en: 'Role and team', zh: '职位和团队' },
      prompt: { en: 'What is their job title and team?', zh: '他们的职位和所在团队是什么？' },
      retry: { en: 'Please give the role, e.g. "Accountant, Finance".', zh: '请说明职位，例如“会计，财务部”。' },
    },
    {
      id: 'manager', type: 'text', extract: 'manager',
      label: { en: 'Manager', zh: '直属经理' },
      prompt: { en: 'Who is their manager?', zh: '他们的直属经理是谁？' },
      retry: { en: "Please give the manager's name or e-mail.", zh: '请填写经理的姓名或邮箱。' },
    },
    {
      id: 'equipment', type: 'choice',
      label: { en: 'Equipment', zh: '设备' },
      prompt: { en: 'Which equipment do they need?', zh: '他们需要什么设备？' },
      retry: { en: 'Please pick one of the options.', zh: '请选择其中一项。' },
      choices: [
        { value: 'standard_laptop', label: { en: 'Standard laptop', zh: '标准笔记本' }, synonyms: ['laptop', 'standard', 'a laptop', 'computer', 'notebook', '笔记本', '标准', '电脑', '笔记本电脑'] },
        { value: 'developer_laptop', label: { en: 'Developer laptop', zh: '开发用笔记本' }, synonyms: ['developer', 'dev laptop', 'engineering', '开发', '研发'] },
        { value: 'desktop', label: { en: 'Desktop computer', zh: '台式机' }, synonyms: ['desktop', 'pc', 'workstation', '台式', '台式电脑', '主机'] },
        { value: 'none', label: { en: 'Nothing, they have one', zh: '不需要，已有设备' }, synonyms: ['nothing', 'no equipment', 'own device', '不需要', '已有'] },
      ],
    },
    {
      id: 'access', type: 'freetext', optional: true,
      label: { en: 'Systems and shares', zh: '系统和共享权限' },
      prompt: { en: 'Which systems, shared drives or mailing lists do they need?', zh: '他们需要哪些系统、共享盘或邮件组的权限？' },
      retry: { en: 'A short list is fine, e.g. "SAP, Finance share".', zh: '简单列出即可，例如“SAP、财务共享盘”。' },
    },
    commonSlots.name(),
    commonSlots.contact(),
  ],
  summary: { en: 'New hire: {hire_name}[, {role}][, starts {start_date}]', zh: '新员工入职：{hire_name}[，{role}][，入职日期 {start_date}]' },
});
