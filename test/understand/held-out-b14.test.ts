import { readAct } from '../../src/understand/act';
import { readCorrection } from '../../src/understand/correction';
import { findSecurity } from '../../src/understand/security';
import { findHazard } from '../../src/understand/hazard';
import { isVague } from '../../src/understand/intent';
import { assessMessage } from '../../src/classify/classify-message';
import { loadOrTrainDefault } from '../../src/classify/ticket-classifier';
import { summarize } from '../../src/render/summarize';
import { actedAnswer } from '../../src/engine/turns/asides';
import { SAFETY_ADVICE } from '../../src/engine/advice';

// Readings the held-out batch 14 called for (written from CONVERSATION.md without reading the code), each
// beside look-alikes that must not change.

describe('dangers of batch 14', () => {
  it.each([
    ['the UPS box in the comms cupboard is beeping non stop and theres a horrible rotten egg smell coming out of the cupboard', 'equipment'],
    ['摸了一下工位电脑的机箱 手被电了一下 麻麻的 旁边同事说她的也有点', 'shock'],
    ['I got an electric shock off the metal desk leg when I touched the PC', 'shock'],
  ])('"%s" is a %s hazard', (text, kind) => expect(findHazard(text)).toBe(kind));
  it.each(['the shock absorber on my chair is broken', 'printing blank labels since lunch'])('"%s" is none', (text) => expect(findHazard(text)).toBeUndefined());
  it('a hazard is the on-site team\'s whatever the machine runs', () => {
    const a = assessMessage(loadOrTrainDefault(), 'the UPS box in the comms cupboard is beeping non stop and theres a rotten egg smell', new Date('2026-12-16T08:05:00Z'));
    expect(a.category).toBe('hardware');
    expect(SAFETY_ADVICE.shock.zh).toMatch(/不要再碰/);
  });
});

describe('a mailbox that sends what its owner never sent', () => {
  it.each(["3 of my clients just rang me asking about an 'overdue invoice' email that came from MY address with a link. I never sent it!!"])(
    '"%s" is an account compromise', (text) => expect(findSecurity(text)).toBe('account_compromise'));
  it('a mail from my address I did send is not', () => expect(findSecurity('the invoice email from my address went to the wrong client, sorry')).not.toBe('account_compromise'));
});

describe('a team that cannot ship before a courier cut-off', () => {
  it('is P2', () => {
    const a = assessMessage(loadOrTrainDefault(), 'dispatch label printer has been printing blank labels since lunch. whole dispatch team, 8 of us, cant ship a thing. courier collection cut off is 4pm', new Date('2026-12-14T12:30:00Z'));
    expect(a.priority).toBe('P2');
  });
});

describe('replies of batch 14', () => {
  it.each(['found it under previous versions and restored it. legend, ta', 'got it back, thanks'])('"%s" is solved', (text) => expect(readAct(text).act).toBe('resolved'));
  it.each(["its the PC client, phone app is fine. started after the 4.1 update I think", 'I found it hard to follow'])('"%s" is not', (text) =>
    expect(readAct(text).act).not.toBe('resolved'));
  it.each(['能不能直接打个电话给我 打字说不清楚 分机8021', 'can you just call me'])('"%s" asks for a person', (text) => expect(readAct(text).act).toBe('human'));
  it.each(['quick q', 'quick question'])('"%s" is vague', (text) => expect(isVague(text)).toBe(true));
  it('"是飞书 不是teams" corrects, the right one first', () => {
    expect(readCorrection('啊不对 我说错了 是飞书 不是teams😂 teams好好的 飞书桌面版 在mac上')).toMatchObject({ wrong: 'teams', right: '飞书' });
  });
  it('a subject that says nothing gives way to the first line that does', () => {
    expect(summarize('主题：网络问题\n\n工位的网线一上午断了四五次，时断时续')).toMatch(/断/);
    expect(summarize('Subject: Outlook crashes on start\n\nHi team')).toBe('Outlook crashes on start');
  });
});

describe('someone acted on the lure after the report', () => {
  const open = { category: 'security', status: 'escalated' } as const;
  it.each(['还有 小王刚说他好像点开了那个附件 不过没输密码', 'update: Tom clicked the link too'])('"%s": what that computer needs now', (text) =>
    expect(actedAnswer(open, text, /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en')).toMatch(/断开网络|disconnect it from the network/));
  it.each(['nobody clicked it', '我没点开'])('"%s": nothing', (text) => expect(actedAnswer(open, text, 'en')).toBeUndefined());
  it('nothing on other tickets', () => expect(actedAnswer({ category: 'email', status: 'new' }, 'Tom clicked the link too', 'en')).toBeUndefined());
});
