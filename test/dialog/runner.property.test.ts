import fc from 'fast-check';
import { dialogs } from '../../dialogs';
import { startDialog, continueDialog, type DialogTurn } from '../../src/dialog/runner';
import { continueDialogFromForm, buildEmailForm } from '../../src/dialog/email-form';
import { renderQuestion } from '../../src/dialog/render';
import { DialogState } from '../../src/dialog/schema';
import { OutboundMessage } from '../../src/types/conversation';

const inputs = fc.oneof(
  fc.constantFrom('skip', 'back', 'start over', '跳过', '返回', 'status', '1', '2', '3', '9', 'yes', '没有', 'yesterday', '昨天',
    'ann@example.com', 'whole team', "I can't work", 'Outlook crashes since Monday with error 0x80070005', ''),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('打', '印', '机', '从', '昨', '天', '开', '始', ' ', '1', 'a'), maxLength: 20 }),
);

function checkTurn(turn: DialogTurn): void {
  expect(DialogState.safeParse(JSON.parse(JSON.stringify(turn.state))).success).toBe(true);
  if (turn.outcome === 'ask' || turn.outcome === 'restart') {
    expect(turn.question?.slot).toBe(turn.state.cursor);
    expect(turn.state.slots[turn.state.cursor!]).toBeUndefined();
    for (const buttons of [true, false]) {
      expect(OutboundMessage.safeParse(renderQuestion(turn.question!, turn.state.lang, { buttons, maxTextLength: 4000 })).success).toBe(true);
    }
  }
  if (turn.outcome === 'done' || turn.outcome === 'human') {
    expect(turn.result!.summary.length).toBeGreaterThan(0);
    expect(turn.result!.summary.length).toBeLessThanOrEqual(300);
  }
}

describe('runner invariants under any input', () => {
  it('never throws, keeps a valid JSON state and asks only missing slots', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dialogs), inputs, fc.array(inputs, { maxLength: 25 }), (def, opening, replies) => {
        let turn = startDialog(def, { text: opening });
        checkTurn(turn);
        for (const text of replies) {
          if (turn.outcome !== 'ask' && turn.outcome !== 'restart' && turn.outcome !== 'command') break;
          turn = continueDialog(def, turn.state, { text });
          checkTurn(turn);
        }
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('accepts any mail reply to a form without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...dialogs), fc.array(inputs, { maxLength: 8 }), (def, lines) => {
        const first = startDialog(def, { text: 'hello', lang: 'en' });
        expect(OutboundMessage.safeParse(buildEmailForm(def, first.state, 'en')).success).toBe(true);
        const body = lines.map((l, i) => (i % 2 ? `${i}. ${l}` : l)).join('\n');
        checkTurn(continueDialogFromForm(def, first.state, { text: body }));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
