/**
 * The calls the VAE chapter's figures make of the VAE worker (vaeServe.ts, answered on
 * the shared session protocol, ../shell/sessionProtocol.ts), one per VaeSession method.
 */
import type { Codes, HeldOut, LossTerms } from './vaeSession.ts';

export type VaeCall =
  | { op: 'encode'; pixels: Float32Array; n: number }
  | { op: 'decode'; z: Float32Array }
  | { op: 'held-out'; n: number }
  | {
      op: 'loss-terms';
      face: Float32Array;
      mu: readonly [number, number];
      sigma: readonly [number, number];
      eps: Float32Array;
    };

export type VaeResult = Codes | Float32Array | HeldOut | LossTerms;
