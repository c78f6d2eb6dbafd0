import { displayValue } from '../../src/dialog/result';
import { summarize } from '../../src/render/summarize';
import type { SlotDef } from '../../src/dialog/schema';

const what = { id: 'what', type: 'text', label: { en: 'What happens', zh: '现象' }, prompt: { en: 'What happens?', zh: '什么现象？' } } as unknown as SlotDef;

describe('a long answer inside a summary', () => {
  const answer = "None of us in goods-in at the Rotterdam warehouse can post receipts in SAP since 7am - MIGO says 'You have no authorization'";

  it('is cut at a word, never inside one', () => {
    const shown = displayValue(what, answer, 'en', true);
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(shown.endsWith('…')).toBe(true);
    const kept = shown.slice(0, -1);
    expect(answer.startsWith(kept)).toBe(true);
    expect(answer[kept.length]).toMatch(/[\s,.]/);
  });

  it('does not turn into a sentence that ends mid-word in the ticket title', () => {
    const title = summarize(`SAP: ${displayValue(what, answer, 'en', true)}`);
    expect(title).not.toMatch(/\bsi\.$/);
    expect(title).not.toMatch(/\b\w{1,3}\.\s*$/);
  });
});
