import { describe, expect, test } from 'vitest';
import {
  layoutLossCurves,
  type LossReference,
  type LossSeries,
} from '../../../src/charts/lossCurvesLayout.ts';
import { svgDocument } from '../svgSnapshot.ts';

const steps = [50, 100, 150, 200, 250, 300, 350, 400];
const series: LossSeries[] = [
  { label: 'D', className: 'd', steps, values: [0.9, 0.6, 0.4, 0.5, 0.55, 0.6, 0.58, 0.5] },
  { label: 'G', className: 'g', steps, values: [0.9, 1.4, 2.1, 1.8, 1.7, 1.75, 1.8, 2.0] },
];
const references: LossReference[] = [
  { label: 'D at a draw', value: 2 * Math.LN2, className: 'd' },
  { label: 'G at a draw', value: Math.LN2, className: 'g' },
];
const options = { width: 400, height: 200, yMax: 2.5, yCap: 4 };

describe('layoutLossCurves', () => {
  test('draws the fixed curves the same way every time (SVG snapshot)', async () => {
    const layout = layoutLossCurves(series, references, options);
    const { margin } = layout;
    const body = [
      ...layout.yTicks.map(
        (t) =>
          `<line x1="${margin.left}" x2="${400 - margin.right}" y1="${t.y}" y2="${t.y}" stroke="#e3ddd2"/><text x="${margin.left - 5}" y="${t.y + 4}" text-anchor="end">${t.value}</text>`,
      ),
      ...layout.xTicks.map(
        (t) => `<text x="${t.x}" y="${200 - 6}" text-anchor="middle">${t.value}</text>`,
      ),
      ...layout.references.map(
        (r) =>
          `<line class="${r.className}" x1="${margin.left}" x2="${400 - margin.right}" y1="${r.y}" y2="${r.y}" stroke="#888" stroke-dasharray="5 4"/>`,
      ),
      ...layout.paths.map(
        (p) =>
          `<path class="${p.className}" d="${p.d}" fill="none" stroke="${p.className === 'd' ? '#1f6f8b' : '#b93d0c'}" stroke-width="2"/>`,
      ),
    ];
    await expect(svgDocument(400, 200, body)).toMatchFileSnapshot('__snapshots__/lossCurves.svg');
  });

  test('the value axis grows to fit the data up to the cap, and starts at zero', () => {
    expect(layoutLossCurves(series, references, options).top).toBe(2.5);
    const high = [{ ...series[1]!, values: series[1]!.values.map((v) => v * 3) }];
    expect(layoutLossCurves(high, [], options).top).toBe(4);
    expect(layoutLossCurves(high, [], options).y.domain()[0]).toBe(0);
  });

  test('a value that is not a number leaves a gap in its line', () => {
    const broken = [{ ...series[0]!, values: [0.9, 0.6, Number.NaN, 0.5, 0.5, 0.5, 0.5, 0.5] }];
    const d = layoutLossCurves(broken, [], options).paths[0]!.d;
    expect(d.match(/M/g)).toHaveLength(2);
  });

  test('steps map onto the plot from the left margin to the right one', () => {
    const { x, margin } = layoutLossCurves(series, references, options);
    expect(x(0)).toBe(margin.left);
    expect(x(400)).toBe(400 - margin.right);
  });
});
