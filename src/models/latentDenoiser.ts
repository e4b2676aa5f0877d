/**
 * The latent-diffusion denoiser (Rombach et al. 2022) on the 8×8×8 latents of
 * `latentAe.ts`, conditioned on a "prompt" c of headshot factors. What it outputs (ε, z₀ or
 * the velocity v) is the shipped model's `prediction`; samplers turn it into ε. During
 * training each factor of c is dropped independently (and sometimes all of them), so the
 * same network also gives the unconditional prediction that classifier-free guidance needs
 * (Ho & Salimans 2022).
 *
 * zₜ: [B, LATENT_SIZE] (the latent flattened, scaled to unit variance), t: B steps in 1…T,
 * c: [B, 24].
 *   h = dense 256 (zₜ)
 *   3 × residual block: h += dense 256 (SiLU(h + dense(emb)))      emb = MLP(sin(t) ‖ c), 64
 * (Sized so every shipped model stays under 1.2 MB.)
 *   out = dense LATENT_SIZE (SiLU(h))
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  BACKDROPS,
  EYE_COLOURS,
  HAIR_COLOURS,
  HAIR_STYLES,
  type HeadshotFactors,
} from '../data/headshots.ts';
import { LATENT_SIZE } from './latentAe.ts';
import { Initializer, dense, silu, timeEmbedding, type Params } from './nn.ts';

/** A prompt: any subset of the factors; a missing factor means "any". */
export interface Prompt {
  eyeColour?: (typeof EYE_COLOURS)[number];
  hairStyle?: (typeof HAIR_STYLES)[number];
  hairColour?: (typeof HAIR_COLOURS)[number];
  backdrop?: (typeof BACKDROPS)[number];
  glasses?: boolean;
  /** 0 (lightest) … 1 (deepest). */
  skinTone?: number;
}
const CHOICES = {
  eyeColour: EYE_COLOURS,
  hairStyle: HAIR_STYLES,
  hairColour: HAIR_COLOURS,
  backdrop: BACKDROPS,
};
export const CONDITION_SIZE = 5 + 5 + 5 + 5 + 2 + 2;
const TIME_DIM = 32;
const EMB = 64;
const WIDTH = 256;
const BLOCKS = 3;

/**
 * The condition vector [24]: one-hot per categorical factor (all zeros = unspecified),
 * glasses as [no, yes] one-hot, skin tone as [value, 1] (or [0, 0] when unspecified).
 */
export function encodePrompt(prompt: Prompt, out = new Float32Array(CONDITION_SIZE), at = 0) {
  let o = at;
  for (const f of ['eyeColour', 'hairStyle', 'hairColour', 'backdrop'] as const) {
    const choices = CHOICES[f] as readonly string[];
    const v = prompt[f];
    if (v !== undefined) out[o + choices.indexOf(v)] = 1;
    o += choices.length;
  }
  if (prompt.glasses !== undefined) out[o + (prompt.glasses ? 1 : 0)] = 1;
  o += 2;
  if (prompt.skinTone !== undefined) {
    out[o] = prompt.skinTone;
    out[o + 1] = 1;
  }
  return out;
}

/** The full prompt of a training face, with each factor kept with probability `keep`. */
export function promptOf(f: HeadshotFactors, keep: (factor: string) => boolean): Prompt {
  const p: Prompt = {};
  if (keep('eyeColour')) p.eyeColour = f.eyeColour;
  if (keep('hairStyle')) p.hairStyle = f.hairStyle;
  if (keep('hairColour')) p.hairColour = f.hairColour;
  if (keep('backdrop')) p.backdrop = f.backdrop;
  if (keep('glasses')) p.glasses = f.glasses;
  if (keep('skinTone')) p.skinTone = f.skinTone;
  return p;
}

export function initLatentDenoiser(seed: number): Params {
  const init = new Initializer(seed)
    .dense('temb1', TIME_DIM + CONDITION_SIZE, EMB)
    .dense('temb2', EMB, EMB)
    .dense('in', LATENT_SIZE, WIDTH);
  for (let i = 0; i < BLOCKS; i++)
    init.dense(`block${i}/emb`, EMB, WIDTH).dense(`block${i}/fc`, WIDTH, WIDTH, 0.5);
  return init.dense('out', WIDTH, LATENT_SIZE, 0.1).params;
}

/** ε̂ [B, 256] for noisy latents zₜ [B, 256], steps ts and conditions c [B, 24]. */
export function latentDenoise(
  p: Params,
  zt: tf.Tensor2D,
  ts: ArrayLike<number>,
  condition: tf.Tensor2D,
): tf.Tensor2D {
  const sinusoid = tf.tensor2d(timeEmbedding(ts, TIME_DIM), [ts.length, TIME_DIM]);
  const emb = silu(dense(p, 'temb2', silu(dense(p, 'temb1', tf.concat([sinusoid, condition], 1)))));
  let h = dense(p, 'in', zt);
  for (let i = 0; i < BLOCKS; i++) {
    h = tf.add(h, dense(p, `block${i}/fc`, silu(tf.add(h, dense(p, `block${i}/emb`, emb)))));
  }
  return dense(p, 'out', silu(h));
}
