/**
 * What the forger figure draws from the live GAN, apart from the game: the grid of 64 scored
 * faces for a seed, the walk between two of them (a strip of nine and the face at the
 * slider's point), and the discriminator's verdicts on a page of real held-out faces. Each
 * result carries what it was drawn for, so a stale answer is never shown for new settings.
 */
import type { GanApi } from '../ganSession.ts';
import { gridLatents, latentAt, slerp, walk } from '../ganForger.ts';
import { TEST_SEEDS, headshotBatch } from '../../../data/headshots.ts';
import { LatestOnly } from '../../shell/latestOnly.ts';

/** Faces along the walk's strip, and real faces per page. */
export const STEPS = 9;
export const REAL = 8;
export const REAL_PAGES = Math.floor(TEST_SEEDS.count / 2 / REAL);

/** The figure's state that the faces follow (the grid's seed, the walk's ends and point, the page). */
export interface ForgerValues {
  seed: number;
  a: number;
  b: number;
  t: number;
  real: number;
}

export class ForgerFaces {
  grid = $state.raw<{ seed: number; images: Float32Array; scores: Float32Array } | null>(null);
  strip = $state.raw<{ key: string; images: Float32Array; scores: Float32Array } | null>(null);
  current = $state.raw<{ image: Float32Array; score: number } | null>(null);
  realScores = $state.raw<{ page: number; scores: Float32Array } | null>(null);

  readonly #values: () => ForgerValues;
  readonly #gan: () => GanApi | null;
  #gridRequest = 0;

  latents = $derived.by(() => gridLatents(this.#values().seed));
  pairKey = $derived.by(() => {
    const { seed, a, b } = this.#values();
    return `${seed}:${a}:${b}`;
  });
  t = $derived.by(() => this.#values().t / 100);
  realFirst = $derived.by(() => TEST_SEEDS.first + this.#values().real * REAL);
  realFaces = $derived.by(() => headshotBatch(this.realFirst, REAL));

  /** The face at the slider's point, redrawn at most once per frame. */
  readonly walker: LatestOnly<number>;

  constructor(values: () => ForgerValues, gan: () => GanApi | null, report: (e: unknown) => void) {
    this.#values = values;
    this.#gan = gan;
    this.walker = new LatestOnly<number>((at) => this.drawAt(at), report);
  }

  async drawGrid(gan: GanApi): Promise<void> {
    const mine = ++this.#gridRequest;
    const seed = this.#values().seed;
    performance.mark('gan-forger:grid-start');
    const out = await gan.generateScored(gridLatents(seed));
    if (mine !== this.#gridRequest) return;
    this.grid = { seed, ...out };
    // Timed to the frame that shows the grid (read by `npm run bench`).
    requestAnimationFrame(() => performance.measure('gan-forger:grid', 'gan-forger:grid-start'));
  }

  async drawStrip(gan: GanApi): Promise<void> {
    const key = this.pairKey;
    const { a, b } = this.#values();
    const z = this.latents;
    const out = await gan.generateScored(walk(latentAt(z, a), latentAt(z, b), STEPS));
    if (key === this.pairKey) this.strip = { key, ...out };
  }

  async drawAt(at: number): Promise<void> {
    const gan = this.#gan();
    if (!gan) return;
    const { a, b } = this.#values();
    const z = this.latents;
    const out = await gan.generateScored(slerp(latentAt(z, a), latentAt(z, b), at));
    this.current = { image: out.images, score: out.scores[0]! };
  }

  async scoreReal(gan: GanApi): Promise<void> {
    const page = this.#values().real;
    performance.mark('gan-forger:score-start');
    const scores = await gan.score(this.realFaces.pixels, REAL);
    performance.measure('gan-forger:score', 'gan-forger:score-start');
    if (page === this.#values().real) this.realScores = { page, scores };
  }

  /** The grid's verdict on face `i`, or null while the grid for this seed is not drawn. */
  gridScore(i: number): number | null {
    const grid = this.grid;
    return grid && grid.seed === this.#values().seed ? grid.scores[i]! : null;
  }
}
