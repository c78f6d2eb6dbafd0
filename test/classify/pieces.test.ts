import { parseCsv, parseCsvRecords } from '../../src/classify/csv';
import { ENDAVA_SENT_ANYWHERE, ENDAVA_SENT_PREFIX } from '../../src/classify/eval-data';
import { parseExamples } from '../../src/classify/examples';
import { predictProba, rng, trainLinear } from '../../src/classify/linear-model';
import { scoreLabels } from '../../src/classify/metrics';
import { TextClassifier } from '../../src/classify/text-classifier';
import { tokenize } from '../../src/classify/tokenize';
import { Vectorizer } from '../../src/classify/vectorizer';

describe('tokenize', () => {
  it('stems English words and adds bigrams', () => {
    const t = tokenize('Printers printing', { bigrams: true, charNgrams: null });
    expect(t).toEqual(['w:printer', 'w:print', 'b:printer_print']);
  });

  it('gives Chinese segmenter words, characters and character bigrams, and keeps Latin product names', () => {
    const t = tokenize('打印机连不上VPN');
    expect(t).toEqual(expect.arrayContaining(['w:vpn', 'z:打印', 'zc:打', 'zc:打印', 'zc:印机']));
  });
});

describe('Vectorizer', () => {
  it('gives unit-length TF-IDF vectors and ignores unknown tokens', () => {
    const v = Vectorizer.fit([['a', 'b'], ['a', 'c']]);
    const x = v.transform(['a', 'b', 'zzz']);
    expect(x.idx.length).toBe(2);
    expect(Math.hypot(...x.val)).toBeCloseTo(1, 6);
    // "b" is rarer than "a", so it weighs more.
    expect(x.val[x.idx.indexOf(v.state.vocab.indexOf('b'))]).toBeGreaterThan(x.val[x.idx.indexOf(v.state.vocab.indexOf('a'))]);
  });
});

describe('trainLinear', () => {
  it('learns any label set (here three made-up labels) with both losses', () => {
    const random = rng(7);
    const xs = Array.from({ length: 90 }, (_, i) => ({ idx: Int32Array.of(i % 3, 3 + Math.floor(random() * 3)), val: Float32Array.of(1, 0.3) }));
    const ys = xs.map((_, i) => i % 3);
    for (const loss of ['log', 'hinge'] as const) {
      const m = trainLinear(xs, ys, ['alpha', 'beta', 'gamma'], 6, { loss });
      const right = xs.filter((x, i) => { const p = predictProba(m, x); return p.indexOf(Math.max(...p)) === ys[i]; }).length;
      expect(right).toBe(90);
    }
  });
});

describe('TextClassifier', () => {
  it('trains on arbitrary labels and calibrates probabilities that sum to 1', () => {
    const texts = Array.from({ length: 60 }, (_, i) => (i % 2 ? `refund invoice payment ${i}` : `badge door access ${i}`));
    const labels = texts.map((_, i) => (i % 2 ? 'Purchase' : 'Access'));
    const c = TextClassifier.train(texts, labels);
    const p = c.predict('payment for the invoice');
    expect(p.label).toBe('Purchase');
    expect(Object.values(p.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('predicts the label named by decisionThreshold once its probability reaches the cut-off', () => {
    const texts = Array.from({ length: 60 }, (_, i) => (i % 2 ? `refund invoice payment ${i}` : `badge door access ${i}`));
    const labels = texts.map((_, i) => (i % 2 ? 'Purchase' : 'Access'));
    const text = 'invoice door';
    const plain = TextClassifier.train(texts, labels, { calibrationShare: 0 }).predict(text);
    const pAccess = plain.probabilities.Access;
    const low = TextClassifier.train(texts, labels, { calibrationShare: 0, decisionThreshold: { label: 'Access', minProbability: pAccess - 1e-6 } });
    const high = TextClassifier.train(texts, labels, { calibrationShare: 0, decisionThreshold: { label: 'Access', minProbability: pAccess + 1e-6 } });
    expect(low.predict(text).label).toBe('Access');
    expect(high.predict(text).label).toBe('Purchase');
  });

  it('rejects a decisionThreshold on a label it never saw', () => {
    expect(() => TextClassifier.train(['a b', 'c d'], ['x', 'y'], { decisionThreshold: { label: 'z', minProbability: 0.5 } })).toThrow(/absent from the training labels/);
  });
});

describe('csv', () => {
  it('handles quotes, doubled quotes, commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",2\n')).toEqual([['a', 'b'], ['x, "y"', '2']]);
    expect(parseCsvRecords('Text,Category\nhi,email')).toEqual([{ text: 'hi', category: 'email' }]);
  });
});

describe('parseExamples', () => {
  it('accepts other desks\' spellings of types and categories', () => {
    expect(parseExamples('text,category,type\nhi,Email,Service Request', 'csv')).toEqual([{ text: 'hi', category: 'email', type: 'service_request' }]);
  });
});

describe('ENDAVA_SENT_PREFIX', () => {
  it('strips the mail-header residue and nothing else', () => {
    expect('sent tuesday february hi my laptop'.replace(ENDAVA_SENT_PREFIX, '')).toBe('hi my laptop');
    expect('sent friday cannot log in'.replace(ENDAVA_SENT_PREFIX, '')).toBe('cannot log in');
    expect('sent broken laptop'.replace(ENDAVA_SENT_PREFIX, '')).toBe('broken laptop');
    expect('sentinel alert'.replace(ENDAVA_SENT_PREFIX, '')).toBe('sentinel alert');
    expect('regards analyst sent monday october re hi, steps you sent work'.replace(ENDAVA_SENT_ANYWHERE, '|'))
      .toBe('regards analyst | re hi, steps you sent work');
    expect('please sent monday july report'.replace(ENDAVA_SENT_PREFIX, '')).toBe('please sent monday july report');
  });
});

describe('scoreLabels', () => {
  it('computes accuracy and macro-F1', () => {
    const s = scoreLabels(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(s.accuracy).toBe(0.75);
    // F1(a) = 2/3, F1(b) = 0.8
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });
});
