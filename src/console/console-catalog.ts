import { PAGES_ZH } from './console-catalog-pages';
import { WORKSPACE_ZH } from './console-catalog-workspace';
import { ALERTS_ZH } from './console-catalog-alerts';

/**
 * The console's Chinese message catalog: English text as written in the pages and scripts -> Chinese.
 * One catalog for every console page (console, login, dashboard, approvals); console-i18n.script.ts
 * and page-i18n.script.ts look texts up here.
 */
export const CONSOLE_ZH: Record<string, string> = {
  'Frontdesk agent console': 'Frontdesk 坐席控制台', 'Frontdesk console': 'Frontdesk 控制台', 'Dashboard': '仪表板', 'Approvals': '审批', 'Console language': '界面语言', 'Approvals / 审批': '审批',
  'Log out': '退出登录', 'Queue': '队列', 'Search': '搜索', 'Number, words, requester': '编号、关键词、请求人',
  'Search and filter tickets': '搜索和筛选工单', 'Status': '状态', 'Waiting for agents': '等待坐席处理', 'All': '全部', 'New': '新建',
  'Waiting for an agent': '等待坐席', 'In progress': '处理中', 'Open': '待处理', 'Reopened': '已重新打开', 'Waiting for the user': '等待用户',
  'Resolved': '已解决', 'Closed': '已关闭', 'Priority': '优先级', 'Any': '任意', 'Group': '组', 'Any of mine': '我的任意组',
  'Assignee': '处理人', 'Anyone': '任何人', 'Me': '我', 'Nobody': '无人', 'Sort by': '排序', 'Priority, then due time': '优先级，然后截止时间',
  'Due time': '截止时间', 'Newest': '最新', 'Oldest': '最早', 'Last update': '最近更新', 'No tickets waiting.': '没有等待中的工单。',
  'No tickets match.': '没有匹配的工单。', 'Previous': '上一页', 'Next': '下一页', 'Back to the queue': '返回队列',
  'Select a ticket': '请选择工单', 'Take over': '接管', 'Release': '释放', 'Context from the bot': '机器人收集的信息',
  'Conversation': '对话', 'Message to the user, or internal note': '给用户的消息或内部备注', 'Reply': '回复', 'Note': '备注',
  'Details': '详情', 'Resolve': '解决', 'Resolution (sent to the user)': '解决方案（发送给用户）', 'Root cause (internal)': '根本原因（内部）',
  'Transfer': '转交', 'To group': '转给组', 'Choose a group': '选择组', 'Or to agent': '或转给坐席', 'Choose an agent': '选择坐席',
  'Requester': '请求人', 'Audit log': '审计日志', 'Your session has ended': '您的会话已结束',
  'Sign in again to go on. Your open ticket and your draft are kept.': '请重新登录以继续。您打开的工单和草稿会保留。',
  'Login': '登录名', 'Password': '密码', 'Sign in': '登录', 'Type': '类型', 'Category': '类别', 'Agent': '坐席', 'Respond by': '响应截止',
  'Resolve by': '解决截止', 'First response': '首次响应', 'Opened': '创建时间', 'Description': '描述', 'Summary': '摘要', 'Hand-off': '转人工',
  'Answers': '回答', 'Classified': '分类', 'Articles tried': '已尝试的文章', 'Similar': '相似工单', 'Earlier tickets': '以往工单',
  'Context': '上下文', 'No escalation context recorded.': '没有记录转人工上下文。', 'Name': '姓名', 'Email': '邮箱', 'Department': '部门',
  'Channel': '渠道', 'User': '用户', 'Bot': '机器人', 'Delivery failed': '发送失败', 'Sending…': '发送中…', 'Attachments': '附件', 'Open {name} full size': '查看原图：{name}', 'nobody': '无人', 'none': '无',
  'None: logged for the group queue': '无：已记录到组队列', 'Internal note': '内部备注', '(not sent to the user)': '（不发送给用户）',
  'Choose a group or an agent to transfer to.': '请选择要转交的组或坐席。', 'The server cannot be reached.': '无法连接服务器。',
  'Not signed in.': '未登录。', 'The server cannot be reached: check your connection and try again.': '无法连接服务器：请检查网络后重试。', 'helpful': '有帮助', 'not helpful': '没有帮助',
  'Showing {a}–{b} of {n}': '第 {a}–{b} 条，共 {n} 条', 'Page {p} of {n}': '第 {p} 页，共 {n} 页', 'New in the queue: {list}': '队列新工单：{list}',
  'Respond by {due}': '响应截止 {due}', '{p} (impact {i}, urgency {u}; 1 is highest)': '{p}（影响 {i}，紧急度 {u}；1 为最高）',
  'in {span}': '{span}后', 'overdue by {span}': '已超时 {span}', '{n} min': '{n} 分钟', '{h} h {m} min': '{h} 小时 {m} 分钟', '{n} days': '{n} 天',
  ...WORKSPACE_ZH,
  ...ALERTS_ZH,
  ...PAGES_ZH,
};
