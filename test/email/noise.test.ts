import { noiseReason } from '../../channels/email/noise';

const OURS = ['helpdesk@example.com'];
const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('noiseReason', () => {
  it('passes an ordinary mail from a person', () => {
    expect(noiseReason(headers({ 'return-path': '<alice@example.com>', 'auto-submitted': 'no' }), 'alice@example.com', OURS)).toBeNull();
  });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'auto_submitted'],
    [{ 'auto-submitted': 'auto-generated; owner-email="x@y"' }, 'auto_submitted'],
    [{ precedence: 'bulk' }, 'precedence'],
    [{ precedence: 'junk' }, 'precedence'],
    [{ precedence: 'list' }, 'precedence'],
    [{ 'x-autoreply': 'yes' }, 'autoreply_header'],
    [{ 'x-auto-response-suppress': 'All' }, 'autoreply_header'],
    [{ 'list-unsubscribe': '<mailto:leave@list.example.com>' }, 'mailing_list'],
    [{ 'return-path': '<>' }, 'bounce'],
    [{ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' }, 'bounce'],
    [{ 'x-loop': 'helpdesk@example.com' }, 'loop'],
  ])('ignores %j as %s', (h, reason) => {
    expect(noiseReason(headers(h), 'someone@example.com', OURS)).toBe(reason);
  });

  it.each(['MAILER-DAEMON@mx.example.com', 'postmaster@example.com', 'noreply@saas.example', 'no-reply@x.io', 'do-not-reply@x.io'])(
    'ignores the robot sender %s', (from) => {
      expect(noiseReason(headers({}), from.toLowerCase(), OURS)).toBe('robot_sender');
    });

  it('ignores our own address and a missing sender', () => {
    expect(noiseReason(headers({}), 'helpdesk@example.com', OURS)).toBe('own_address');
    expect(noiseReason(headers({}), '', OURS)).toBe('robot_sender');
  });
});
