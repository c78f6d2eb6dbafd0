import { defineDialog } from '../src/dialog/schema';
import { commonSlots } from '../src/dialog/common-slots';

/** Service-request intake: what is requested, for whom, who approves it and by when. */
export const serviceRequestDialog = defineDialog({
  id: 'service-request',
  version: 2,
  type: 'service_request',
  title: { en: 'Request something', zh: '服务申请' },
  slots: [
    {
      id: 'request', type: 'freetext', extract: 'problem',
      label: { en: 'Request', zh: '申请内容' },
      prompt: { en: 'What would you like to request?', zh: '您想申请什么？' },
      retry: { en: 'Please say what you need, e.g. "Visio licence" or "access to the Finance share".', zh: '请说明需要什么，例如“Visio 许可证”或“财务共享盘的访问权限”。' },
    },
    {
      id: 'for_whom', type: 'text', extract: 'beneficiary',
      label: { en: 'For whom', zh: '使用人' },
      prompt: { en: 'Who is it for? Say "me" or give the person\'s name.', zh: '是给谁申请的？回复“我”或填写对方姓名。' },
      retry: { en: 'Please give a name, or "me".', zh: '请填写姓名，或回复“我”。' },
    },
    {
      id: 'approver', type: 'text', extract: 'approver',
      label: { en: 'Approver', zh: '审批人' },
      prompt: { en: 'Who approves this request? Usually your manager.', zh: '这项申请由谁审批？通常是您的直属经理。' },
      retry: { en: 'Please give the approver\'s name or e-mail.', zh: '请填写审批人的姓名或邮箱。' },
    },
    {
      id: 'needed_by', type: 'datetime', extract: 'deadline',
      label: { en: 'Needed by', zh: '需要时间' },
      prompt: { en: 'By when do you need it?', zh: '您希望什么时候之前完成？' },
      retry: { en: 'Please give a date, e.g. "next Monday", "2026-12-01" or "no rush".', zh: '请给出日期，例如“下周一”“12月1日”或“不急”。' },
    },
    {
      // The reason is for the approver: once the approval is given, nobody needs it.
      id: 'reason', type: 'freetext', optional: true, when: { fact: 'approval', notIn: ['given'] },
      label: { en: 'Business reason', zh: '申请理由' },
      prompt: { en: 'What is it for? A short business reason helps the approver.', zh: '申请用途是什么？简短说明有助于审批。' },
      retry: { en: 'One sentence is enough.', zh: '一句话即可。' },
    },
    commonSlots.name(),
    commonSlots.department(),
    commonSlots.contact(),
  ],
  summary: { en: '{request}[ for {for_whom}][, needed by {needed_by}]', zh: '{request}[（使用人：{for_whom}）][，需要时间：{needed_by}]' },
});
