import { describe, expect, test } from 'vitest';
import {
  metricChart,
  type MetricRow,
} from '../../../../../src/figures/compare/compare-metrics/metricBarsLayout.ts';
import { svgDocument } from '../../../svgSnapshot.ts';

const rows: MetricRow[] = [
  { label: 'VAE', file: 714.4, live: 760 },
  { label: 'GAN', file: 369 },
  { label: 'DDPM (pixels)', file: 303.1, live: 350 },
  { label: 'Latent diffusion', file: null },
];
const format = (v: number) => String(Math.round(v));

describe('metricChart', () => {
  test('draws file and live bars with the reference line the same way every time (SVG snapshot)', async () => {
    const l = metricChart({ rows, reference: 6.08, width: 320, format });
    const body = [
      ...l.ticks.map(
        (t) => `<text x="${t.x}" y="${l.height - 3}" text-anchor="middle">${t.text}</text>`,
      ),
      ...l.rows.map(
        (r) => `<text x="${l.labelWidth - 6}" y="${r.y + 4}" text-anchor="end">${r.label}</text>`,
      ),
      ...l.bars.map(
        (b) =>
          `<rect class="${b.kind}" x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${b.kind === 'file' ? '#59544c' : '#e69f00'}"/><text x="${b.textX}" y="${b.y + b.height / 2 + 4}">${b.text}</text>`,
      ),
      `<line x1="${l.reference!.x}" x2="${l.reference!.x}" y1="0" y2="${l.height - 14}" stroke="#000" stroke-dasharray="3 2"/>`,
    ];
    await expect(svgDocument(l.width, l.height, body)).toMatchFileSnapshot(
      '__snapshots__/metricBars.svg',
    );
  });

  test('a row without a number gets a label but no bar', () => {
    const l = metricChart({ rows, reference: null, width: 320, format });
    expect(l.rows.map((r) => r.label)).toContain('Latent diffusion');
    expect(l.bars.some((b) => b.key.startsWith('Latent diffusion'))).toBe(false);
    expect(l.reference).toBeNull();
  });

  test('without live numbers the rows are shorter', () => {
    const fileOnly = rows.map((r) => ({ label: r.label, file: r.file }));
    expect(
      metricChart({ rows: fileOnly, reference: null, width: 320, format }).height,
    ).toBeLessThan(metricChart({ rows, reference: null, width: 320, format }).height);
  });

  test('on a log scale every tick is a power of ten and times spanning 500× all get a visible bar', () => {
    const times = [
      { label: 'GAN', file: 0.47 },
      { label: 'DDPM', file: 254.8 },
    ];
    const l = metricChart({
      rows: times,
      reference: null,
      width: 320,
      scale: 'log',
      format: String,
    });
    for (const t of l.ticks) expect(Math.log10(Number(t.text))).toSatisfy(Number.isInteger);
    expect(l.bars[0]!.width).toBeGreaterThan(10);
  });
});
