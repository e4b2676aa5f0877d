/**
 * Layout of the history timeline: time runs left to right, each family has its own band,
 * and milestones that would overlap within a band are stacked into extra rows (greedy,
 * in time order) so every label stays readable at any width.
 */
import { scaleLinear } from 'd3-scale';
import { FAMILIES, type Family } from '../data/families.ts';

export interface Milestone {
  id: string;
  year: number;
  month: number;
  name: string;
  family: Family;
  authors: string;
  title: string;
  link: string;
  contribution: string;
}

export interface PlacedMilestone {
  milestone: Milestone;
  x: number;
  y: number;
  visible: boolean;
  /** Label to the left of the dot, where a right-hand label would leave the chart. */
  labelLeft: boolean;
}

export interface Band {
  family: Family;
  y: number;
  height: number;
}

export interface TimelineLayout {
  placed: PlacedMilestone[];
  bands: Band[];
  height: number;
  ticks: { year: number; x: number }[];
}

export const ROW_HEIGHT = 30;
const BAND_GAP = 26;
const LABEL_GAP = 12;
/** Width of a label: an estimate (no DOM in layout), generous so labels never collide. */
export const labelWidth = (name: string) => 16 + name.length * 7.2;

/** Fractional year of a milestone: mid-month. */
export const timeOf = (m: Pick<Milestone, 'year' | 'month'>) => m.year + (m.month - 0.5) / 12;

export function layoutTimeline(
  milestones: readonly Milestone[],
  width: number,
  range: readonly [number, number],
): TimelineLayout {
  const margin = { left: 14, right: 14 };
  const x = scaleLinear()
    .domain([range[0], range[1] + 1])
    .range([margin.left, Math.max(margin.left + 1, width - margin.right)]);
  const sorted = [...milestones].sort((a, b) => timeOf(a) - timeOf(b));
  const placed: PlacedMilestone[] = [];
  const bands: Band[] = [];
  let top = 22;
  for (const family of FAMILIES) {
    const members = sorted.filter((m) => m.family === family);
    if (members.length === 0) continue;
    const rowEnds: number[] = [];
    const bandTop = top + 18; // room for the band's name
    for (const milestone of members) {
      const mx = x(timeOf(milestone));
      const visible = milestone.year >= range[0] && milestone.year <= range[1];
      const w = labelWidth(milestone.name);
      const labelLeft = mx + w > width - margin.right && mx - w >= 0;
      const [start, end] = labelLeft ? [mx - w, mx + 8] : [mx - 8, mx + w];
      let row = 0;
      if (visible) {
        row = rowEnds.findIndex((rowEnd) => rowEnd + LABEL_GAP <= start);
        if (row === -1) row = rowEnds.push(-Infinity) - 1;
        rowEnds[row] = end;
      }
      const y = bandTop + row * ROW_HEIGHT + ROW_HEIGHT / 2;
      placed.push({ milestone, x: mx, y, visible, labelLeft });
    }
    const height = 18 + Math.max(1, rowEnds.length) * ROW_HEIGHT;
    bands.push({ family, y: top, height });
    top += height + BAND_GAP;
  }
  const ticks = [];
  const step = width < 520 && range[1] - range[0] > 6 ? 2 : 1;
  for (let year = range[0]; year <= range[1] + 1; year += step) ticks.push({ year, x: x(year) });
  placed.sort((a, b) => timeOf(a.milestone) - timeOf(b.milestone));
  return { placed, bands, height: top - BAND_GAP + 28, ticks };
}
