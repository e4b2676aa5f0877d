/**
 * The chapter-3 pixel-space noise predictor ε_θ(xₜ, t) of DDPM (Ho et al. 2020): a small
 * U-Net with residual blocks and a sinusoidal embedding of the step t added in every block.
 * No attention and no normalisation layers at this size (the last conv of each block starts
 * at zero, so every block starts as the identity and training stays stable).
 *
 * x: [B, 32, 32, 3] scaled to [−1, 1], t: B integer steps in 1…T.
 *   in conv 3×3 → 16 @32²
 *   down: res 16 @32² (skip a) → conv s2 → 32 @16², res 32 (skip b) → conv s2 → 64 @8²
 *   mid:  res 64 @8²
 *   up:   up-conv → 32 @16², concat b, res 32 → up-conv → 16 @32², concat a, res 16
 *   out conv 3×3 → ε̂ [B, 32, 32, 3]
 * Residual block: h = conv(SiLU(x)) + dense(temb); h = conv(SiLU(h)); out = x (or 1×1 conv x) + h.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Initializer, conv, dense, silu, timeEmbedding, upConv, type Params } from './nn.ts';

export const TIME_DIM = 32;
const EMB = 64;
export const UNET_CHANNELS = [16, 32, 64] as const;

function resBlockInit(init: Initializer, name: string, cin: number, cout: number) {
  init.conv(`${name}/c1`, 3, cin, cout).dense(`${name}/t`, EMB, cout);
  init.conv(`${name}/c2`, 3, cout, cout, 0);
  if (cin !== cout) init.conv(`${name}/skip`, 1, cin, cout);
}

export function initUnet(seed: number, channels: readonly number[] = UNET_CHANNELS): Params {
  const [c1, c2, c3] = channels as [number, number, number];
  const init = new Initializer(seed).dense('temb1', TIME_DIM, EMB).dense('temb2', EMB, EMB);
  init.conv('in', 3, 3, c1);
  resBlockInit(init, 'down1', c1, c1);
  init.conv('pool1', 3, c1, c2);
  resBlockInit(init, 'down2', c2, c2);
  init.conv('pool2', 3, c2, c3);
  resBlockInit(init, 'mid', c3, c3);
  init.convT('up2', 3, c3, c2);
  resBlockInit(init, 'up2res', 2 * c2, c2);
  init.convT('up1', 3, c2, c1);
  resBlockInit(init, 'up1res', 2 * c1, c1);
  init.conv('out', 3, c1, 3, 0.1);
  return init.params;
}

function resBlock(p: Params, name: string, x: tf.Tensor4D, emb: tf.Tensor2D): tf.Tensor4D {
  let h = conv(p, `${name}/c1`, silu(x));
  const t = dense(p, `${name}/t`, emb);
  h = tf.add(h, tf.reshape(t, [t.shape[0], 1, 1, t.shape[1]]));
  h = conv(p, `${name}/c2`, silu(h));
  const skip = p[`${name}/skip/kernel`] ? conv(p, `${name}/skip`, x) : x;
  return tf.add(skip, h);
}

/** The step embedding [B, 64] of integer steps ts. */
export function stepEmbedding(p: Params, ts: ArrayLike<number>): tf.Tensor2D {
  const sinusoid = tf.tensor2d(timeEmbedding(ts, TIME_DIM), [ts.length, TIME_DIM]);
  return dense(p, 'temb2', silu(dense(p, 'temb1', sinusoid)));
}

/** ε̂ = ε_θ(xₜ, t): [B, 32, 32, 3]. */
export function unet(p: Params, x: tf.Tensor4D, ts: ArrayLike<number>): tf.Tensor4D {
  const emb = silu(stepEmbedding(p, ts));
  const h0 = conv(p, 'in', x);
  const a = resBlock(p, 'down1', h0, emb);
  const b = resBlock(p, 'down2', conv(p, 'pool1', a, 2), emb);
  let h = resBlock(p, 'mid', conv(p, 'pool2', b, 2), emb);
  h = resBlock(p, 'up2res', tf.concat([upConv(p, 'up2', h), b], 3), emb);
  h = resBlock(p, 'up1res', tf.concat([upConv(p, 'up1', h), a], 3), emb);
  return conv(p, 'out', silu(h));
}
