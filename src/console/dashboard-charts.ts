/** Hand-drawn SVG charts for the dashboard: no library, no script, escaped text, a <title> and <desc> each. */

/** One named series of values (null = no data for that point). */
export type ChartSeries = { name: string; values: (number | null)[]; color: string };

/** What every chart needs: labels along x, series, axis titles and a fixed y range or an automatic one. */
export type ChartSpec = {
  id: string;
  title: string;
  labels: string[];
  series: ChartSeries[];
  yLabel: string;
  xLabel: string;
  yMax?: number;
  yMin?: number;
};

const W = 560;
const H = 250;
const M = { top: 16, right: 14, bottom: 58, left: 52 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

/** Escape text for SVG/HTML. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** Gridline spacing: a round step giving at most about five intervals, whole numbers from 1 up. */
export function tickStep(span: number): number {
  const step = niceMax(span / 5);
  return span >= 1 && step < 1 ? 1 : step;
}

/** A round upper bound for the y axis (1, 2, 5 x 10^n). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) as number) * power;
}

function frame(spec: ChartSpec, yMin: number, yMax: number, body: string): string {
  const y = (v: number) => M.top + PH - ((v - yMin) / (yMax - yMin)) * PH;
  const tick = tickStep(yMax - yMin);
  const ticks = Array.from({ length: Math.floor((yMax - yMin) / tick + 1e-9) + 1 }, (_, i) => yMin + i * tick);
  const grid = ticks.map((t) => `<line x1="${M.left}" x2="${M.left + PW}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e7eb"/><text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11" fill="#374151">${fmt(t)}</text>`).join('');
  const every = Math.max(1, Math.ceil(spec.labels.length / 10));
  const step = PW / Math.max(1, spec.labels.length);
  const xLabels = spec.labels.map((l, i) => (i % every === 0
    ? `<text x="${M.left + step * (i + 0.5)}" y="${M.top + PH + 16}" text-anchor="middle" font-size="11" fill="#374151">${esc(l)}</text>` : '')).join('');
  const legend = spec.series.map((s, i) => `<rect x="${M.left + i * 120}" y="${H - 16}" width="10" height="10" fill="${s.color}"/><text x="${M.left + i * 120 + 14}" y="${H - 7}" font-size="11" fill="#111827">${esc(s.name)}</text>`).join('');
  const summary = spec.series.map((s) => `${s.name}: ${s.values.map((v, i) => `${spec.labels[i]} ${v === null ? 'no data' : fmt(v)}`).join(', ')}`).join('. ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${spec.id}-t ${spec.id}-d" class="chart" id="${spec.id}">`
    + `<title id="${spec.id}-t">${esc(spec.title)}</title><desc id="${spec.id}-d">${esc(summary || 'no data')}</desc>`
    + `${grid}<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + PH}" stroke="#6b7280"/>`
    + `<line x1="${M.left}" x2="${M.left + PW}" y1="${M.top + PH}" y2="${M.top + PH}" stroke="#6b7280"/>`
    + `${body}${xLabels}`
    + `<text x="${M.left + PW / 2}" y="${M.top + PH + 32}" text-anchor="middle" font-size="11" fill="#4b5563">${esc(spec.xLabel)}</text>`
    + `<text transform="translate(13 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle" font-size="11" fill="#4b5563">${esc(spec.yLabel)}</text>`
    + `${legend}</svg>`;
}

function range(spec: ChartSpec, stacked: boolean): [number, number] {
  const yMin = spec.yMin ?? 0;
  if (spec.yMax !== undefined) return [yMin, spec.yMax];
  const values = stacked
    ? spec.labels.map((_, i) => spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))
    : spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  return [yMin, niceMax(Math.max(0, ...values))];
}

/** Grouped (side by side) or stacked bars, one group per label. */
export function barChart(spec: ChartSpec, mode: 'grouped' | 'stacked' = 'grouped'): string {
  const [yMin, yMax] = range(spec, mode === 'stacked');
  const h = (v: number) => ((v - yMin) / (yMax - yMin)) * PH;
  const step = PW / Math.max(1, spec.labels.length);
  const bars: string[] = [];
  spec.labels.forEach((label, i) => {
    let base = 0;
    spec.series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return;
      const width = mode === 'stacked' ? step * 0.6 : (step * 0.8) / spec.series.length;
      const x = M.left + step * i + (mode === 'stacked' ? step * 0.2 : step * 0.1 + width * j);
      const top = M.top + PH - h(base + v);
      bars.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${width.toFixed(1)}" height="${h(v).toFixed(1)}" fill="${s.color}"><title>${esc(`${label} ${s.name}: ${fmt(v)}`)}</title></rect>`);
      if (mode === 'stacked') base += v;
    });
  });
  return frame(spec, yMin, yMax, bars.join(''));
}

/** Lines with a dot per known point; a gap where a value is null. */
export function lineChart(spec: ChartSpec): string {
  const [yMin, yMax] = range(spec, false);
  const step = PW / Math.max(1, spec.labels.length);
  const body = spec.series.map((s) => {
    const points = s.values.map((v, i) => (v === null ? null : { x: M.left + step * (i + 0.5), y: M.top + PH - ((v - yMin) / (yMax - yMin)) * PH, v, label: spec.labels[i] }));
    let path = '';
    let pen = false;
    for (const p of points) {
      path += p === null ? '' : `${pen ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)} `;
      pen = p !== null;
    }
    const dots = points.filter((p): p is NonNullable<typeof p> => p !== null)
      .map((p) => `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(`${p.label} ${s.name}: ${fmt(p.v)}`)}</title></circle>`).join('');
    return `${path ? `<path d="${path.trim()}" fill="none" stroke="${s.color}" stroke-width="2"/>` : ''}${dots}`;
  }).join('');
  return frame(spec, yMin, yMax, body);
}
