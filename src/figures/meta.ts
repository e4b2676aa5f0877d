/** What a figure's folder declares about it (`figure.ts`) and what its `Figure.astro` receives. */
import type { Family } from '../data/families.ts';
import type { ModelId } from '../models/zoo.ts';
import type { FigureId } from './ids.ts';

export interface FigureMeta {
  /** The figure's id, as in ids.ts (a unit test checks the two agree). */
  id: FigureId;
  title: string;
  /** Default caption, used by the embed page and where an article gives none. */
  caption: string;
  /**
   * Control groups a teacher link can hide (`?<id>-hide=seed,steps`), each marked in the
   * figure with `data-control="<name>"`, with the label the embed index shows. Every name
   * needs its rule in the figure's Figure.astro (tests/unit/figures/registry.test.ts checks).
   */
  controls: Record<string, string>;
  /**
   * The trained models the figure downloads when it wakes (public/models/<id>/), so that
   * keeping its chapter for offline reading keeps them too (src/offline/precacheManifest.ts).
   * The offline end-to-end test checks each figure fetches no other.
   */
  models?: readonly ModelId[];
  /**
   * How `npm run previews` photographs the figure when its first state is not its best side:
   * a query to open it with, then buttons to press and what to wait for.
   */
  preview?: PreviewRecipe;
}

export interface PreviewRecipe {
  query?: string;
  /** In order: click a selector, wait for a selector, or wait a number of milliseconds. */
  steps?: ReadonlyArray<
    { click: string } | { waitFor: string } | { waitText: [string, string] } | { wait: number }
  >;
}

/** The props every figure's Figure.astro gets from src/figures/Figure.astro. */
export interface FigureProps {
  caption: string;
  title: string;
  level: 2 | 3;
  /** The client:visible options every island uses. */
  visible: { rootMargin: string };
  /** Timeline only: the family to highlight. */
  family?: Family;
}

/** Controls of FigureShell itself, hideable in every figure. */
export const SHELL_CONTROLS: Record<string, string> = {
  toolbar: 'Reset, link and Present buttons',
};
