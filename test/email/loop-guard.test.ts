import { LoopGuard } from '../../channels/email/loop-guard';

const ROBOT = 'monitor@robots.example';
const ECHO = 'Thank you for your message to the monitoring desk. It is read on business days only.';

/** A guard on a clock the test moves. */
function guard(): { g: LoopGuard; at: (ms: number) => void } {
  let now = 1_000_000;
  const g = new LoopGuard({}, () => now);
  return { g, at: (ms) => { now += ms; } };
}

describe('LoopGuard.claimNotice: the sender of a held mail is told once, and a loop gets at most 2 bot mails', () => {
  it('a responder that echoed both our mails within seconds is not told (the notice would be a third mail)', () => {
    const { g, at } = guard();
    expect(g.judge(ROBOT, 'Disk C: is 91% full on SRV-12', [])).toBeNull();
    g.noteSent([ROBOT]);
    at(1_500);
    expect(g.judge(ROBOT, ECHO, [])).toBeNull();
    g.noteSent([ROBOT]);
    at(1_500);
    expect(g.judge(ROBOT, ECHO, [])).toBe('loop');
    expect(g.claimNotice(ROBOT, 'loop')).toBe(false);
  });

  it('a person whose mail arrived twice before our answer is told once, and not again in the same episode', () => {
    const { g, at } = guard();
    const alice = 'Alice@Example.com';
    expect(g.judge(alice, 'My VPN drops every five minutes when I work from home.', [])).toBeNull();
    g.noteSent(['alice@example.com']);
    at(20_000);
    const update = 'Any news? The VPN still drops and I have a customer call at three.';
    expect(g.judge(alice, update, [])).toBeNull();
    at(300);
    expect(g.judge(alice, update, [])).toBe('loop');
    expect(g.claimNotice(alice, 'loop')).toBe(true);
    g.noteSent(['alice@example.com']);
    at(2_000);
    expect(g.judge(alice, update, [])).toBe('loop');
    expect(g.claimNotice(alice, 'loop')).toBe(false);
    // A new episode after the window: told again.
    at(11 * 60_000);
    expect(g.claimNotice(alice, 'rate_cap')).toBe(true);
  });

  it('past the cap a sender is told once per window', () => {
    let now = 0;
    const g = new LoopGuard({ capPerWindow: 2 }, () => now);
    expect(g.judge('bob@example.com', 'first problem with the printer', [])).toBeNull();
    expect(g.judge('bob@example.com', 'second problem with the scanner', [])).toBeNull();
    expect(g.judge('bob@example.com', 'third problem with the phone', [])).toBe('rate_cap');
    expect(g.claimNotice('bob@example.com', 'rate_cap')).toBe(true);
    now += 60_000;
    expect(g.judge('bob@example.com', 'fourth problem with the dock', [])).toBe('rate_cap');
    expect(g.claimNotice('bob@example.com', 'rate_cap')).toBe(false);
  });
});
