import { renderQuestion } from '../../src/dialog/render';
import { startDialog, continueDialog } from '../../src/dialog/runner';
import { generalIncidentDialog } from '../../dialogs/general-incident.dialog';

const slack = { buttons: true, maxTextLength: 3000 };
const mail = { buttons: false, maxTextLength: 100_000 };

function impactQuestion(lang: 'en' | 'zh') {
  const s = startDialog(generalIncidentDialog, { text: 'Excel crashes every time I save a workbook since this morning', lang });
  const t = continueDialog(generalIncidentDialog, s.state, { text: 'skip' });
  return continueDialog(generalIncidentDialog, t.state, { text: 'skip' }).question!;
}

describe('renderQuestion', () => {
  it('uses buttons where the channel has them', () => {
    const msg = renderQuestion(impactQuestion('en'), 'en', slack);
    expect(msg).toEqual({
      kind: 'choice',
      text: 'Who is affected?',
      // Every choice list has a way out (issue #16): "Other" takes the user's own words.
      choices: [{ value: 'me', label: 'Just me' }, { value: 'team', label: 'My team' }, { value: 'everyone', label: 'Everyone' }, { value: 'other', label: 'Other' }],
    });
  });

  it('numbers the choices where there are no buttons, in the user language', () => {
    const msg = renderQuestion(impactQuestion('zh'), 'zh', mail);
    expect(msg).toEqual({ kind: 'text', text: '受影响的有哪些人？\n1. 只有我\n2. 我的团队\n3. 所有人\n4. 其他\n请回复编号或选项内容。' });
  });

  it('offers a skip button and hint on an optional question, and puts the preface first', () => {
    const s = startDialog(generalIncidentDialog, { text: 'Excel crashes every time I save a workbook since this morning', lang: 'en' });
    expect(s.question!.slot).toBe('doing');
    const text = renderQuestion(s.question!, 'en', slack, s.understood);
    expect(text.kind).toBe('text');
    expect(text.text.startsWith("Here is what I understood:\n- What happens: Excel crashes")).toBe(true);
    expect(text.text).toMatch(/What were you doing when it happened\? \(optional: say 'skip' to leave it out\)$/);
  });

  it('cuts a text to the channel limit', () => {
    const msg = renderQuestion(impactQuestion('en'), 'en', { buttons: false, maxTextLength: 20 });
    expect(msg.text).toHaveLength(20);
    expect(msg.text.endsWith('…')).toBe(true);
  });
});
