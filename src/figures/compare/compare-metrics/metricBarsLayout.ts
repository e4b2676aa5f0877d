/**
 * Layout of one small bar chart of the comparison page: one row per model, the file's
 * number as a bar and, once measured, the reader's live number as a thinner bar beneath it,
 * with the real data's own value as a vertical reference line. D3 computes the scales here;
 * MetricBars.svelte only draws the result (and the snapshot test reads it).
 */
import { scaleLinear, scaleLog } from 'd3-scale';

export interface MetricRow {
  label: string;
  /** The number from metrics.json, or null where it was not measured. */
  file: number | null;
  /** The number measured in the browser, if any. */
  live?: number | null;
}

export interface MetricChartInput {
  rows: readonly MetricRow[];
  /** The data's own value (e.g. real faces' FID against other real faces), or null. */
  reference: number | null;
  width: number;
  /** Log for quantities that span orders of magnitude (sampling times). */
  scale?: 'linear' | 'log';
  format: (value: number) => string;
}

export interface BarMark {
  key: string;
  /** The row's label. */
  label: string;
  kind: 'file' | 'live';
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  textX: number;
}

export interface MetricChartLayout {
  width: number;
  height: number;
  labelWidth: number;
  rows: { label: string; y: number }[];
  bars: BarMark[];
  reference: { x: number; text: string } | null;
  ticks: { x: number; text: string }[];
}

const LABEL_WIDTH = 112;
const VALUE_WIDTH = 44;
const FILE_BAR = 14;
const LIVE_BAR = 8;
const GAP = 3;
const ROW_PAD = 8;
const AXIS = 16;
/** Ticks closer than this (in pixels) would print over each other. */
const MIN_TICK_GAP = 34;

export function metricChart(input: MetricChartInput): MetricChartLayout {
  const { rows, reference, format } = input;
  const width = Math.max(200, input.width);
  const hasLive = rows.some((r) => r.live != null);
  const rowHeight = FILE_BAR + (hasLive ? GAP + LIVE_BAR : 0) + ROW_PAD;
  const values = rows
    .flatMap((r) => [r.file, r.live ?? null])
    .filter((v): v is number => v !== null);
  if (reference !== null) values.push(reference);
  const right = width - VALUE_WIDTH;
  const x =
    input.scale === 'log'
      ? scaleLog()
          .domain([Math.min(...values) / 3, Math.max(...values) * 1.5])
          .range([LABEL_WIDTH, right])
      : scaleLinear()
          .domain([0, Math.max(...values, 1e-9)])
          .range([LABEL_WIDTH, right])
          .nice();
  const origin = LABEL_WIDTH;
  const bars: BarMark[] = [];
  const rowMarks = rows.map((row, i) => {
    const y = i * rowHeight + ROW_PAD / 2;
    const bar = (value: number, kind: BarMark['kind'], top: number, height: number) => {
      const end = Math.max(origin + 1, x(value));
      bars.push({
        key: `${row.label}-${kind}`,
        label: row.label,
        kind,
        x: origin,
        y: Math.round(top * 10) / 10,
        width: Math.round((end - origin) * 10) / 10,
        height,
        text: format(value),
        textX: Math.round((end + 4) * 10) / 10,
      });
    };
    if (row.file !== null) bar(row.file, 'file', y, FILE_BAR);
    if (row.live != null) bar(row.live, 'live', y + FILE_BAR + GAP, LIVE_BAR);
    return { label: row.label, y: y + FILE_BAR / 2 };
  });
  const plotHeight = rows.length * rowHeight;
  const tickCount = Math.max(2, Math.floor((right - LABEL_WIDTH) / 70));
  const ticks = (
    input.scale === 'log'
      ? x.ticks().filter((t) => Number.isInteger(Math.log10(t)))
      : x.ticks(tickCount)
  ).filter((t, i, all) => i === 0 || x(t) - x(all[0]!) >= MIN_TICK_GAP * i);
  return {
    width,
    height: plotHeight + AXIS,
    labelWidth: LABEL_WIDTH,
    rows: rowMarks,
    bars,
    reference:
      reference === null
        ? null
        : { x: Math.round(x(reference) * 10) / 10, text: format(reference) },
    ticks: ticks.map((t) => ({ x: Math.round(x(t) * 10) / 10, text: format(t) })),
  };
}
