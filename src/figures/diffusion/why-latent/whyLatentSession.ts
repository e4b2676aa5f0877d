/**
 * The "why latent" race in the page: the same reverse process (DDIM, η = 0, same seed and
 * steps) run by the latent model (ldm denoiser in the ldm-ae latent, decoded at every step so
 * the reader sees the face form) and by the pixel-space ddpm, one model call per animation
 * frame through a shared FrameQueue, each call timed on its own. Imported with a dynamic
 * `import()` (it pulls in TensorFlow.js). The latent's shape is read from the shipped weights
 * and the sampling settings from ldm's model.json, so a retrained ldm with the same interface
 * just works. Weights are shared with the other figures (loadModel and openDdpm cache them).
 */
import { IMAGE_LENGTH } from '../../../data/headshots.ts';
import { mulberry32 } from '../../../data/random.ts';
import { sample } from '../../../models/diffusion/sampler.ts';
import type { Params } from '../../../models/nn.ts';
import { getRuntime, type Runtime } from '../../../models/runtime.ts';
import {
  PIXEL_CLIP,
  ldmDecode,
  ldmDenoiser,
  ldmSettings,
  toImages,
  trainedSchedule,
} from '../../../models/sampling.ts';
import { loadModel } from '../../../models/zoo.ts';
import { openDdpm, type DdpmSession } from '../ddpmSession.ts';
import type { FrameQueue } from './frameQueue.ts';
import type { LatentShape } from './latentMosaic.ts';
import { timed, type CallTimes } from './stepTimings.ts';
import { openOnce } from '../openOnce.ts';

export { BackendChanged } from '../../../models/runtime.ts';

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

/**
 * The latent's shape from the weights themselves: the denoiser's input width is the number of
 * values, the decoder's first convolution says how many channels, and the grid is square.
 */
export function latentShapeOf(ae: Params, denoiser: Params): LatentShape {
  const size = denoiser['in/kernel']?.shape[0];
  const channels = ae['dec1/kernel']?.shape[2];
  if (!size || !channels) throw new Error('The ldm or ldm-ae weights do not give a latent shape.');
  const side = Math.round(Math.sqrt(size / channels));
  if (side * side * channels !== size)
    throw new Error(`A latent of ${size} values is not a square grid of ${channels} channels.`);
  return { height: side, width: side, channels, size };
}

export class WhyLatentSession {
  constructor(
    readonly runtime: Runtime,
    readonly ddpm: DdpmSession,
    readonly ae: Params,
    readonly denoiser: Params,
    readonly settings: ReturnType<typeof ldmSettings>,
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
    if (this.runtime.status.error) throw new Error(this.runtime.status.error);
    const { queue: q, times } = o;
    const ddim = { schedule: trainedSchedule, steps: o.steps, method: 'ddim', eta: 0 } as const;
    // No prompt: like the ddpm, the latent model draws any face (both halves of its guidance
    // batch are then unconditional, but it still pays for both, as a prompted sample would).
    const latentEps = ldmDenoiser(this.denoiser, {
      n: 1,
      prompt: {},
      guidance: 1,
      prediction: this.settings.prediction,
    });
    const done = { latent: 0, pixel: 0 };
    const latent = sample({
      ...ddim,
      n: this.latent.size,
      rng: mulberry32(o.seed),
      denoise: (z, t) => q.run(() => timed(times.latent.stepMs, () => latentEps(z, t))),
      onStep: async (z, t, z0) => {
        // The decode takes the very next frame, so the two lanes advance one step per round
        // (latent step, its decode, pixel step) and the reader sees them side by side.
        const image = await q.run(
          () =>
            timed(times.latent.decodeMs, () => ldmDecode(this.ae, z0, this.settings.latentScale)),
          true,
        );
        o.onFrame({ lane: 'latent', step: ++done.latent, t, state: z, image });
      },
    });
    const pixel = sample({
      ...ddim,
      n: IMAGE_LENGTH,
      rng: mulberry32(o.seed),
      clip: PIXEL_CLIP,
      denoise: (x, t) => q.run(() => timed(times.pixel.stepMs, () => this.ddpm.predictNoise(x, t))),
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

/** The page's session: the runtime, the ddpm (shared with its own figure), ldm and ldm-ae. */
export const openWhyLatent: (base: string) => Promise<WhyLatentSession> = openOnce(async (base) => {
  // The backend must be up before any weights become tensors.
  const runtime = await getRuntime();
  const [ddpm, ae, ldm] = await Promise.all([
    openDdpm(base),
    loadModel('ldm-ae', base),
    loadModel('ldm', base),
  ]);
  const decoder = ae.groups['ae'];
  const denoiser = ldm.groups['denoiser'];
  if (!decoder || !denoiser) throw new Error('The ldm or ldm-ae model file lacks its weights.');
  return new WhyLatentSession(
    runtime,
    ddpm,
    decoder,
    denoiser,
    ldmSettings(ldm.meta),
    latentShapeOf(decoder, denoiser),
  );
});
