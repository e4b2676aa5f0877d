/**
 * Geometry of the noise-schedule charts (βₜ, ᾱₜ and the signal-to-noise ratio over t):
 * scales, one path per schedule, and labelled ticks. Pure, so a test can snapshot the SVG
 * it would draw; the component only renders it.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import type { Schedule, ScheduleKind } from '../../models/diffusion/schedule.ts';

export type ScheduleMetric = 'beta' | 'alphaBar' | 'snr';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Tick {
  value: number;
  label: string;
  /** Position along the axis, in SVG units. */
  at: number;
}

export interface ScheduleChart {
  lines: { kind: ScheduleKind; d: string }[];
  xTicks: Tick[];
  yTicks: Tick[];
  /** Pixel x of step t. */
  xOf: (t: number) => number;
  /** Pixel y of a value (clamped to the chart). */
  yOf: (v: number) => number;
  /** The step under pixel x, rounded and clamped to [0, T]. */
  tAt: (px: number) => number;
  plot: { left: number; right: number; top: number; bottom: number };
}

/**
 * Fixed value ranges, so the curves do not jump when T or the visible schedules change.
 * β and the SNR span many orders of magnitude and get log axes; values beyond the range (the
 * cosine schedule's SNR at the very last step is about 10⁻⁹) are drawn at the edge.
 */
const DOMAINS: Record<ScheduleMetric, [number, number]> = {
  beta: [1e-5, 1],
  alphaBar: [0, 1],
  snr: [1e-5, 1e5],
};
const Y_TICKS: Record<ScheduleMetric, number[]> = {
  beta: [1e-4, 1e-2, 1],
  alphaBar: [0, 0.5, 1],
  snr: [1e-4, 1e-2, 1, 1e2, 1e4],
};

/** Rounds SVG coordinates to 0.1 px: finer is invisible and makes snapshots brittle. */
export const tenth = (v: number) => Math.round(v * 10) / 10;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** 1e-4 → "10⁻⁴", 1 → "1", 100 → "10²"; other numbers as decimals. */
export function powerLabel(v: number): string {
  const e = Math.log10(v);
  if (v === 1) return '1';
  if (!Number.isInteger(Math.round(e * 1e9) / 1e9) || v <= 0) return String(v);
  const digits = [...String(Math.abs(Math.round(e)))].map((d) => SUPERSCRIPT[Number(d)]).join('');
  return `10${e < 0 ? '⁻' : ''}${digits}`;
}

/** The metric at step t (t = 1…T; ᾱ also at t = 0, where it is 1). */
export function metricAt(s: Schedule, metric: ScheduleMetric, t: number): number {
  if (metric === 'alphaBar') return t <= 0 ? 1 : s.alphaBars[Math.min(t, s.T) - 1]!;
  const i = Math.min(Math.max(t, 1), s.T) - 1;
  if (metric === 'beta') return s.betas[i]!;
  const ab = s.alphaBars[i]!;
  return ab / (1 - ab);
}

export function scheduleChart(
  schedules: readonly Schedule[],
  metric: ScheduleMetric,
  T: number,
  width: number,
  height: number,
  margin: Margin,
): ScheduleChart {
  const plot = {
    left: margin.left,
    right: Math.max(margin.left + 10, width - margin.right),
    top: margin.top,
    bottom: height - margin.bottom,
  };
  const x = scaleLinear().domain([0, T]).range([plot.left, plot.right]);
  const y = (metric === 'alphaBar' ? scaleLinear() : scaleLog())
    .domain(DOMAINS[metric])
    .range([plot.bottom, plot.top])
    .clamp(true);
  const first = metric === 'alphaBar' ? 0 : 1;
  const all = Array.from({ length: T - first + 1 }, (_, i) => first + i);
  // About one point per pixel is all a line can show; always keep the last step, where the
  // cosine and sigmoid schedules plunge.
  const stride = Math.max(1, Math.floor(all.length / (plot.right - plot.left)));
  const steps = all.filter((_, i) => i % stride === 0 || i === all.length - 1);
  const lines = schedules.map((s) => ({
    kind: s.kind,
    d:
      line<number>()
        .digits(1)
        .x((t) => x(t))
        .y((t) => y(metricAt(s, metric, t)))(steps) ?? '',
  }));
  const xTicks = x.ticks(Math.max(2, Math.min(5, Math.floor((plot.right - plot.left) / 80))));
  return {
    lines,
    xTicks: xTicks.map((value) => ({ value, label: String(value), at: tenth(x(value)) })),
    yTicks: Y_TICKS[metric].map((value) => ({
      value,
      label: powerLabel(value),
      at: tenth(y(value)),
    })),
    xOf: (t) => x(t),
    yOf: (v) => y(v),
    tAt: (px) => Math.min(T, Math.max(0, Math.round(x.invert(px)))),
    plot,
  };
}

/**
 * A number for a readout, readable over many orders of magnitude: 0.0123 → "0.0123",
 * 3.2e-7 → "3.2 × 10⁻⁷", Infinity → "∞".
 */
export function readable(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return '∞';
  if (v === 0) return '0';
  if (Math.abs(v) >= 0.001 && Math.abs(v) < 10_000) return String(Number(v.toPrecision(3)));
  const e = Math.floor(Math.log10(Math.abs(v)));
  const m = v / 10 ** e;
  const mantissa = Number(m.toFixed(1));
  // Rounding can carry into the next power (9.96 × 10³ → 10.0): renormalise.
  if (Math.abs(mantissa) >= 10) return `${mantissa / 10} × ${powerLabel(10 ** (e + 1))}`;
  return `${mantissa} × ${powerLabel(10 ** e)}`;
}
