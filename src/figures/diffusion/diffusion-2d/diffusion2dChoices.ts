/** The settings the 2-D diffusion figure offers: shapes, step counts and directions. */
import { TOY_DISTRIBUTIONS, type ToyDistribution } from '../../../data/toy2d.ts';

export const DISTRIBUTIONS = Object.keys(TOY_DISTRIBUTIONS) as ToyDistribution[];
export const STEP_CHOICES = ['10', '20', '50', '100', '200'] as const;
export type Steps = (typeof STEP_CHOICES)[number];
export const DIRECTIONS = ['reverse', 'forward'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = {
  reverse: 'Reverse: the model turns noise into the shape',
  forward: 'Forward: real points turned into noise',
};

export const shapeLabel = (s: ToyDistribution): string => TOY_DISTRIBUTIONS[s].label;
export const pct = (x: number): string => `${Math.round(x * 100)}%`;
