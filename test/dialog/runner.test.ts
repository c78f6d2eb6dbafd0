import { startDialog, continueDialog } from '../../src/dialog/runner';
import { networkVpnDialog } from '../../dialogs/network-vpn.dialog';
import { generalIncidentDialog } from '../../dialogs/general-incident.dialog';
import { securityDialog } from '../../dialogs/security.dialog';
import { walk } from './helpers';

describe('prefill', () => {
  it('asks neither time, error nor impact when the first message says them (English)', () => {
    // Arrange
    const text = 'my VPN has been failing since this morning with error 809, whole team affected';
    // Act
    const first = startDialog(networkVpnDialog, { text, lang: 'en' });
    const { turn, asked } = walk(networkVpnDialog, first, { location: 'home', urgency: '1', contact: 'ann@example.com' });
    // Assert
    expect(asked).toEqual(['location', 'urgency', 'contact']);
    expect(first.understood).toContain('Since when: since this morning');
    expect(first.understood).toContain('Error message: error 809');
    expect(first.understood).toContain('Who is affected: My team');
    expect(turn.outcome).toBe('done');
    expect(turn.result).toMatchObject({ impact: 2, urgency: 1, priority: 'P2', summary: 'VPN error 809 since this morning, whole team affected' });
    expect(turn.result!.slots).toMatchObject({ since: 'since this morning', error: 'error 809', impact: 'team', location: 'home', service: 'VPN' });
  });

  it('asks neither time, error nor impact when the first message says them (Chinese)', () => {
    const text = '我的VPN从今天早上开始一直连不上，报错 809，整个团队都受影响';
    const first = startDialog(networkVpnDialog, { text });
    const { turn, asked } = walk(networkVpnDialog, first, { location: '2', urgency: '无法工作', contact: 'li@example.com' });
    expect(first.state.lang).toBe('zh');
    expect(first.question!.text).toBe('您是在哪里连接网络的？');
    expect(first.understood).toContain('开始时间：从今天早上开始');
    expect(first.understood).toContain('影响范围：我的团队');
    expect(asked).toEqual(['location', 'urgency', 'contact']);
    expect(turn.result).toMatchObject({ impact: 2, urgency: 1, lang: 'zh', summary: 'VPN error 809，从今天早上开始，整个团队受影响' });
  });

  it('reads earlier turns and the known profile, and skips those questions', () => {
    const turn = startDialog(generalIncidentDialog, {
      text: 'Outlook closes whenever I open a PDF attachment',
      earlier: ['hi, since Monday I have a problem', 'it is just me'],
      known: { name: 'Ann Lee', email: 'ann@example.com', department: 'Finance' },
      lang: 'en',
    });
    const { asked, turn: done } = walk(generalIncidentDialog, turn, { doing: 'skip', error: 'skip', urgency: '2' });
    expect(asked).toEqual(['doing', 'error', 'urgency']);
    expect(done.result!.slots).toMatchObject({ since: 'since Monday', impact: 'me', name: 'Ann Lee', contact: 'ann@example.com' });
    expect(turn.understood).not.toContain('Ann Lee');
  });

  it('takes extra facts from a longer answer instead of asking for them later', () => {
    const first = startDialog(generalIncidentDialog, { text: 'Excel crashes every time I save a workbook', lang: 'en' });
    const next = continueDialog(generalIncidentDialog, first.state, { text: 'since yesterday, and the whole team has it' });
    // The time slot keeps the time, not the whole answer (a summary would repeat "the whole team" otherwise).
    expect(next.state.slots).toMatchObject({ since: 'since yesterday', impact: 'team' });
    expect(next.understood).toContain('Who is affected: My team');
  });
});

describe('validation and retries', () => {
  const start = () => startDialog(generalIncidentDialog, { text: 'Teams freezes when I share my screen in calls', lang: 'en' });

  it('re-asks with the retry message, then hands over after the maximum of retries', () => {
    const first = start();
    expect(first.question!.slot).toBe('since');
    const second = continueDialog(generalIncidentDialog, first.state, { text: 'banana' });
    expect(second.outcome).toBe('ask');
    expect(second.question).toMatchObject({ slot: 'since', retry: true, text: generalIncidentDialog.slots[1].retry.en });
    const third = continueDialog(generalIncidentDialog, second.state, { text: 'purple' });
    const fourth = continueDialog(generalIncidentDialog, third.state, { text: 'elephant' });
    expect(third.outcome).toBe('ask');
    expect(fourth).toMatchObject({ outcome: 'human', reason: 'max_retries' });
    expect(fourth.result!.slots.problem).toBe('Teams freezes when I share my screen in calls');
  });

  it('resets the retry count after a good answer', () => {
    const bad = continueDialog(generalIncidentDialog, start().state, { text: 'banana' });
    const good = continueDialog(generalIncidentDialog, bad.state, { text: 'this morning' });
    expect(good.state.retries).toBe(0);
    expect(good.question!.slot).toBe('doing');
  });

  it('accepts a button value for a choice', () => {
    const onImpact = walkUntil(start().state, 'impact');
    const next = continueDialog(generalIncidentDialog, onImpact, { text: '', action: { id: 'impact', value: 'everyone' } });
    expect(next.state.slots.impact).toBe('everyone');
  });
});

function walkUntil(state: ReturnType<typeof startDialog>['state'], slot: string) {
  const answers: Record<string, string> = { since: 'today', doing: 'skip', error: 'skip' };
  let s = state;
  while (s.cursor !== slot) s = continueDialog(generalIncidentDialog, s, { text: answers[s.cursor!] }).state;
  return s;
}

describe('commands', () => {
  const asking = () => startDialog(generalIncidentDialog, { text: 'Teams freezes when I share my screen in calls', lang: 'en' });

  it('skips an optional slot but explains a required one', () => {
    const onSince = asking();
    const refused = continueDialog(generalIncidentDialog, onSince.state, { text: 'skip' });
    expect(refused.question).toMatchObject({ slot: 'since', notice: expect.stringContaining('I need this one') });
    const onDoing = continueDialog(generalIncidentDialog, refused.state, { text: 'today' });
    const skipped = continueDialog(generalIncidentDialog, onDoing.state, { text: '跳过' });
    expect(skipped.question!.slot).toBe('error');
    expect(skipped.state.skipped).toEqual(['doing']);
  });

  it('goes back to the previous answer and forgets it', () => {
    const onDoing = continueDialog(generalIncidentDialog, asking().state, { text: 'yesterday' });
    const back = continueDialog(generalIncidentDialog, onDoing.state, { text: 'back' });
    expect(back.question!.slot).toBe('since');
    expect(back.state.slots.since).toBeUndefined();
    const nothing = continueDialog(generalIncidentDialog, back.state, { text: '上一步' });
    expect(nothing.question).toMatchObject({ slot: 'since', notice: '这已经是第一个问题了。' });
  });

  it('cancels, starts over and hands over on request', () => {
    const s = asking().state;
    expect(continueDialog(generalIncidentDialog, s, { text: 'cancel' }).outcome).toBe('cancelled');
    const restart = continueDialog(generalIncidentDialog, s, { text: 'start over' });
    expect(restart).toMatchObject({ outcome: 'restart', question: { slot: 'problem' } });
    expect(restart.state.slots).toEqual({});
    const human = continueDialog(generalIncidentDialog, s, { text: '转人工' });
    expect(human).toMatchObject({ outcome: 'human', reason: 'requested' });
    expect(human.result!.description).toContain('Teams freezes');
  });

  it('lets the engine answer a status query and re-asks the pending question', () => {
    const s = asking().state;
    const turn = continueDialog(generalIncidentDialog, s, { text: 'status INC-000123' });
    expect(turn).toMatchObject({ outcome: 'command', command: { kind: 'status', ticketNumber: 'INC-000123' }, question: { slot: 'since' } });
    expect(turn.state.slots).toEqual(s.slots);
  });

  it('treats "没有" as the answer "no" to a yes/no question, not as skip', () => {
    const first = startDialog(securityDialog, { text: '我收到一封钓鱼邮件' });
    expect(first.question!.slot).toBe('clicked');
    const next = continueDialog(securityDialog, first.state, { text: '没有' });
    expect(next.state.slots.clicked).toBe('no');
  });
});

describe('language and urgent path', () => {
  it('follows the user when they switch language', () => {
    const first = startDialog(generalIncidentDialog, { text: 'Teams freezes when I share my screen in calls', lang: 'en' });
    const next = continueDialog(generalIncidentDialog, first.state, { text: '从昨天开始' });
    expect(next.state.lang).toBe('zh');
    expect(next.question!.text).toBe('问题出现时您正在做什么？');
    const numeric = continueDialog(generalIncidentDialog, { ...next.state, cursor: 'impact' }, { text: '1' });
    expect(numeric.state.lang).toBe('zh');
  });

  it('escalates a security report from the first turn with few questions and urgency 1', () => {
    const first = startDialog(securityDialog, { text: 'I lost my laptop on the train this morning', lang: 'en' });
    expect(first.escalate).toBe(true);
    const { asked, turn } = walk(securityDialog, first, { phone: '+44 20 7946 0000' });
    expect(asked).toEqual(['phone']);
    expect(turn.result).toMatchObject({ urgency: 1, escalate: true, slots: { kind: 'lost_device', device: 'laptop', when_happened: 'this morning' } });
    expect(turn.result!.summary).toBe('SECURITY: Lost or stolen device (laptop), since this morning');
  });
});
