/** Chinese for notifications, SLA countdowns and pending / on hold; part of CONSOLE_ZH. */
export const ALERTS_ZH: Record<string, string> = {
  'Notifications': '通知', 'Notify me of new escalations and of replies on my tickets': '有新的升级工单或我的工单有新回复时通知我',
  'Count in the browser tab': '在标签页标题显示数量', 'Sound': '声音', 'Desktop notification': '桌面通知', 'Saved.': '已保存。',
  'Desktop notifications are blocked in this browser.': '此浏览器已阻止桌面通知。',
  'New message': '新消息', 'New escalation': '新升级', 'New reply on {number}': '{number} 有新回复', 'New escalation {number}': '新的升级工单 {number}',
  'SLA': '服务时限', 'At risk or breached': '有风险或已超时', 'At risk': '有风险', 'at risk': '有风险',
  'SLA paused while pending': '挂起期间 SLA 暂停计时',
  'Response due in {span}': '响应剩余 {span}', 'Resolution due in {span}': '解决剩余 {span}',
  'Response overdue by {span}': '响应已超时 {span}', 'Resolution overdue by {span}': '解决已超时 {span}',
  'Pending / on hold': '挂起 / 暂停', 'Waiting for': '等待对象', 'The user (pending)': '用户（挂起）', 'Someone else (on hold)': '其他方（暂停）',
  'Reason (sent to the user)': '原因（发送给用户）', 'The SLA clocks stop while the ticket waits.': '工单等待期间 SLA 计时暂停。',
  'Set pending': '设为挂起', 'Resume work': '恢复处理', 'Write the reason first.': '请先填写原因。',
  '{number} is pending.': '{number} 已挂起。', 'Work on {number} resumed.': '{number} 已恢复处理。', 'pending': '挂起', 'resumed': '已恢复',
};
