import { barChart, lineChart, niceMax, tickStep } from '../../src/console/dashboard-charts';

describe('hand-drawn SVG charts', () => {
  test('bars: one rect per non-zero value, a title and a description listing every value, text escaped', () => {
    const svg = barChart({ id: 'c', title: 'Tickets <by day>', labels: ['03-02', '03-03'], xLabel: 'Day', yLabel: 'Tickets',
      series: [{ name: 'Opened & more', values: [2, 0], color: '#00f' }, { name: 'Closed', values: [1, 3], color: '#999' }] });
    expect(svg).toContain('<title id="c-t">Tickets &lt;by day&gt;</title>');
    expect(svg).toContain('<desc id="c-d">Opened &amp; more: 03-02 2, 03-03 0. Closed: 03-02 1, 03-03 3</desc>');
    expect(svg).toContain('role="img" aria-labelledby="c-t c-d"');
    expect(svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#(00f|999)"><title>/g)).toHaveLength(3);
    expect(svg).not.toContain('<by day>');
  });

  test('y axis: round maxima and whole-number gridlines; stacked bars stack', () => {
    expect([niceMax(0), niceMax(2), niceMax(3), niceMax(7), niceMax(100), niceMax(0.3)]).toEqual([1, 2, 5, 10, 100, 0.5]);
    expect([tickStep(2), tickStep(5), tickStep(100), tickStep(0.5)]).toEqual([1, 1, 20, 0.1]);
    const stacked = barChart({ id: 's', title: 't', labels: ['P1'], xLabel: 'x', yLabel: 'y',
      series: [{ name: 'a', values: [3], color: '#1' }, { name: 'b', values: [2], color: '#2' }] }, 'stacked');
    // 3 + 2 = 5 -> axis 0..5 with 6 gridline labels.
    expect(stacked.match(/text-anchor="end"/g)).toHaveLength(6);
  });

  test('lines: a gap where data is missing, one dot per known value', () => {
    const svg = lineChart({ id: 'l', title: 'CSAT', labels: ['a', 'b', 'c', 'd'], xLabel: 'x', yLabel: 'y', yMax: 5,
      series: [{ name: 'avg', values: [4, null, 3, 5], color: '#f00' }] });
    expect(svg.match(/<circle /g)).toHaveLength(3);
    const path = /<path d="([^"]+)"/.exec(svg)![1];
    expect(path.match(/M/g)).toHaveLength(2);
  });
});
