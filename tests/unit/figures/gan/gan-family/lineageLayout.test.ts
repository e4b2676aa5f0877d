import { describe, expect, test } from 'vitest';
import {
  layoutLineage,
  type LineageNode,
} from '../../../../../src/figures/gan/gan-family/lineageLayout.ts';
import { GAN_LINEAGE, ancestry } from '../../../../../src/figures/gan/gan-family/ganFamily.ts';
import { svgDocument } from '../../../svgSnapshot.ts';

/** The GAN family with the timeline's dates (year + mid-month). */
const TIMES: Record<string, number> = {
  gan: 2014.46,
  dcgan: 2015.88,
  progan: 2017.79,
  biggan: 2018.71,
  stylegan: 2018.96,
  stylegan2: 2019.96,
  stylegan3: 2021.46,
};
const family: LineageNode[] = GAN_LINEAGE.map((l) => ({
  id: l.id,
  parent: l.parent,
  time: TIMES[l.id]!,
}));

describe('layoutLineage', () => {
  const layout = layoutLineage(family, 56);

  test('gives each member its own row, oldest first', () => {
    expect(layout.nodes.map((n) => n.id)).toEqual([
      'gan',
      'dcgan',
      'progan',
      'biggan',
      'stylegan',
      'stylegan2',
      'stylegan3',
    ]);
    expect(layout.nodes.map((n) => n.y)).toEqual([28, 84, 140, 196, 252, 308, 364]);
  });

  test('keeps the largest branch in its parent’s lane and opens a new lane for the other', () => {
    expect(Object.fromEntries(layout.nodes.map((n) => [n.id, n.lane]))).toEqual({
      gan: 0,
      dcgan: 0,
      progan: 0,
      biggan: 1,
      stylegan: 0,
      stylegan2: 0,
      stylegan3: 0,
    });
    expect(layout.lanes).toBe(2);
    expect(layout.labelX).toBeGreaterThan(Math.max(...layout.nodes.map((n) => n.x)));
  });

  test('draws one edge per child, straight within a lane and bending into a new one', () => {
    expect(layout.edges).toHaveLength(6);
    expect(layout.edges.find((e) => e.to === 'dcgan')!.d).toBe('M16,28L16,84');
    const branch = layout.edges.find((e) => e.to === 'biggan')!;
    expect(branch.from).toBe('dcgan');
    expect(branch.d).toMatch(/^M16,84C.*L42,196$/);
  });

  test('draws the GAN family the same way every time (SVG snapshot)', async () => {
    const body = [
      ...layout.edges.map(
        (e) => `<path d="${e.d}" fill="none" stroke="#b93d0c" stroke-width="3"/>`,
      ),
      ...layout.nodes.map(
        (n) =>
          `<circle cx="${n.x}" cy="${n.y}" r="6" fill="#fff" stroke="#b93d0c" stroke-width="2.5"/><text x="${layout.labelX}" y="${n.y + 4}">${n.id}</text>`,
      ),
    ];
    await expect(svgDocument(220, layout.height, body)).toMatchFileSnapshot(
      '__snapshots__/ganFamily.svg',
    );
  });

  test('names a parent that is missing from the tree', () => {
    expect(() => layoutLineage([{ id: 'child', parent: 'ghost', time: 1 }])).toThrow(
      /child's parent ghost/,
    );
  });
});

describe('ancestry', () => {
  test('walks from a model back to the first GAN, root first', () => {
    expect(ancestry(GAN_LINEAGE, 'stylegan3')).toEqual([
      'gan',
      'dcgan',
      'progan',
      'stylegan',
      'stylegan2',
      'stylegan3',
    ]);
    expect(ancestry(GAN_LINEAGE, 'biggan')).toEqual(['gan', 'dcgan', 'biggan']);
    expect(ancestry(GAN_LINEAGE, 'unknown')).toEqual([]);
  });
});
