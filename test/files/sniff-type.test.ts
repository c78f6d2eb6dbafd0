import { checkedType, sniffType } from '../../src/files/sniff-type';
import { PNG } from '../helpers/files';

describe('a file\'s type from its content (web chat uploads)', () => {
  test.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['GIF', Buffer.from('GIF89a\x01\x00', 'latin1'), 'image/gif'],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    ['PDF', Buffer.from('%PDF-1.7\n'), 'application/pdf'],
    ['UTF-8 text with tabs and Chinese', Buffer.from('错误\t0x80070005\r\n'), 'text/plain'],
    ['a coloured log line', Buffer.from('\u001b[31mERROR\u001b[0m\n'), 'text/plain'],
    ['a Windows program', Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), null],
    ['invalid UTF-8', Buffer.from([0x41, 0xc3, 0x28]), null],
    ['nothing', Buffer.alloc(0), null],
  ])('%s', (_what, bytes, type) => {
    expect(sniffType(bytes)).toBe(type);
  });

  test('name and content must agree: a .jpg that is a PNG, an HTML page called .png and a PNG called .html are refused', () => {
    expect(checkedType('Screen Shot.PNG', PNG)).toBe('image/png');
    expect(checkedType('setup.log', Buffer.from('ok\n'))).toBe('text/plain');
    expect(checkedType('photo.jpg', PNG)).toBeNull();
    expect(checkedType('shot.png', Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(checkedType('page.html', Buffer.from('<html></html>'))).toBeNull();
    expect(checkedType('no-extension', PNG)).toBeNull();
  });
});
