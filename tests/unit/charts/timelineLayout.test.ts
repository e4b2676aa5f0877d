import { describe, expect, test } from 'vitest';
import { labelWidth, layoutTimeline, type Milestone } from '../../../src/charts/timelineLayout.ts';

const m = (id: string, year: number, month: number, family: Milestone['family']): Milestone => ({
  id,
  year,
  month,
  name: id.toUpperCase(),
  family,
  authors: 'A. Author',
  title: 'A title',
  link: 'https://arxiv.org/abs/0000.00000',
  contribution: 'It did a thing worth a sentence.',
});

const milestones = [
  m('vae', 2013, 12, 'vae'),
  m('gan', 2014, 6, 'gan'),
  m('cgan', 2014, 11, 'gan'),
  m('dcgan', 2015, 11, 'gan'),
  m('ddpm', 2020, 6, 'diffusion'),
];

describe('layoutTimeline', () => {
  test('orders milestones in time and places later ones further right', () => {
    const { placed } = layoutTimeline(milestones, 800, [2013, 2024]);
    expect(placed.map((p) => p.milestone.id)).toEqual(['vae', 'gan', 'cgan', 'dcgan', 'ddpm']);
    const xs = placed.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  test('makes one band per family present, in the site’s family order', () => {
    const { bands } = layoutTimeline(milestones, 800, [2013, 2024]);
    expect(bands.map((b) => b.family)).toEqual(['vae', 'gan', 'diffusion']);
  });

  test('stacks milestones whose labels would collide into separate rows', () => {
    const { placed } = layoutTimeline(milestones, 360, [2013, 2024]);
    const gans = placed.filter((p) => p.milestone.family === 'gan');
    // At 360 px, five months apart is ~12 px: GAN and CGAN cannot share a row.
    expect(gans[0]!.y).not.toBe(gans[1]!.y);
    for (const a of placed) {
      for (const b of placed) {
        if (a === b || a.y !== b.y || a.milestone.year > b.milestone.year) continue;
        if (a.x < b.x) expect(a.x + labelWidth(a.milestone.name)).toBeLessThanOrEqual(b.x);
      }
    }
  });

  test('hides milestones outside the chosen years and keeps the axis inside the width', () => {
    const layout = layoutTimeline(milestones, 600, [2014, 2015]);
    expect(layout.placed.filter((p) => p.visible).map((p) => p.milestone.id)).toEqual([
      'gan',
      'cgan',
      'dcgan',
    ]);
    expect(layout.ticks.map((t) => t.year)).toEqual([2014, 2015, 2016]);
    for (const tick of layout.ticks) {
      expect(tick.x).toBeGreaterThanOrEqual(0);
      expect(tick.x).toBeLessThanOrEqual(600);
    }
  });

  test('flips a label to the left where it would run off the right edge', () => {
    const { placed } = layoutTimeline(
      [m('a-very-long-name', 2024, 11, 'diffusion')],
      400,
      [2013, 2024],
    );
    expect(placed[0]!.labelLeft).toBe(true);
  });
});
