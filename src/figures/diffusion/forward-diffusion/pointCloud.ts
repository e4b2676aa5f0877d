/**
 * Drawing geometry for the forward-diffusion figure, pure so a test can check it: the
 * point cloud as one SVG path per smiley part, and the signal and noise coefficients over t
 * as chart paths. The figure computes the points; this only turns numbers into path data.
 */
import { line } from 'd3-shape';
import { forwardCoefficients, type Schedule } from '../../../models/diffusion/schedule.ts';

/**
 * All points of each smiley part as a single path of tiny circles: three DOM nodes to
 * update per frame instead of 700 (the redraw is what an old Chromebook pays for). Each
 * point is `M<x − r> <y>a…`, two arcs; `x` and `y` map data to SVG units.
 */
export function dotPaths(
  points: ArrayLike<number>,
  parts: ArrayLike<number>,
  partCount: number,
  x: (v: number) => number,
  y: (v: number) => number,
  r = 2.2,
): string[] {
  const paths = Array.from({ length: partCount }, () => '');
  for (let i = 0; i < parts.length; i++) {
    const px = x(points[2 * i] ?? 0);
    const py = y(points[2 * i + 1] ?? 0);
    paths[parts[i] ?? 0] +=
      `M${(px - r).toFixed(1)} ${py.toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
  }
  return paths;
}

/** The signal √ᾱₜ or noise √(1 − ᾱₜ) coefficient over t = 0…T, sampled 101 times, as a path. */
export function coefficientPath(
  schedule: Schedule,
  which: 'signal' | 'noise',
  T: number,
  x: (t: number) => number,
  y: (v: number) => number,
): string {
  const samples = Array.from({ length: 101 }, (_, i) => (i * T) / 100);
  return (
    line<number>()
      .x((t) => x(t))
      .y((t) => y(forwardCoefficients(schedule, Math.round(t))[which]))(samples) ?? ''
  );
}
