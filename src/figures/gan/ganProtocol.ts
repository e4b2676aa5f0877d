/**
 * The calls the GAN chapter's figures make of the GAN worker (ganServe.ts, answered on the
 * shared session protocol, ../shell/sessionProtocol.ts), one per GanApi method.
 */
import type { Measured } from './ganSession.ts';

export type GanCall =
  | { op: 'generate'; z: Float32Array }
  | { op: 'score'; pixels: Float32Array; n: number }
  | { op: 'generate-scored'; z: Float32Array; chunk?: number | undefined }
  | { op: 'measure'; n: number; seed: number; chunk?: number | undefined }
  | { op: 'vae-samples'; n: number; seed: number };

export type Scored = { images: Float32Array; scores: Float32Array };
export type GanResult = Float32Array | Scored | Measured;
