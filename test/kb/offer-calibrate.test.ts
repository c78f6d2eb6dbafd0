import { join } from 'node:path';
import { chatOfferReport } from '../../src/kb/eval-offer';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { calibrateOfferModel, fitLogistic } from '../../src/kb/offer-calibrate';
import { decideOffer } from '../../src/kb/offer-decision';
import { loadOfferLabels } from '../../src/kb/offer-labels';
import { OFFER_MODEL } from '../../src/kb/offer-model';
import { OFFER_CANDIDATES } from '../../src/kb/offer-search';

const kb = KnowledgeBase.load(join(__dirname, '..', '..', 'kb-articles'));
const rows = loadOfferLabels();

describe('the labelled offer set (src/kb/data/offer-labels.jsonl)', () => {
  it('has 300+ messages, about half English and half Chinese, 20%+ none, with a held-out split in both languages', () => {
    const share = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length / rows.length;

    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(share((r) => r.lang === 'en')).toBeGreaterThan(0.4);
    expect(share((r) => r.lang === 'zh')).toBeGreaterThan(0.4);
    expect(share((r) => r.label === 'none')).toBeGreaterThanOrEqual(0.2);
    for (const lang of ['en', 'zh']) expect(rows.filter((r) => r.lang === lang && r.split === 'test').length).toBeGreaterThanOrEqual(50);
  });

  it('labels only articles that exist, and copies no article question or title', () => {
    const known = new Set(kb.articles.map((a) => a.id));
    const written = new Set(kb.articles.flatMap((a) => [a.title, ...a.questions].map((q) => q.toLowerCase())));

    expect(rows.filter((r) => r.label !== 'none' && !known.has(r.label))).toEqual([]);
    expect(rows.filter((r) => written.has(r.text.toLowerCase()))).toEqual([]);
    expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);
  });
});

describe('offer model calibration', () => {
  it('fits a logistic regression that separates a clear signal', () => {
    const xs = [[0], [1], [2], [3], [10], [11], [12], [13]];
    const model = fitLogistic(xs, [0, 0, 0, 0, 1, 1, 1, 1]);

    expect(model.weights[0]).toBeGreaterThan(1);
  });

  it('stores a calibration of this set: refitting on the train split decides (nearly) every message the same way', () => {
    // Not toEqual: an edited article shifts scores a little, and that must not fail the build by itself.
    const refitted = calibrateOfferModel(kb, rows.filter((r) => r.split === 'train'));
    const shown = (model: typeof OFFER_MODEL) => rows.map((r) => decideOffer(r.text, r.lang, kb.search(r.text, { limit: OFFER_CANDIDATES, lang: r.lang }), model).map((h) => h.id).join());
    const stored = shown(OFFER_MODEL);
    const agree = shown(refitted).filter((ids, i) => ids === stored[i]).length / rows.length;

    expect(agree).toBeGreaterThanOrEqual(0.97);
  });

  it('meets the issue goals on the held-out split, through the chat\'s kbSearch', () => {
    const { heldOut } = chatOfferReport(kb);

    for (const lang of ['en', 'zh'] as const) {
      expect(heldOut[lang].rightShown).toBeGreaterThanOrEqual(0.9);
      expect(heldOut[lang].wrongShown).toBeLessThanOrEqual(0.05);
      expect(heldOut[lang].nonePrecision).toBeGreaterThanOrEqual(0.8); // no goal in the issue; today 0.85+
    }
  });
});
