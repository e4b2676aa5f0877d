/**
 * The geometry of the pixel-trajectory chart, kept pure so it can be snapshot-tested with
 * fixed data: scales over the whole run (steps across, model units up, clamped at ±2 where
 * early noise goes beyond the image range) and one path per line.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export const TRAJECTORY_LIMIT = 2;
export const TRAJECTORY_MARGIN = { top: 8, right: 10, bottom: 30, left: 30 } as const;

export interface TrajectoryScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

export function trajectoryScales(steps: number, width: number, height: number): TrajectoryScales {
  const m = TRAJECTORY_MARGIN;
  return {
    x: scaleLinear()
      .domain([0, Math.max(1, steps)])
      .range([m.left, Math.max(m.left + 10, width - m.right)]),
    y: scaleLinear()
      .domain([-TRAJECTORY_LIMIT, TRAJECTORY_LIMIT])
      .range([height - m.bottom, m.top]),
  };
}

/** The SVG path of values[i] at step i; NaN (not predicted yet) leaves a gap. */
export function trajectoryPath({ x, y }: TrajectoryScales, values: readonly number[]): string {
  const clamp = (v: number) => Math.max(-TRAJECTORY_LIMIT, Math.min(TRAJECTORY_LIMIT, v));
  return (
    line<number>()
      .defined((v) => Number.isFinite(v))
      .x((_, i) => x(i))
      .y((v) => y(clamp(v)))(values) ?? ''
  );
}
