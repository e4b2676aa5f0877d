/**
 * Geometry of a loss chart (LossCurves.svelte): scales, tick positions, one path per series
 * and the dashed reference levels, for a given size. Pure, so the chart's layout can be
 * snapshot-tested from fixed data and figures can place their own marks on the same scales.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export interface LossSeries {
  label: string;
  /** CSS class of the line and its legend key (colours live in the parent). */
  className: string;
  steps: readonly number[];
  values: readonly number[];
}

export interface LossReference {
  label: string;
  value: number;
  className: string;
}

export interface LossCurvesOptions {
  width: number;
  height: number;
  /** Upper end of the value axis at least (it grows to fit up to `yCap`). */
  yMax: number;
  yCap: number;
}

export interface LossCurvesLayout {
  margin: { top: number; right: number; bottom: number; left: number };
  lastStep: number;
  /** Values above this are drawn at the top edge. */
  top: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: { value: number; x: number }[];
  yTicks: { value: number; y: number }[];
  paths: { label: string; className: string; d: string }[];
  references: { label: string; className: string; y: number }[];
}

export const LOSS_MARGIN = { top: 8, right: 10, bottom: 22, left: 34 };

export function layoutLossCurves(
  series: readonly LossSeries[],
  references: readonly LossReference[],
  { width, height, yMax, yCap }: LossCurvesOptions,
): LossCurvesLayout {
  const margin = LOSS_MARGIN;
  const lastStep = Math.max(10, ...series.map((s) => s.steps.at(-1) ?? 0));
  let top = Math.max(yMax, ...references.map((r) => r.value * 1.25));
  for (const s of series) for (const v of s.values) if (v > top) top = v;
  top = Math.min(yCap, top);
  const x = scaleLinear()
    .domain([0, lastStep])
    .range([margin.left, Math.max(margin.left + 10, width - margin.right)]);
  const y = scaleLinear()
    .domain([0, top])
    .range([height - margin.bottom, margin.top])
    .nice(4);
  // NaN (a run that blew up) leaves a gap; values above `top` stay on the top edge.
  const path = (s: LossSeries) =>
    line<number>()
      .defined((i) => Number.isFinite(s.values[i]))
      .x((i) => x(s.steps[i] ?? 0))
      .y((i) => y(Math.min(top, s.values[i] ?? 0)))(s.values.map((_, i) => i)) ?? '';
  return {
    margin,
    lastStep,
    top,
    x,
    y,
    xTicks: x.ticks(Math.max(2, Math.floor(width / 90))).map((value) => ({ value, x: x(value) })),
    yTicks: y.ticks(4).map((value) => ({ value, y: y(value) })),
    paths: series.map((s) => ({ label: s.label, className: s.className, d: path(s) })),
    references: references.map((r) => ({ label: r.label, className: r.className, y: y(r.value) })),
  };
}
