/**
 * The forger figure's detective game: a real and a fake face in random order, the reader
 * names the fake, and only then sees how the discriminator scored the two. Rounds follow
 * from a seed of their own, so re-rolling the grid keeps the score.
 */
import type { GanApi } from '../ganSession.ts';
import { detectiveRound, judge, tally, type Verdict } from '../ganForger.ts';
import { headshot } from '../../../data/headshots.ts';

const GAME_SEED = 20141;

export interface Pair {
  round: number;
  images: [Float32Array, Float32Array];
  scores: [number, number];
  fakeSide: 0 | 1;
  realSeed: number;
}

export class DetectiveGame {
  round = $state(0);
  pair = $state.raw<Pair | null>(null);
  picked = $state<0 | 1 | null>(null);
  verdicts = $state.raw<Verdict[]>([]);
  score = $derived(tally(this.verdicts));
  verdict = $derived(
    this.pair && this.picked !== null
      ? judge(this.picked, this.pair.fakeSide, this.pair.scores)
      : null,
  );
  #request = 0;

  /** Draws this round's fake and scores both faces. */
  async deal(gan: GanApi): Promise<void> {
    const mine = ++this.#request;
    const r = this.round;
    const deal = detectiveRound(GAME_SEED, r);
    const real = headshot(deal.realSeed).pixels;
    const fake = await gan.generateScored(deal.fakeLatent);
    const realScore = (await gan.score(real, 1))[0]!;
    if (mine !== this.#request) return;
    const fakeFirst = deal.fakeSide === 0;
    this.pair = {
      round: r,
      images: fakeFirst ? [fake.images, real] : [real, fake.images],
      scores: fakeFirst ? [fake.scores[0]!, realScore] : [realScore, fake.scores[0]!],
      fakeSide: deal.fakeSide,
      realSeed: deal.realSeed,
    };
  }

  /** The reader names a side as the fake; false if there is nothing to pick now. */
  pick(side: 0 | 1): boolean {
    if (!this.pair || this.picked !== null) return false;
    this.picked = side;
    this.verdicts = [...this.verdicts, judge(side, this.pair.fakeSide, this.pair.scores)];
    return true;
  }

  next(): void {
    this.picked = null;
    this.pair = null;
    this.round += 1;
  }

  reset(): void {
    this.verdicts = [];
    this.picked = null;
    this.pair = null;
    this.round = 0;
  }
}
