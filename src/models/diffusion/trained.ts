/**
 * The diffusion setting every image model of the site was trained with, and the pixel scale
 * of the ddpm: plain numbers, no TensorFlow.js, so code on the page (which leaves the models
 * to a worker) can drive a sampler and show its images.
 */
import { makeSchedule } from './schedule.ts';

export const DIFFUSION_T = 1000;
/** That schedule, for code that drives the sampler itself (e.g. one step per frame). */
export const trainedSchedule = makeSchedule({ kind: 'linear', T: DIFFUSION_T });

/** Pixel-space diffusion works on images scaled to [-1, 1]; x̂₀ is clipped to that range. */
export const PIXEL_CLIP = [-1, 1] as const;

/** Images in [-1, 1] (the ddpm's scale) as images in [0, 1]. */
export const toImages = (x: Float32Array) => x.map((v) => Math.min(1, Math.max(0, (v + 1) / 2)));
