import type { SlotDef } from './schema';

/** Building blocks the dialog definitions share, so every intake asks the service-desk questions the same way. */
export const commonSlots = {
  problem: (): SlotDef => ({
    id: 'problem', type: 'freetext', extract: 'problem',
    label: { en: 'What happens', zh: '问题描述' },
    prompt: { en: 'What exactly happens? Describe it in a sentence or two.', zh: '具体发生了什么？请用一两句话描述。' },
    retry: { en: 'Please describe what goes wrong, e.g. "Outlook closes when I open a PDF".', zh: '请描述一下出了什么问题，例如“打开 PDF 附件时 Outlook 会闪退”。' },
  }),
  since: (): SlotDef => ({
    id: 'since', type: 'datetime', extract: 'since',
    label: { en: 'Since when', zh: '开始时间' },
    prompt: { en: 'Since when has this been happening?', zh: '这个问题是从什么时候开始的？' },
    retry: { en: 'When did it start? e.g. "this morning", "since Monday", "2 hours ago" or "not sure".', zh: '大概什么时候开始的？例如“今天早上”“从周一开始”“两小时前”，不确定也可以直接说“不确定”。' },
  }),
  doing: (): SlotDef => ({
    id: 'doing', type: 'text', optional: true,
    label: { en: 'What you were doing', zh: '当时在做什么' },
    prompt: { en: 'What were you doing when it happened?', zh: '问题出现时您正在做什么？' },
    retry: { en: 'A few words are enough, e.g. "joining a Teams call".', zh: '简单几个字就行，例如“正在加入 Teams 会议”。' },
  }),
  error: (): SlotDef => ({
    id: 'error', type: 'text', optional: true, extract: 'error',
    label: { en: 'Error message', zh: '错误信息' },
    prompt: { en: 'What is the exact error message or code, if you see one?', zh: '如果有错误提示或错误代码，请原样告诉我。' },
    retry: { en: 'Please copy the error text or code (e.g. 0x80070005), or say "skip".', zh: '请复制错误文字或代码（例如 0x80070005），没有的话回复“跳过”。' },
  }),
  impact: (): SlotDef => ({
    id: 'impact', type: 'choice', extract: 'impact',
    label: { en: 'Who is affected', zh: '影响范围' },
    prompt: { en: 'Who is affected?', zh: '受影响的有哪些人？' },
    retry: { en: 'Please pick one: just you, your team, or everyone.', zh: '请选择：只有您、您的团队，还是所有人。' },
    choices: [
      { value: 'me', label: { en: 'Just me', zh: '只有我' }, synonyms: ['only me', 'me', 'myself', 'just myself', '我', '我自己', '就我'], summary: { en: 'only me affected', zh: '仅本人受影响' } },
      { value: 'team', label: { en: 'My team', zh: '我的团队' }, synonyms: ['team', 'whole team', 'our team', 'department', 'my department', 'several people', '团队', '整个团队', '部门', '整个部门', '我们组'], summary: { en: 'whole team affected', zh: '整个团队受影响' } },
      { value: 'everyone', label: { en: 'Everyone', zh: '所有人' }, synonyms: ['everybody', 'all of us', 'all users', 'whole company', 'whole office', '全公司', '大家', '全部'], summary: { en: 'everyone affected', zh: '所有人受影响' } },
    ],
  }),
  urgency: (): SlotDef => ({
    id: 'urgency', type: 'choice', extract: 'urgency',
    label: { en: 'How urgent', zh: '紧急程度' },
    prompt: { en: 'How much does it stop your work?', zh: '这对您的工作影响有多大？' },
    retry: { en: "Please pick one: you can't work, you can work around it, or it can wait.", zh: '请选择：无法工作、可以临时绕过，或者可以等。' },
    choices: [
      { value: 'blocked', label: { en: "I can't work", zh: '无法工作' }, synonyms: ["can't work", 'cannot work', 'blocked', 'urgent', 'stopped', '不能工作', '没法工作', '业务停了', '紧急'], summary: { en: 'work stopped', zh: '工作已中断' } },
      { value: 'workaround', label: { en: 'I can work around it', zh: '可以临时绕过' }, synonyms: ['workaround', 'work around', 'partly', 'slowed down', '绕过', '有临时办法', '还能用'], summary: { en: 'workaround available', zh: '有临时办法' } },
      { value: 'can_wait', label: { en: 'It can wait', zh: '可以等' }, synonyms: ['can wait', 'not urgent', 'no rush', 'later', '不急', '不着急', '不紧急'], summary: { en: 'can wait', zh: '不紧急' } },
    ],
  }),
  name: (): SlotDef => ({
    id: 'name', type: 'text', profile: 'name',
    label: { en: 'Your name', zh: '姓名' },
    prompt: { en: 'What is your name?', zh: '请问您的姓名？' },
    retry: { en: 'Please type your full name.', zh: '请输入您的全名。' },
  }),
  department: (): SlotDef => ({
    id: 'department', type: 'text', profile: 'department', optional: true,
    label: { en: 'Department', zh: '部门' },
    prompt: { en: 'Which department are you in?', zh: '您在哪个部门？' },
    retry: { en: 'Please type your department, e.g. "Finance".', zh: '请输入部门名称，例如“财务部”。' },
  }),
  contact: (): SlotDef => ({
    id: 'contact', type: 'email', profile: 'email', extract: 'email',
    label: { en: 'Contact e-mail', zh: '联系邮箱' },
    prompt: { en: 'Which e-mail address can we reach you at?', zh: '我们可以通过哪个邮箱联系您？' },
    retry: { en: 'That does not look like an e-mail address. Please type one like name@company.com.', zh: '这似乎不是有效的邮箱地址，请输入类似 name@company.com 的地址。' },
  }),
};
