/**
 * The "why latent" race in the page: the same reverse process (DDIM, η = 0, same seed and
 * steps) run by the latent model (ldm denoiser in the ldm-ae latent, decoded at every step so
 * the reader sees the face form) and by the pixel-space ddpm, one model call per animation
 * frame through a shared FrameQueue, each call timed on its own. The race is driven here, on
 * the page; each model call is answered by the chapter's worker (diffusionServe.ts), so the
 * page itself never runs TensorFlow.js. Both lanes' calls make the same round trip, so the
 * timings still compare like with like.
 */
import { IMAGE_LENGTH } from '../../../data/headshots.ts';
import { mulberry32 } from '../../../data/random.ts';
import { sample } from '../../../models/diffusion/sampler.ts';
import { PIXEL_CLIP, toImages, trainedSchedule } from '../../../models/diffusion/trained.ts';
import type { RuntimeOwner } from '../../shell/liveSession.svelte.ts';
import type { FrameQueue } from './frameQueue.ts';
import type { LatentShape } from './latentShape.ts';
import { timed, type CallTimes } from './stepTimings.ts';

export type Lane = 'latent' | 'pixel';

export interface Frame {
  lane: Lane;
  /** Steps done so far, 1…steps. */
  step: number;
  /** The diffusion step the sample now sits at (0 at the end). */
  t: number;
  /** What the network works on after this step: zₜ (latent) or xₜ (pixels, in [0, 1]). */
  state: Float32Array;
  /** The current guess of the finished picture, x̂₀ (decoded from ẑ₀ in the latent lane). */
  image: Float32Array;
}

/** The three model calls the race makes, one latent or image at a time. */
export interface RaceModels {
  /** The latent model's ε̃(zₜ, t) with no prompt (both halves of its guidance batch). */
  latentNoise(z: Float32Array, t: number): Promise<Float32Array>;
  /** A latent ẑ₀ decoded to a face in [0, 1]. */
  decode(z0: Float32Array): Promise<Float32Array>;
  /** The ddpm's ε̂(xₜ, t) for one image in [−1, 1]. */
  pixelNoise(x: Float32Array, t: number): Promise<Float32Array>;
}

export class WhyLatentSession {
  constructor(
    readonly runtime: RuntimeOwner['runtime'],
    readonly models: RaceModels,
    readonly latent: LatentShape,
  ) {}

  /**
   * Runs both samplers to the end, every model call through `queue` (cancel the queue to stop
   * both). `onFrame` sees each step of each lane; the time of every call goes into `times` as
   * it is measured, so the figure can show them while the race runs.
   */
  async race(o: {
    steps: number;
    seed: number;
    queue: FrameQueue;
    times: Record<Lane, CallTimes>;
    onFrame: (frame: Frame) => void;
  }): Promise<void> {
    const { queue: q, times } = o;
    const m = this.models;
    const ddim = { schedule: trainedSchedule, steps: o.steps, method: 'ddim', eta: 0 } as const;
    const done = { latent: 0, pixel: 0 };
    const latent = sample({
      ...ddim,
      n: this.latent.size,
      rng: mulberry32(o.seed),
      denoise: (z, t) => q.run(() => timed(times.latent.stepMs, () => m.latentNoise(z, t))),
      onStep: async (z, t, z0) => {
        // The decode takes the very next frame, so the two lanes advance one step per round
        // (latent step, its decode, pixel step) and the reader sees them side by side.
        const image = await q.run(() => timed(times.latent.decodeMs, () => m.decode(z0)), true);
        o.onFrame({ lane: 'latent', step: ++done.latent, t, state: z, image });
      },
    });
    const pixel = sample({
      ...ddim,
      n: IMAGE_LENGTH,
      rng: mulberry32(o.seed),
      clip: PIXEL_CLIP,
      denoise: (x, t) => q.run(() => timed(times.pixel.stepMs, () => m.pixelNoise(x, t))),
      onStep: (x, t, x0) =>
        o.onFrame({
          lane: 'pixel',
          step: ++done.pixel,
          t,
          state: toImages(x),
          image: toImages(x0),
        }),
    });
    try {
      await Promise.all([latent, pixel]);
    } catch (e) {
      q.cancel(); // one lane failed: stop the other too
      throw e;
    }
  }
}
