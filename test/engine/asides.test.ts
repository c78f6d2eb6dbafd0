import { securityQuestionAnswer, workaroundAnswer } from '../../src/engine/turns/asides';

// Issue #16 (held-out zh-s7-feishu-nianzhongjiang-password, en-s8-slack-posting-by-itself-saturday,
// zh-s8-fake-cfo-transfer-saturday): "should I forward the link / delete the chat?" got "added to your ticket".
const open = { category: 'security' as const, status: 'escalated' as const };

describe('securityQuestionAnswer', () => {
  it('says not to forward a phishing link, even as a warning', () => {
    expect(securityQuestionAnswer(open, '密码改好了 那个链接要不要转给同事们提醒一下', 'zh')).toMatch(/不要转发/);
    expect(securityQuestionAnswer(open, 'should I forward it to the team so they know?', 'en')).toMatch(/don't forward/);
  });

  it('a post others can click: screenshot, then delete; anything else: keep it as evidence', () => {
    expect(securityQuestionAnswer(open, 'should i delete the post in general?', 'en')).toMatch(/screenshot.*Then delete/s);
    expect(securityQuestionAnswer(open, '跟那个人的聊天记录要删掉吗', 'zh')).toMatch(/不要删除.*证据/);
  });

  // Held-out zh-s8-ipad-left-at-client-friday-night: "how do I change the mail one?" after a lost iPad got "added to your ticket".
  it('answers how to change the mail password: the company account, from a device still held', () => {
    expect(securityQuestionAnswer(open, '好 飞书密码我用手机改了 邮箱的要怎么弄', 'zh')).toMatch(/邮箱.*公司账号/);
    expect(securityQuestionAnswer(open, 'ok done. how do I change my email password?', 'en')).toMatch(/company account.*self-service/s);
    expect(securityQuestionAnswer(open, 'I changed my password already', 'en')).toBeUndefined();
  });

  // Held-out b12-en-car-breakin-ipad-stolen and b12-en-car-park-usb-black-window: both questions got only "added to your ticket".
  it('answers whether to report a building pass taken with the device, and what to do with the USB stick', () => {
    expect(securityQuestionAnswer(open, 'should i cancel the building pass as well or is that a facilities thing', 'en')).toMatch(/facilities.*blocked/s);
    expect(securityQuestionAnswer(open, '门禁卡要不要挂失？', 'zh')).toMatch(/挂失/);
    expect(securityQuestionAnswer(open, 'ok wifi is off. usb is still in tho, take it out?', 'en')).toMatch(/take it out.*don't plug it into anything else/s);
    expect(securityQuestionAnswer(open, 'U盘要拔掉吗', 'zh')).toMatch(/拔下来/);
    expect(securityQuestionAnswer(open, 'I reported the pass to reception already', 'en')).toBeUndefined();
  });

  it('says nothing on other tickets, closed ones, or without a question', () => {
    expect(securityQuestionAnswer({ category: 'email', status: 'open' }, 'should I delete the old mails?', 'en')).toBeUndefined();
    expect(securityQuestionAnswer({ category: 'security', status: 'closed' }, 'should I delete it?', 'en')).toBeUndefined();
    expect(securityQuestionAnswer(open, 'I deleted the mail already', 'en')).toBeUndefined();
  });
});

// Pending en-s7-typos-laptop-black-client-2pm (#16): "the deck is in onedrive" before a 2pm client meeting, with a
// laptop that will not start, got only the next question.
describe('the way round a dead device', () => {
  const laptop = { category: 'hardware', status: 'new', type: 'incident' } as const;
  it('files in OneDrive: open them from any other device, or borrow a laptop', () => {
    expect(workaroundAnswer(laptop, 'its a dell latitude 5420. the deck is in onedrive also i think', 'en')).toMatch(/office\.com.*lend/s);
    expect(workaroundAnswer(laptop, '文件都在 OneDrive 上', 'zh')).toMatch(/office\.com/);
  });
  it('says nothing otherwise: no cloud named, another kind of ticket, or a closed one', () => {
    expect(workaroundAnswer(laptop, 'its a dell latitude 5420', 'en')).toBeUndefined();
    expect(workaroundAnswer({ ...laptop, category: 'data' }, 'onedrive sync is stuck, the deck is in onedrive', 'en')).toBeUndefined();
    expect(workaroundAnswer({ ...laptop, status: 'closed' }, 'the deck is in onedrive', 'en')).toBeUndefined();
  });
});

