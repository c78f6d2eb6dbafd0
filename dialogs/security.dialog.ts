import { defineDialog } from '../src/dialog/schema';

/** Security: the urgent path. Few questions, urgency 1, and a human is alerted from the first turn. */
export const securityDialog = defineDialog({
  id: 'security',
  version: 3,
  category: 'security',
  type: 'incident',
  urgentPath: true,
  maxRetries: 2,
  title: { en: 'Security incident', zh: '安全事件' },
  triggers: {
    en: ['phishing', 'phish', 'suspicious email', 'suspicious link', 'scam', 'hacked', 'compromised', 'malware', 'virus', 'ransomware', 'stolen', 'lost my', 'lost laptop', 'lost phone', 'clicked a link', 'data leak', 'pretending to be', 'impersonating', 'asked for my password', 'asked me for my password', 'social engineering', 'fake call'],
    zh: ['钓鱼', '可疑邮件', '可疑链接', '诈骗', '被盗', '被黑', '中毒', '病毒', '勒索', '丢了', '丢失', '遗失', '泄露', '点了链接', '冒充', '假冒', '索要密码', '让我提供密码', '骗取'],
  },
  slots: [
    {
      id: 'kind', type: 'choice', extract: 'security',
      label: { en: 'What happened', zh: '事件类型' },
      prompt: { en: 'I am alerting the security team now. What happened?', zh: '我已通知安全团队。请问发生了什么？' },
      retry: { en: 'Please pick the closest one, or say "talk to a human".', zh: '请选择最接近的一项，或回复“转人工”。' },
      choices: [
        { value: 'phishing', label: { en: 'Phishing or suspicious e-mail', zh: '钓鱼或可疑邮件' }, synonyms: ['phishing', 'phish', 'suspicious email', 'suspicious e-mail', 'scam', 'suspicious link', '钓鱼', '可疑邮件', '诈骗邮件'] },
        { value: 'lost_device', label: { en: 'Lost or stolen device', zh: '设备丢失或被盗' }, synonyms: ['lost', 'stolen', 'lost laptop', 'lost phone', 'lost my', '丢了', '丢失', '被偷', '被盗', '遗失'] },
        { value: 'intruder', label: { en: 'A stranger or an unknown device on our premises or network', zh: '陌生人或不明设备进入公司或接入网络' }, synonyms: ['stranger', 'intruder', 'tailgating', 'unknown device', '陌生人', '尾随', '不明设备'] },
        { value: 'compromised', label: { en: 'My account may be hacked', zh: '账号可能被盗用' }, synonyms: ['hacked', 'compromised', 'someone logged in', '被黑', '盗号', '被盗用'] },
        { value: 'malware', label: { en: 'Virus or malware', zh: '病毒或恶意软件' }, synonyms: ['virus', 'malware', 'ransomware', 'infected', '病毒', '中毒', '勒索'] },
        { value: 'data_leak', label: { en: 'Data sent to the wrong place', zh: '数据发错或泄露' }, synonyms: ['data leak', 'wrong recipient', 'sent to the wrong person', 'leaked', '泄露', '发错人', '误发'] },
      ],
    },
    {
      // A choice rather than yes/no so "I clicked the link" in the first message answers it (v2).
      id: 'clicked', type: 'choice', extract: 'choices', when: { slot: 'kind', equals: 'phishing' },
      label: { en: 'Clicked or entered password', zh: '是否点击或输入密码' },
      prompt: { en: 'Did you click a link, open an attachment or type your password?', zh: '您是否点击了链接、打开了附件或输入了密码？' },
      retry: { en: 'Please answer yes or no.', zh: '请回答“是”或“否”。' },
      choices: [
        {
          value: 'yes', label: { en: 'Yes', zh: '是' },
          synonyms: ['y', 'yeah', 'yep', 'i did', 'clicked', 'clicked it', 'clicked the link', 'clicked on the link', 'opened it', 'opened the attachment',
            'typed my password', 'entered my password', 'gave my password', '是的', '对', '点了', '点过', '点击了', '点开了', '打开了附件', '输入了密码', '输了密码'],
        },
        {
          value: 'no', label: { en: 'No', zh: '否' },
          synonyms: ['n', 'nope', 'i did not', "i didn't", "didn't click", 'did not click', "haven't clicked", 'have not clicked', 'not clicked', "didn't open",
            'did not open', '没有', '没', '没点', '没有点', '没点开', '没有点开', '没打开', '都没有', '不是'],
        },
      ],
    },
    {
      id: 'device', type: 'text', extract: 'device', when: { slot: 'kind', equals: ['lost_device', 'malware'] },
      label: { en: 'Device', zh: '设备' },
      prompt: { en: 'Which device is it (laptop, phone ...)?', zh: '是哪台设备（笔记本、手机……）？' },
      retry: { en: 'Please name the device, e.g. "work laptop".', zh: '请说明设备，例如“公司笔记本”。' },
    },
    {
      id: 'when_happened', type: 'datetime', extract: 'since', optional: true,
      label: { en: 'When', zh: '发生时间' },
      prompt: { en: 'When did it happen, roughly?', zh: '大概是什么时候发生的？' },
      retry: { en: 'Roughly is fine, e.g. "an hour ago" or "this morning".', zh: '大概时间即可，例如“一小时前”或“今天早上”。' },
    },
    {
      id: 'phone', type: 'text', profile: 'phone', extract: 'phone', optional: true,
      label: { en: 'Phone', zh: '电话' },
      prompt: { en: 'A phone number where security can reach you now?', zh: '请留一个安全团队现在能联系到您的电话。' },
      retry: { en: 'Please type a phone number, or say "skip".', zh: '请输入电话号码，或回复“跳过”。' },
    },
  ],
  summary: { en: 'SECURITY: {kind}[ ({device})][, {when_happened}]', zh: '安全事件：{kind}[（{device}）][，{when_happened}]' },
});
