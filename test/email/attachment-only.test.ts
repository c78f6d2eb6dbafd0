import { isAttachmentOnly, isFileSubject, isSignatureOnly } from '../../channels/email/attachment-only';

describe('isAttachmentOnly: a mail of files with no words of its own', () => {
  it.each([
    ['', ''],
    ['Kind regards,\nAlice Chen\nFinance | Contoso Ltd.\n+1 555 0100', ''],
    ['谢谢\n王伟', '截图'],
    ['', '2026-12-01_error.log'],
    ['', '2026-12-01_error'],
    ['', 'Emailing: 2026-12-01_error.log'],
    ['Best regards', 'Screenshot'],
  ])('body %j with subject %j is files only', (body, subject) => {
    expect(isAttachmentOnly(body, subject, ['2026-12-01_error.log'])).toBe(true);
  });

  it.each([
    ['Outlook closes when I open the shared calendar, see the screenshot.', ''],
    ['', 'Outlook keeps crashing'],
    ['Thanks for the quick help yesterday, but now Outlook crashes again.', ''],
    ['', '打开报表时程序闪退'],
  ])('body %j with subject %j says what is wrong', (body, subject) => {
    expect(isAttachmentOnly(body, subject, ['image001.png'])).toBe(false);
  });

  it('needs a file', () => {
    expect(isAttachmentOnly('', '', [])).toBe(false);
    expect(isSignatureOnly('Regards,\nA\nB\nC\nD\nE\nF\nG\nH')).toBe(false);
    expect(isFileSubject('截图.png', ['截图.png'])).toBe(true);
  });
});
