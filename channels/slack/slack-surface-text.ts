import type { Lang } from '../../src/types/conversation';

/** Every word of the Slack surfaces (new-ticket modal, App Home), in both languages. */
const TEXT = {
  modalTitle: { en: 'New IT ticket', zh: '新建 IT 工单' },
  submit: { en: 'Submit', zh: '提交' },
  cancel: { en: 'Cancel', zh: '取消' },
  summary: { en: 'Summary', zh: '标题' },
  summaryHint: { en: 'e.g. VPN fails with error 809', zh: '例如：VPN 连接报错 809' },
  description: { en: 'What happens, since when, what you tried', zh: '具体情况、开始时间、已尝试的办法' },
  urgency: { en: 'How much does it stop your work?', zh: '对工作的影响有多大？' },
  urgencyHigh: { en: 'I cannot work', zh: '完全无法工作' },
  urgencyMedium: { en: 'I can work around it', zh: '可以暂时绕过' },
  urgencyLow: { en: 'Not urgent', zh: '不紧急' },
  category: { en: 'Area (optional)', zh: '类别（可选）' },
  summaryMissing: { en: 'Say in a few words what the problem is.', zh: '请用几个字说明问题。' },
  fromMessage: { en: 'From a message in #{channel}', zh: '来自 #{channel} 中的消息' },
  homeTitle: { en: 'My IT tickets', zh: '我的 IT 工单' },
  homeNew: { en: 'New ticket', zh: '新建工单' },
  homeNone: { en: 'You have no open tickets. Use *New ticket* or write to me in Messages.', zh: '您目前没有未完成的工单。点击 *新建工单* 或在“消息”中给我留言。' },
  homeRecent: { en: 'Recently finished', zh: '最近完成' },
  homeLine: { en: 'Status: {status} · Priority: {priority} · Updated {updated}', zh: '状态：{status} · 优先级：{priority} · 更新于 {updated}' },
  homeHint: { en: 'Type `status INC-000123` in Messages for the details of one ticket.', zh: '在“消息”中输入“状态 INC-000123”查看某个工单的详情。' },
  retryForm: { en: 'The form did not open in time (Slack was slow): please try again.', zh: '表单未能及时打开（Slack 响应较慢），请重试。' },
} as const;

/** A Slack surface text in `lang`, `{name}` placeholders filled. */
export function surfaceText(key: keyof typeof TEXT, lang: Lang, values: Record<string, string> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
