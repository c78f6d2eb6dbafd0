import { defineDialog } from '../src/dialog/schema';
import { commonSlots } from '../src/dialog/common-slots';

/** Account access: passwords, lockouts, MFA, missing permissions. */
export const accountAccessDialog = defineDialog({
  id: 'account-access',
  version: 1,
  category: 'account',
  // No fixed type: "I'm locked out" is an incident, "please reset my MFA" a request; the classifier tells them apart.
  title: { en: 'Account or access problem', zh: '账号或权限问题' },
  triggers: {
    en: ['password', 'locked out', 'locked', 'login', 'log in', 'sign in', 'mfa', '2fa', 'authenticator', 'access denied', 'permission', 'account'],
    zh: ['密码', '锁定', '登录', '登不上', '验证码', '多因素', '权限', '账号', '账户'],
  },
  slots: [
    {
      id: 'issue', type: 'choice', extract: 'choices',
      label: { en: 'Issue', zh: '问题类型' },
      prompt: { en: 'What is the problem with your account?', zh: '您的账号遇到了什么问题？' },
      retry: { en: 'Please pick the closest one.', zh: '请选择最接近的一项。' },
      choices: [
        { value: 'forgot_password', label: { en: 'Forgot or expired password', zh: '忘记密码或密码过期' }, synonyms: ['forgot my password', 'forgot password', 'password expired', 'reset password', 'reset my password', '忘记密码', '密码过期', '重置密码'] },
        { value: 'locked_out', label: { en: 'Account locked', zh: '账号被锁定' }, synonyms: ['locked out', 'locked', 'account locked', '锁定', '被锁'] },
        { value: 'mfa', label: { en: 'MFA / verification code', zh: '多因素认证 / 验证码' }, synonyms: ['mfa', '2fa', 'authenticator', 'verification code', 'new phone', '验证码', '身份验证器'] },
        { value: 'no_access', label: { en: 'No access to a system', zh: '没有系统访问权限' }, synonyms: ['access denied', 'no access', 'permission', 'permissions', '没有权限', '无权限', '访问被拒绝'] },
        { value: 'new_account', label: { en: 'New account or access', zh: '开通新账号或权限' }, synonyms: ['new account', 'an account', 'need access', 'request access', 'get access', '申请', '开通', '开个账号', '新账号', '没有账号'] },
      ],
    },
    {
      id: 'system', type: 'text', extract: 'application',
      label: { en: 'System', zh: '系统' },
      prompt: { en: 'Which system or application is it?', zh: '是哪个系统或应用？' },
      retry: { en: 'Please name the system, e.g. "Windows login", "SAP" or "Outlook".', zh: '请说明系统名称，例如“Windows 登录”“SAP”或“Outlook”。' },
    },
    // A new account has no error message to quote.
    { ...commonSlots.error(), when: { slot: 'issue', equals: ['forgot_password', 'locked_out', 'mfa', 'no_access', 'other'] } },
    commonSlots.urgency(),
    commonSlots.name(),
    {
      ...commonSlots.contact(),
      prompt: { en: 'Which e-mail can we reach you at (one you can read right now)?', zh: '请留一个您现在能查看的联系邮箱。' },
    },
  ],
  summary: { en: '{issue}[: {system}][ ({error})]', zh: '{issue}[：{system}][（{error}）]' },
});
