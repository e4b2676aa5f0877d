/**
 * The "why latent" race runs the very samplers the rest of the site uses: its last frames are
 * exactly sampleLdm's (no prompt) and sampleDdpm's pictures for the same seed and steps, every
 * model call is timed once, the latent's shape comes from the weights, and no tensor is left.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { loadModel } from '../../../../../scripts/lib/evaluation.ts';
import { FrameQueue } from '../../../../../src/figures/diffusion/why-latent/frameQueue.ts';
import { latentShapeOf } from '../../../../../src/figures/diffusion/why-latent/latentShape.ts';
import type { CallTimes } from '../../../../../src/figures/diffusion/why-latent/stepTimings.ts';
import {
  WhyLatentSession,
  type Frame,
  type Lane,
} from '../../../../../src/figures/diffusion/why-latent/whyLatentSession.ts';
import type { Params } from '../../../../../src/models/nn.ts';
import {
  ddpmDenoiser,
  ldmDecode,
  ldmDenoiser,
  ldmSettings,
  sampleDdpm,
  sampleLdm,
} from '../../../../../src/models/sampling.ts';
import { useWasmForTraining } from '../../../../../src/models/training/backend.ts';

const STEPS = 6;
const SEED = 3;
let session: WhyLatentSession;
let ae: Params;
let den: Params;
let unet: Params;
let settings: ReturnType<typeof ldmSettings>;

beforeAll(async () => {
  await useWasmForTraining();
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) =>
    setTimeout(() => f(performance.now()), 0),
  );
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
  ae = (await loadModel('ldm-ae')).groups['ae'] as Params;
  const ldm = await loadModel('ldm');
  den = ldm.groups['denoiser'] as Params;
  settings = ldmSettings(ldm.modelJson);
  unet = (await loadModel('ddpm')).groups['unet'] as Params;
  // The calls the diffusion worker answers (diffusionModels.ts), made here in-process.
  const runtime = { subscribe: () => () => {} };
  const models = {
    latentNoise: ldmDenoiser(den, {
      n: 1,
      prompt: {},
      guidance: 1,
      prediction: settings.prediction,
    }),
    decode: (z0: Float32Array) => ldmDecode(ae, z0, settings.latentScale),
    pixelNoise: ddpmDenoiser(unet),
  };
  session = new WhyLatentSession(runtime, models, latentShapeOf(ae, den));
}, 60_000);

describe('WhyLatentSession', () => {
  test('reads the latent shape from the weights: 8 × 8 × 8 for the shipped ldm', () => {
    expect(session.latent).toEqual({ height: 8, width: 8, channels: 8, size: 512 });
  });

  test('ends on the same pictures as sampleLdm and sampleDdpm, timing every call once', async () => {
    const frames: Frame[] = [];
    const times: Record<Lane, CallTimes> = {
      latent: { stepMs: [], decodeMs: [] },
      pixel: { stepMs: [], decodeMs: [] },
    };
    const before = tf.memory().numTensors;
    await session.race({
      steps: STEPS,
      seed: SEED,
      queue: new FrameQueue(),
      times,
      onFrame: (f) => frames.push(f),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(times.latent.stepMs).toHaveLength(STEPS);
    expect(times.latent.decodeMs).toHaveLength(STEPS);
    expect(times.pixel.stepMs).toHaveLength(STEPS);
    expect(times.pixel.decodeMs).toEqual([]);
    const last = (lane: Lane) => frames.filter((f) => f.lane === lane).at(-1)!;
    expect([last('latent').step, last('latent').t, last('pixel').step]).toEqual([STEPS, 0, STEPS]);

    const latent = await sampleLdm(ae, den, {
      n: 1,
      seed: SEED,
      steps: STEPS,
      prompt: {},
      guidance: 1,
      ...settings,
    });
    const pixel = await sampleDdpm(unet, { n: 1, seed: SEED, steps: STEPS });
    expect(Array.from(last('latent').image)).toEqual(Array.from(latent));
    expect(Array.from(last('pixel').image)).toEqual(Array.from(pixel));
  }, 60_000);

  test('a cancelled queue stops both lanes with a Cancelled error', async () => {
    const queue = new FrameQueue();
    const times: Record<Lane, CallTimes> = {
      latent: { stepMs: [], decodeMs: [] },
      pixel: { stepMs: [], decodeMs: [] },
    };
    const race = session.race({ steps: 50, seed: 1, queue, times, onFrame: () => queue.cancel() });
    await expect(race).rejects.toThrow('Cancelled');
    expect(times.pixel.stepMs.length).toBeLessThan(50);
  });
});
