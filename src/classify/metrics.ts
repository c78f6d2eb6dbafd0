/** Accuracy and macro-averaged F1 over the labels present in truth or predictions. */
export function scoreLabels(truth: string[], predicted: string[]): { accuracy: number; macroF1: number; perClassF1: Record<string, number> } {
  const labels = [...new Set([...truth, ...predicted])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  let correct = 0;
  truth.forEach((t, i) => {
    const p = predicted[i];
    if (t === p) { correct++; tp.set(t, (tp.get(t) ?? 0) + 1); }
    else { fp.set(p, (fp.get(p) ?? 0) + 1); fn.set(t, (fn.get(t) ?? 0) + 1); }
  });
  const perClassF1: Record<string, number> = {};
  for (const l of labels) {
    const a = tp.get(l) ?? 0;
    const denom = 2 * a + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    perClassF1[l] = denom ? (2 * a) / denom : 0;
  }
  const f1s = Object.values(perClassF1);
  return {
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perClassF1,
  };
}
