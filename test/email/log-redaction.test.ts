import { scrubText } from '../../src/log';

describe('log redaction of mail errors', () => {
  it('keeps IP addresses and SMTP codes readable, and still masks phone numbers and addresses', () => {
    expect(scrubText('SMTP send failed: connect ECONNREFUSED 127.0.0.1:2525')).toBe('SMTP send failed: connect ECONNREFUSED 127.0.0.1:2525');
    expect(scrubText('550 5.1.1 <bob@example.com>: Recipient address rejected')).toBe('550 5.1.1 <[email]>: Recipient address rejected');
    expect(scrubText('421 4.3.2 Service not available, from 192.168.10.25')).toBe('421 4.3.2 Service not available, from 192.168.10.25');
    expect(scrubText('call me on +49 30 1234567 or 030-1234-5678')).toBe('call me on [phone] or [phone]');
  });
});
