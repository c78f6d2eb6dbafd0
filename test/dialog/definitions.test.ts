import { dialogEntries, dialogs } from '../../dialogs';
import { validateDialogs } from '../../src/dialog/registry';
import { continueDialog, startDialog } from '../../src/dialog/runner';
import { renderQuestion } from '../../src/dialog/render';
import type { Lang } from '../../src/types/conversation';
import { OutboundMessage } from '../../src/types/conversation';
import type { SlotDef } from '../../src/dialog/schema';
import { walk } from './helpers';

const HAN = /[\u3400-\u9fff]/;

function answerFor(slot: SlotDef, lang: Lang, byNumber: boolean): string {
  switch (slot.type) {
    case 'choice': return byNumber ? '2' : slot.choices![1].label[lang];
    case 'datetime': return lang === 'zh' ? '昨天下午' : 'yesterday afternoon';
    case 'yesno': return lang === 'zh' ? '是' : 'yes';
    case 'email': return 'ann.lee@example.com';
    case 'text': return lang === 'zh' ? '财务部 王芳' : 'Finance, Ann Lee';
    case 'freetext': return lang === 'zh' ? '打开文件时程序停止响应' : 'The program stops responding when I open the file';
  }
}

describe('dialog definitions', () => {
  it('all pass validation and cover the required dialogs', () => {
    const defs = validateDialogs(dialogEntries);
    expect(defs.map((d) => d.id).sort()).toEqual(
      ['account-access', 'data-restore', 'email', 'general-incident', 'hardware-printer', 'network-vpn', 'new-hire', 'security', 'service-request'],
    );
    expect(dialogEntries.every((e) => e.file === `dialogs/${e.definition.id}.dialog.ts`)).toBe(true);
  });

  it.each(dialogs.map((d) => [d.id, d] as const))('%s has English and Chinese texts in the right language', (_, def) => {
    for (const slot of def.slots) {
      for (const text of [slot.prompt, slot.retry, slot.label, ...(slot.choices ?? []).map((c) => c.label)]) {
        expect(HAN.test(text.zh) || /^[A-Za-z0-9 /()-]+$/.test(text.zh)).toBe(true);
        expect(HAN.test(text.en)).toBe(false);
      }
    }
  });

  const cases = dialogs.flatMap((def) => (['en', 'zh'] as const).flatMap((lang) => [false, true].map((byNumber) => [def.id, lang, byNumber, def] as const)));

  it.each(cases)('%s walks to completion in %s (choices by number: %s)', (_, lang, byNumber, def) => {
    // Arrange: an opening with nothing to prefill, so every question is asked.
    const first = startDialog(def, { text: lang === 'zh' ? '你好' : 'hello', lang });
    const answers = Object.fromEntries(def.slots.map((s) => [s.id, answerFor(s, lang, byNumber)]));
    // Act
    const { turn, asked } = walk(def, first, answers);
    // Assert
    expect(turn.outcome).toBe('done');
    expect(asked.length).toBeGreaterThan(0);
    expect(turn.result!.lang).toBe(lang);
    expect(turn.result!.summary.length).toBeGreaterThan(3);
    expect(HAN.test(turn.result!.summary)).toBe(lang === 'zh');
    expect(turn.result!.priority).toMatch(/^P[1-5]$/);
    for (const id of asked) expect(turn.result!.slots[id]).toBeDefined();
  });

  it.each(dialogs.map((d) => [d.id, d] as const))('%s renders every question as a valid message on every channel kind', (_, def) => {
    for (const lang of ['en', 'zh'] as const) {
      let turn = startDialog(def, { text: 'hello', lang });
      let rendered = 0;
      const answers = Object.fromEntries(def.slots.map((s) => [s.id, answerFor(s, lang, true)]));
      while (turn.outcome === 'ask') {
        for (const buttons of [true, false]) {
          const msg = renderQuestion(turn.question!, lang, { buttons, maxTextLength: 4000 });
          expect(OutboundMessage.safeParse(msg).success).toBe(true);
          expect(HAN.test(msg.text)).toBe(lang === 'zh');
        }
        rendered++;
        turn = continueDialog(def, turn.state, { text: answers[turn.question!.slot] });
      }
      expect(turn.outcome).toBe('done');
      expect(rendered).toBeGreaterThan(1);
    }
  });
});
