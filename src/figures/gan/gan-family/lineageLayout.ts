/**
 * Layout of a family tree drawn like a version-control graph: one row per member in time
 * order (so reading down is reading forward in time), each line of descent in its own
 * lane, and labels in one column to the right of all lanes, so the tree reads the same at
 * 360 px and on a projector. A child continues its parent's lane if it heads the parent's
 * largest branch; any other child opens the next free lane.
 */
import { linkVertical } from 'd3-shape';

export interface LineageNode {
  id: string;
  parent: string | null;
  /** Position in time (e.g. a fractional year); orders the rows. */
  time: number;
}

export interface PlacedNode {
  id: string;
  row: number;
  lane: number;
  x: number;
  y: number;
}

export interface LineageLayout {
  nodes: PlacedNode[];
  /** One per child, from its parent's dot to its own. */
  edges: { from: string; to: string; d: string }[];
  /** Where every label starts: right of the last lane. Row `i` spans [i, i + 1) × rowHeight. */
  labelX: number;
  lanes: number;
  rowHeight: number;
  height: number;
}

const LANE = 26;
const LEFT = 16;

export function layoutLineage(members: readonly LineageNode[], rowHeight = 56): LineageLayout {
  const sorted = [...members].sort((a, b) => a.time - b.time);
  const ids = new Set(sorted.map((m) => m.id));
  for (const m of sorted) {
    if (m.parent !== null && !ids.has(m.parent)) {
      throw new Error(`layoutLineage: ${m.id}'s parent ${m.parent} is not in the tree`);
    }
  }
  const children = (id: string) => sorted.filter((m) => m.parent === id);
  const size = (id: string): number => 1 + children(id).reduce((n, c) => n + size(c.id), 0);

  const lane = new Map<string, number>();
  let lanes = 0;
  const assign = (m: LineageNode, own: number) => {
    lane.set(m.id, own);
    // The largest branch carries on in this lane (the earlier one on a tie).
    const kids = children(m.id).sort((a, b) => size(b.id) - size(a.id) || a.time - b.time);
    kids.forEach((kid, i) => assign(kid, i === 0 ? own : lanes++));
  };
  for (const root of sorted.filter((m) => m.parent === null)) assign(root, lanes++);

  const nodes = sorted.map((m, row) => ({
    id: m.id,
    row,
    lane: lane.get(m.id)!,
    x: LEFT + lane.get(m.id)! * LANE,
    y: (row + 0.5) * rowHeight,
  }));
  const at = new Map(nodes.map((n) => [n.id, n]));
  const bend = linkVertical();
  const edges = sorted
    .filter((m) => m.parent !== null)
    .map((m) => {
      const from = at.get(m.parent!)!;
      const to = at.get(m.id)!;
      // A branch bends into its lane within the first row, then runs straight down.
      const turn = Math.min(to.y, from.y + rowHeight);
      const d =
        from.x === to.x
          ? `M${from.x},${from.y}L${to.x},${to.y}`
          : `${bend({ source: [from.x, from.y], target: [to.x, turn] })}L${to.x},${to.y}`;
      return { from: from.id, to: to.id, d };
    });
  return {
    nodes,
    edges,
    labelX: LEFT + (lanes - 1) * LANE + 18,
    lanes,
    rowHeight,
    height: sorted.length * rowHeight,
  };
}
