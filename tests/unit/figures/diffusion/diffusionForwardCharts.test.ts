/**
 * The forward-process charts' SVG geometry, snapshot-tested on fixed data: the schedule
 * curves for T = 4 in a 200 × 100 box, and a histogram of four bins under N(0, 1).
 */
import { describe, expect, test } from 'vitest';
import { makeSchedule, SCHEDULE_KINDS } from '../../../../src/models/diffusion/schedule.ts';
import { histogram } from '../../../../src/figures/diffusion/forward-face/histogram.ts';
import { histogramChart } from '../../../../src/figures/diffusion/forward-face/histogramChart.ts';
import {
  metricAt,
  powerLabel,
  readable,
  scheduleChart,
} from '../../../../src/figures/diffusion/scheduleCharts.ts';

const MARGIN = { top: 10, right: 10, bottom: 20, left: 40 };
const schedules = SCHEDULE_KINDS.map((kind) => makeSchedule({ kind, T: 4 }));

describe('scheduleChart', () => {
  test('draws ᾱ from t = 0 (where it is 1) to T, one path per schedule', () => {
    const chart = scheduleChart(schedules, 'alphaBar', 4, 200, 100, MARGIN);
    expect(chart.lines).toMatchInlineSnapshot(`
      [
        {
          "d": "M40,10L77.5,10L115,10.5L152.5,11.4L190,12.8",
          "kind": "linear",
        },
        {
          "d": "M40,10L77.5,20.7L115,45.4L152.5,69.9L190,80",
          "kind": "cosine",
        },
        {
          "d": "M40,10L77.5,20.4L115,45L152.5,69.6L190,80",
          "kind": "sigmoid",
        },
      ]
    `);
    expect(chart.yTicks).toMatchInlineSnapshot(`
      [
        {
          "at": 80,
          "label": "0",
          "value": 0,
        },
        {
          "at": 45,
          "label": "0.5",
          "value": 0.5,
        },
        {
          "at": 10,
          "label": "1",
          "value": 1,
        },
      ]
    `);
    expect(chart.xTicks.map((t) => [t.label, t.at])).toMatchInlineSnapshot(`
      [
        [
          "0",
          40,
        ],
        [
          "2",
          115,
        ],
        [
          "4",
          190,
        ],
      ]
    `);
  });

  test('draws β and the SNR on log axes, clamped to their fixed ranges', () => {
    const beta = scheduleChart(schedules, 'beta', 4, 200, 100, MARGIN);
    expect(beta.lines).toMatchInlineSnapshot(`
      [
        {
          "d": "M77.5,66L115,40.4L152.5,36.2L190,33.8",
          "kind": "linear",
        },
        {
          "d": "M77.5,21.4L115,15.3L152.5,12.1L190,10",
          "kind": "cosine",
        },
        {
          "d": "M77.5,21.6L115,15.4L152.5,12.2L190,10",
          "kind": "sigmoid",
        },
      ]
    `);
    expect(beta.yTicks.map((t) => [t.label, t.at])).toMatchInlineSnapshot(`
      [
        [
          "10⁻⁴",
          66,
        ],
        [
          "10⁻²",
          38,
        ],
        [
          "1",
          10,
        ],
      ]
    `);
    const snr = scheduleChart(schedules, 'snr', 4, 200, 100, MARGIN);
    expect(snr.lines).toMatchInlineSnapshot(`
      [
        {
          "d": "M77.5,17L115,29.9L152.5,33.2L190,35.3",
          "kind": "linear",
        },
        {
          "d": "M77.5,39.8L115,45.1L152.5,50.4L190,71.9",
          "kind": "cosine",
        },
        {
          "d": "M77.5,39.7L115,45L152.5,50.3L190,71.8",
          "kind": "sigmoid",
        },
      ]
    `);
    expect(snr.yTicks.map((t) => [t.label, t.at])).toMatchInlineSnapshot(`
      [
        [
          "10⁻⁴",
          73,
        ],
        [
          "10⁻²",
          59,
        ],
        [
          "1",
          45,
        ],
        [
          "10²",
          31,
        ],
        [
          "10⁴",
          17,
        ],
      ]
    `);
  });

  test('maps a pointer x back to the nearest step, clamped to [0, T]', () => {
    const chart = scheduleChart(schedules, 'snr', 1000, 540, 100, MARGIN);
    expect(chart.tAt(40)).toBe(0);
    expect(chart.tAt(285)).toBe(500);
    expect(chart.tAt(-50)).toBe(0);
    expect(chart.tAt(9999)).toBe(1000);
    expect(chart.xOf(chart.tAt(123))).toBeCloseTo(123, 0);
  });
});

describe('metricAt', () => {
  test('reads β, ᾱ and SNR = ᾱ/(1 − ᾱ) at a step; ᾱ₀ = 1', () => {
    const s = makeSchedule({ kind: 'linear', T: 1000 });
    expect(metricAt(s, 'alphaBar', 0)).toBe(1);
    expect(metricAt(s, 'beta', 1)).toBeCloseTo(1e-4, 12);
    const ab = s.alphaBars[499]!;
    expect(metricAt(s, 'snr', 500)).toBeCloseTo(ab / (1 - ab), 12);
  });
});

describe('powerLabel', () => {
  test('writes powers of ten with superscripts', () => {
    expect([1e-4, 1e-2, 1, 100, 1e4, 0.5].map(powerLabel)).toEqual([
      '10⁻⁴',
      '10⁻²',
      '1',
      '10²',
      '10⁴',
      '0.5',
    ]);
  });
});

describe('histogramChart', () => {
  test('draws density bars and the N(0, 1) curve on one axis', () => {
    const { bins } = histogram([-1.5, -0.5, -0.2, 0.1, 0.4, 0.9, 1.2, 1.9], -2, 2, 4);
    const chart = histogramChart(bins, 200, 100, MARGIN);
    expect(chart.bars).toMatchInlineSnapshot(`
      [
        {
          "height": 14.6,
          "width": 37.5,
          "x": 40,
          "y": 65.4,
        },
        {
          "height": 29.2,
          "width": 37.5,
          "x": 77.5,
          "y": 50.8,
        },
        {
          "height": 43.8,
          "width": 37.5,
          "x": 115,
          "y": 36.3,
        },
        {
          "height": 29.2,
          "width": 37.5,
          "x": 152.5,
          "y": 50.8,
        },
      ]
    `);
    expect(chart.curve).toMatchInlineSnapshot(
      `"M40,73.7L41.9,73L43.8,72.3L45.6,71.6L47.5,70.8L49.4,69.9L51.3,69L53.1,68.1L55,67.1L56.9,66L58.8,64.9L60.6,63.7L62.5,62.5L64.4,61.3L66.3,60L68.1,58.7L70,57.3L71.9,56L73.8,54.6L75.6,53.2L77.5,51.8L79.4,50.4L81.3,49L83.1,47.6L85,46.2L86.9,44.9L88.8,43.6L90.6,42.3L92.5,41.1L94.4,40L96.3,38.9L98.1,37.9L100,37L101.9,36.2L103.8,35.5L105.6,34.9L107.5,34.4L109.4,34L111.3,33.7L113.1,33.5L115,33.5L116.9,33.5L118.8,33.7L120.6,34L122.5,34.4L124.4,34.9L126.2,35.5L128.1,36.2L130,37L131.9,37.9L133.8,38.9L135.6,40L137.5,41.1L139.4,42.3L141.3,43.6L143.1,44.9L145,46.2L146.9,47.6L148.8,49L150.6,50.4L152.5,51.8L154.4,53.2L156.3,54.6L158.1,56L160,57.3L161.9,58.7L163.8,60L165.6,61.3L167.5,62.5L169.4,63.7L171.3,64.9L173.1,66L175,67.1L176.9,68.1L178.8,69L180.6,69.9L182.5,70.8L184.4,71.6L186.3,72.3L188.1,73L190,73.7"`,
    );
    expect(chart.xTicks.map((t) => [t.label, t.at])).toMatchInlineSnapshot(`
      [
        [
          "−2",
          40,
        ],
        [
          "−1",
          77.5,
        ],
        [
          "0",
          115,
        ],
        [
          "1",
          152.5,
        ],
        [
          "2",
          190,
        ],
      ]
    `);
    expect(chart.yTicks.map((t) => [t.label, t.at])).toMatchInlineSnapshot(`
      [
        [
          "0",
          80,
        ],
        [
          "0.2",
          56.7,
        ],
        [
          "0.4",
          33.3,
        ],
        [
          "0.6",
          10,
        ],
      ]
    `);
  });

  test('grows its y axis to fit a tall bar', () => {
    const { bins } = histogram([0, 0, 0, 0.05], -1, 1, 20);
    const chart = histogramChart(bins, 200, 100, MARGIN);
    expect(Math.min(...chart.bars.map((b) => b.y))).toBeGreaterThanOrEqual(MARGIN.top);
    expect(chart.yTicks.at(-1)!.value).toBeGreaterThanOrEqual(bins[10]!.density);
  });
});

describe('readable', () => {
  test('writes readouts as decimals in a middle range and in powers of ten outside it', () => {
    expect([0.0123, 0.5, 1, 123.456, 0, Infinity].map(readable)).toEqual([
      '0.0123',
      '0.5',
      '1',
      '123',
      '0',
      '∞',
    ]);
    expect(readable(3.24e-7)).toBe('3.2 × 10⁻⁷');
    expect(readable(25_000)).toBe('2.5 × 10⁴');
    expect(readable(99_960)).toBe('1 × 10⁵');
  });
});

describe('scheduleChart with more steps than pixels', () => {
  test('draws about one point per pixel and still ends at t = T', () => {
    const big = SCHEDULE_KINDS.map((kind) => makeSchedule({ kind, T: 1000 }));
    const chart = scheduleChart(big, 'alphaBar', 1000, 300, 100, MARGIN);
    for (const { d } of chart.lines) {
      const points = d.split(/[ML]/).filter(Boolean);
      expect(points.length).toBeLessThanOrEqual(2 * 250 + 2);
      expect(points.at(-1)).toMatch(/^290,/);
    }
  });
});
