import { defineDialog } from '../src/dialog/schema';
import { commonSlots } from '../src/dialog/common-slots';

/** Data restore: what to bring back, from where, and from which point in time. */
export const dataRestoreDialog = defineDialog({
  id: 'data-restore',
  version: 1,
  category: 'data',
  type: 'service_request',
  title: { en: 'Restore files', zh: '文件恢复' },
  triggers: {
    en: ['restore', 'recover', 'deleted', 'overwritten', 'overwrote', 'saved over', 'deleted by mistake', 'accidentally deleted', 'undelete', 'lost file', 'lost files', 'missing file', 'missing files', 'previous version', 'backup', 'recycle bin'],
    zh: ['恢复', '找回', '误删', '删除了', '删掉了', '覆盖', '丢失文件', '文件不见', '历史版本', '备份', '回收站'],
  },
  slots: [
    {
      id: 'what', type: 'freetext',
      label: { en: 'What to restore', zh: '恢复内容' },
      prompt: { en: 'Which file or folder should be restored? Name and path if you know them.', zh: '需要恢复哪个文件或文件夹？如果知道，请给出名称和路径。' },
      retry: { en: 'Please name the file or folder, e.g. "Q3 budget.xlsx in Finance/Reports".', zh: '请说明文件或文件夹，例如“财务/报表 下的 Q3预算.xlsx”。' },
    },
    {
      id: 'storage', type: 'choice', extract: 'choices',
      label: { en: 'Where it was', zh: '存放位置' },
      prompt: { en: 'Where was it stored?', zh: '它原来存放在哪里？' },
      retry: { en: 'Please pick one of the options.', zh: '请选择其中一项。' },
      choices: [
        { value: 'onedrive', label: { en: 'OneDrive', zh: 'OneDrive' }, synonyms: ['one drive', 'my onedrive'] },
        { value: 'sharepoint', label: { en: 'SharePoint or Teams', zh: 'SharePoint 或 Teams' }, synonyms: ['sharepoint', 'teams', 'team site', 'teams files'] },
        { value: 'shared_drive', label: { en: 'Shared drive', zh: '共享盘' }, synonyms: ['network drive', 'share', 'shared folder', 'file server', 'g drive', 's drive', '共享文件夹', '网盘', '共享盘'] },
        { value: 'local', label: { en: 'My computer', zh: '我的电脑' }, synonyms: ['desktop', 'laptop', 'local', 'c drive', 'computer', 'my laptop', '本地', '桌面', '电脑上', '电脑', '笔记本'] },
        { value: 'mailbox', label: { en: 'Mailbox', zh: '邮箱' }, synonyms: ['email', 'outlook', 'mail', '邮件'] },
      ],
    },
    {
      id: 'good_version', type: 'datetime', extract: 'since',
      label: { en: 'Last good version', zh: '最后正常的时间' },
      prompt: { en: 'When did you last see a good version of it?', zh: '您最后一次看到它正常是什么时候？' },
      retry: { en: 'A rough date is fine, e.g. "last Friday" or "2026-11-20".', zh: '大概日期即可，例如“上周五”或“11月20日”。' },
    },
    {
      id: 'cause', type: 'choice', optional: true, extract: 'choices',
      label: { en: 'What happened to it', zh: '原因' },
      prompt: { en: 'What happened to it?', zh: '文件发生了什么？' },
      retry: { en: 'Please pick one of the options, or say "skip".', zh: '请选择其中一项，或回复“跳过”。' },
      choices: [
        { value: 'deleted', label: { en: 'Deleted', zh: '被删除' }, synonyms: ['deleted', 'removed', '删除', '删掉', '误删'] },
        { value: 'overwritten', label: { en: 'Overwritten or corrupted', zh: '被覆盖或损坏' }, synonyms: ['overwritten', 'corrupted', 'corrupt', 'saved over', '覆盖', '损坏', '打不开'] },
        { value: 'unknown', label: { en: 'It just disappeared', zh: '不知为何消失了' }, synonyms: ['disappeared', 'gone', 'missing', '不见了', '消失'] },
      ],
    },
    commonSlots.urgency(),
    commonSlots.contact(),
  ],
  summary: { en: 'Restore {what}[ from {storage}][ (last good: {good_version})]', zh: '恢复 {what}[（{storage}）][，最后正常：{good_version}]' },
});
