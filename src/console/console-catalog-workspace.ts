/** Chinese for the workspace's tools (canned responses, presence, saved views, ticket editing); part of CONSOLE_ZH. */
export const WORKSPACE_ZH: Record<string, string> = {
  'Canned responses': '快捷回复', 'Canned response': '快捷回复', 'Choose a canned response': '选择快捷回复', 'Insert': '插入',
  'Title': '标题', 'Language': '语言', 'Text': '内容', 'Shared with all agents': '与所有坐席共享', 'Save canned response': '保存快捷回复',
  'New canned response': '新建快捷回复', 'Edit': '编辑', 'Delete': '删除', 'shared': '共享', 'personal': '个人', 'there': '您好',
  'Placeholders: {{name}} (the requester), {{ticket}} (its number), {{agent}} (you).': '占位符：{{name}}（请求人）、{{ticket}}（工单编号）、{{agent}}（您）。',
  'Canned response saved.': '快捷回复已保存。', 'Canned response deleted.': '快捷回复已删除。', 'No canned responses yet.': '还没有快捷回复。',
  'Edit canned response {title}': '编辑快捷回复 {title}', 'Delete canned response {title}': '删除快捷回复 {title}',
  '{name} is viewing': '{name} 正在查看', '{name} is typing…': '{name} 正在输入…',
  'My views': '我的视图', 'No saved views yet.': '还没有保存的视图。', 'Save this search as': '将当前搜索保存为', 'Save view': '保存视图',
  'View "{name}" saved.': '视图“{name}”已保存。', 'Delete view {name}': '删除视图 {name}', 'Open view {name}': '打开视图 {name}',
  'Edit ticket': '编辑工单', 'Impact': '影响', 'Urgency': '紧急度', '1 (highest)': '1（最高）', '2': '2', '3 (lowest)': '3（最低）',
  'Save changes': '保存更改', 'Nothing changed.': '没有更改。', 'Ticket updated.': '工单已更新。',
  'hardware': '硬件', 'software': '软件', 'network': '网络', 'account': '账号', 'data': '数据', 'email': '邮件', 'security': '安全', 'other': '其他',
  'Bulk actions': '批量操作', 'Assign to': '分配给', 'Assign': '分配', 'Resolution': '解决方案', 'Resolve selected': '解决所选工单',
  '{n} selected': '已选 {n} 个', 'Select {number}': '选择 {number}', 'Done: {n}.': '已完成：{n} 个。', 'Not done: {list}': '未完成：{list}',
  'Write the resolution first.': '请先填写解决方案。',
  'edited': '已编辑', 'category': '类别', 'priority': '优先级', 'group': '组', 'impactUrgency': '影响/紧急度',
};
