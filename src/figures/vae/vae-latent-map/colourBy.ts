/**
 * Colouring faces by one of their factors, for scatter plots of the latent plane: each
 * factor maps a face to one of at most five groups, each group to a named colour (a CSS
 * token `--cb-<name>` or `--seq-<k>` in global.css) and a legend label. Where a value is
 * itself a colour (blue eyes, a sage backdrop) it gets the nearest colour-blind-safe hue, so
 * the legend never contradicts the label. Continuous factors fall into five equal bins.
 */
import {
  BACKDROPS,
  EYE_COLOURS,
  HAIR_COLOURS,
  HAIR_STYLES,
  type HeadshotFactors,
} from '../../../data/headshots.ts';
import { FACTOR_NAMES } from '../../../data/headshotLabels.ts';

export const COLOUR_BY = [
  'eyeColour',
  'hairStyle',
  'hairColour',
  'backdrop',
  'glasses',
  'faceShape',
  'skinTone',
  'brows',
  'smile',
] as const;
export type ColourBy = (typeof COLOUR_BY)[number];

export interface ColourGroup {
  label: string;
  /** The colour's token name: `cb-blue`, `seq-3`, … (CSS classes and variables use it). */
  colour: string;
}

export interface ColourKey {
  name: string;
  continuous: boolean;
  groups: ColourGroup[];
  groupOf: (f: HeadshotFactors) => number;
}

const categorical = <T extends string>(
  factor: ColourBy,
  values: readonly T[],
  colours: Record<T, string>,
  pick: (f: HeadshotFactors) => T,
): ColourKey => ({
  name: FACTOR_NAMES[factor],
  continuous: false,
  groups: values.map((v) => ({ label: v.replace('-', ' '), colour: `cb-${colours[v]}` })),
  groupOf: (f) => values.indexOf(pick(f)),
});

const BINS = 5;
const continuous = (
  factor: 'faceShape' | 'skinTone' | 'brows' | 'smile',
  low: string,
  high: string,
): ColourKey => ({
  name: FACTOR_NAMES[factor],
  continuous: true,
  groups: Array.from({ length: BINS }, (_, k) => ({
    label: k === 0 ? low : k === BINS - 1 ? high : '',
    colour: `seq-${k}`,
  })),
  groupOf: (f) => Math.min(BINS - 1, Math.floor(f[factor] * BINS)),
});

export function colourKey(by: ColourBy): ColourKey {
  switch (by) {
    case 'eyeColour':
      return categorical(
        by,
        EYE_COLOURS,
        {
          'dark-brown': 'black',
          'light-brown': 'orange',
          blue: 'blue',
          green: 'green',
          grey: 'grey',
        },
        (f) => f.eyeColour,
      );
    case 'hairStyle':
      return categorical(
        by,
        HAIR_STYLES,
        { short: 'blue', long: 'orange', curly: 'green', bun: 'purple', bald: 'grey' },
        (f) => f.hairStyle,
      );
    case 'hairColour':
      return categorical(
        by,
        HAIR_COLOURS,
        { black: 'black', brown: 'vermillion', blonde: 'yellow', red: 'purple', grey: 'grey' },
        (f) => f.hairColour,
      );
    case 'backdrop':
      return categorical(
        by,
        BACKDROPS,
        { slate: 'blue', sage: 'green', sand: 'orange', rose: 'purple', sky: 'sky' },
        (f) => f.backdrop,
      );
    case 'glasses':
      return categorical(
        by,
        ['glasses', 'no glasses'] as const,
        { glasses: 'vermillion', 'no glasses': 'sky' },
        (f) => (f.glasses ? 'glasses' : 'no glasses'),
      );
    case 'faceShape':
      return continuous(by, 'round', 'egg-shaped');
    case 'skinTone':
      return continuous(by, 'light', 'deep');
    case 'brows':
      return continuous(by, 'thin', 'thick');
    case 'smile':
      return continuous(by, 'neutral', 'broad');
  }
}
