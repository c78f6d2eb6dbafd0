import { defineDialog } from '../src/dialog/schema';
import { commonSlots } from '../src/dialog/common-slots';

/** E-mail and calendar: which client, and whether sending, receiving or the calendar fails. */
export const emailDialog = defineDialog({
  id: 'email',
  version: 1,
  category: 'email',
  type: 'incident',
  title: { en: 'E-mail problem', zh: '邮件问题' },
  triggers: {
    en: ['email', 'e-mail', 'mail', 'outlook', 'mailbox', 'inbox', 'calendar', 'meeting invite', 'shared mailbox', 'bounce', 'bounced'],
    zh: ['邮件', '邮箱', '收件箱', '日历', '会议邀请', '共享邮箱', '退信', '发不出去', '收不到'],
  },
  slots: [
    commonSlots.problem(),
    {
      id: 'client', type: 'choice', extract: 'choices',
      label: { en: 'Mail app', zh: '邮件客户端' },
      prompt: { en: 'Where do you read your mail?', zh: '您在哪里收发邮件？' },
      retry: { en: 'Please pick one of the options.', zh: '请选择其中一项。' },
      choices: [
        { value: 'outlook_desktop', label: { en: 'Outlook on my computer', zh: '电脑上的 Outlook' }, synonyms: ['outlook', 'outlook desktop', 'desktop', 'outlook app', 'computer', 'laptop', 'pc', 'macbook', 'mac', 'imac', '客户端', '电脑', '笔记本', '电脑上'] },
        { value: 'outlook_web', label: { en: 'Outlook in the browser', zh: '网页版 Outlook' }, synonyms: ['owa', 'web', 'browser', 'outlook web', 'webmail', '网页', '网页版'] },
        { value: 'phone', label: { en: 'Phone or tablet', zh: '手机或平板' }, synonyms: ['phone', 'mobile', 'iphone', 'android', 'ipad', 'tablet', 'my phone', '手机', '平板', '苹果手机', '安卓'] },
        { value: 'other', label: { en: 'Other', zh: '其他' }, synonyms: ['something else', 'other', '别的', '其它'] },
      ],
    },
    {
      id: 'direction', type: 'choice', optional: true, extract: 'choices',
      label: { en: 'What fails', zh: '哪部分出问题' },
      prompt: { en: 'What fails?', zh: '具体是哪部分出问题？' },
      retry: { en: 'Please pick one of the options.', zh: '请选择其中一项。' },
      choices: [
        { value: 'sending', label: { en: 'Sending', zh: '发送邮件' }, synonyms: ["can't send", 'cannot send', 'send', 'bounce', 'bounced', '发不出去', '发送失败', '退信'] },
        { value: 'receiving', label: { en: 'Receiving', zh: '接收邮件' }, synonyms: ['not receiving', "don't get", 'no new mail', 'not syncing', 'receive', 'received', 'not arriving', 'nothing arriving', 'not coming in', '收不到', '不同步'] },
        { value: 'calendar', label: { en: 'Calendar', zh: '日历' }, synonyms: ['calendar', 'meeting', 'invite', '日历', '会议'] },
        { value: 'mailbox', label: { en: 'Mailbox full or missing', zh: '邮箱已满或打不开' }, synonyms: ['mailbox full', 'quota', 'full', '邮箱满', '空间不足'] },
      ],
    },
    commonSlots.error(),
    commonSlots.since(),
    commonSlots.impact(),
    commonSlots.urgency(),
  ],
  summary: {
    en: 'E-mail[ ({direction})]: [{error}||{problem}][ {since}][, {impact}]',
    zh: '邮件[（{direction}）]：[{error}||{problem}][，{since}][，{impact}]',
  },
});
