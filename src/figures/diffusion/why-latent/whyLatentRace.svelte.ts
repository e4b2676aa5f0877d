/**
 * What the "why latent" figure shows of a race: each lane's step, the picture it denoises,
 * its guess of the finished face and a strip of guesses along the way, and the costs timed so
 * far. One race at a time: a new run or `stop` cancels the one in flight (its frames and its
 * error are then ignored).
 */
import { FrameQueue, isCancelled } from './frameQueue.ts';
import { cost, type CallTimes, type Cost } from './stepTimings.ts';
import type { Frame, Lane, WhyLatentSession } from './whyLatentSession.ts';

/** Where in the run the strip of pictures is taken, as fractions of the steps. */
const STRIP = [0.1, 0.25, 0.5, 0.75, 1];

/** The steps the strip shows for a run of `steps` steps. */
export const stripAt = (steps: number): number[] =>
  STRIP.map((f) => Math.max(1, Math.round(f * steps)));

export interface LaneView {
  step: number;
  t: number;
  state: Float32Array | null;
  image: Float32Array | null;
  strip: (Float32Array | null)[];
}
const empty = (): LaneView => ({
  step: 0,
  t: 1000,
  state: null,
  image: null,
  strip: STRIP.map(() => null),
});

export class Race {
  latent = $state.raw<LaneView>(empty());
  pixel = $state.raw<LaneView>(empty());
  progress = $state.raw<Record<Lane, Cost> | null>(null);
  /** The finished run the table describes, with the settings it ran with. */
  result = $state.raw<{ steps: number; seed: number; cost: Record<Lane, Cost> } | null>(null);
  running = $state(false);
  ranSteps = $state(50);
  #queue: FrameQueue | null = null;
  #runId = 0;

  stop(): void {
    this.#runId++;
    this.#queue?.cancel();
    this.#queue = null;
    this.running = false;
  }

  /** Runs both lanes to the end; a failure (not a cancel) goes to `report`. */
  async run(
    session: WhyLatentSession,
    steps: number,
    seed: number,
    report: (e: unknown) => void,
  ): Promise<void> {
    this.stop();
    const mine = this.#runId;
    const q = new FrameQueue();
    this.#queue = q;
    const times: Record<Lane, CallTimes> = {
      latent: { stepMs: [], decodeMs: [] },
      pixel: { stepMs: [], decodeMs: [] },
    };
    this.ranSteps = steps;
    this.latent = empty();
    this.pixel = empty();
    this.progress = null;
    this.result = null;
    this.running = true;
    const strip = stripAt(steps);
    const show = (f: Frame) => {
      if (mine !== this.#runId) return;
      const before = f.lane === 'latent' ? this.latent : this.pixel;
      const at = strip.indexOf(f.step);
      const view: LaneView = {
        step: f.step,
        t: f.t,
        state: f.state,
        image: f.image,
        strip: at < 0 ? before.strip : before.strip.map((img, i) => (i === at ? f.image : img)),
      };
      if (f.lane === 'latent') this.latent = view;
      else this.pixel = view;
      this.progress = { latent: cost(times.latent), pixel: cost(times.pixel) };
    };
    try {
      await session.race({ steps, seed, queue: q, times, onFrame: show });
      if (mine === this.#runId)
        this.result = {
          steps,
          seed,
          cost: { latent: cost(times.latent), pixel: cost(times.pixel) },
        };
    } catch (e) {
      if (mine === this.#runId && !isCancelled(e)) report(e);
    } finally {
      if (mine === this.#runId) {
        this.running = false;
        this.#queue = null;
      }
    }
  }
}
