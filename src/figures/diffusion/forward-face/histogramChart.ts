/**
 * Geometry of a density histogram with the standard normal density laid over it: bar
 * rectangles, the N(0, 1) curve as a path, and ticks. Pure, so a test can snapshot it.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { normalDensity, type Bin } from './histogram.ts';
import { tenth, type Margin, type Tick } from '../scheduleCharts.ts';

export interface HistogramChart {
  bars: { x: number; y: number; width: number; height: number }[];
  /** The N(0, 1) density over the same axis. */
  curve: string;
  xTicks: Tick[];
  yTicks: Tick[];
  plot: { left: number; right: number; top: number; bottom: number };
}

/** Below this the y axis does not shrink, so N(0, 1) (peak 0.40) always fits with room. */
const MIN_TOP = 0.5;

export function histogramChart(
  bins: readonly Bin[],
  width: number,
  height: number,
  margin: Margin,
): HistogramChart {
  const lo = bins[0]?.x0 ?? -1;
  const hi = bins.at(-1)?.x1 ?? 1;
  const plot = {
    left: margin.left,
    right: Math.max(margin.left + 10, width - margin.right),
    top: margin.top,
    bottom: height - margin.bottom,
  };
  const x = scaleLinear().domain([lo, hi]).range([plot.left, plot.right]);
  const top = Math.max(MIN_TOP, ...bins.map((b) => b.density));
  const y = scaleLinear().domain([0, top]).range([plot.bottom, plot.top]).nice(3);
  const bars = bins.map((b) => ({
    x: tenth(x(b.x0)),
    y: tenth(y(b.density)),
    width: tenth(x(b.x1) - x(b.x0)),
    height: tenth(y(0) - y(b.density)),
  }));
  const samples = Array.from({ length: 81 }, (_, i) => lo + ((hi - lo) * i) / 80);
  const curve =
    line<number>()
      .digits(1)
      .x((v) => x(v))
      .y((v) => y(normalDensity(v)))(samples) ?? '';
  return {
    bars,
    curve,
    xTicks: x
      .ticks(8)
      .filter(Number.isInteger)
      .map((value) => ({
        value,
        label: value < 0 ? `−${-value}` : String(value),
        at: tenth(x(value)),
      })),
    yTicks: y.ticks(3).map((value) => ({ value, label: String(value), at: tenth(y(value)) })),
    plot,
  };
}
