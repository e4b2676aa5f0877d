/**
 * The 2-D GAN figure's words and number formats, shared by its parts (pure: no state).
 */
import type { GanLoss } from '../../../models/gan2d.ts';

export const LOSS_LABELS: Record<GanLoss, string> = {
  'non-saturating': 'non-saturating',
  'least-squares': 'least squares',
};

/** A number to `digits` decimals, or a dash for NaN and infinities. */
export const n = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : '—');

/** A coordinate to one decimal, without "−0.0" for cos(π/2) ≈ −4e−16. */
export const coord = (x: number): string => (Math.round(x * 10) / 10 + 0).toFixed(1);

/** A whole number with thousands separators. */
export const int = (x: number): string => Math.round(x).toLocaleString('en');

/** Where the losses settle when D can no longer tell: D(x) = ½ everywhere. */
export const drawLosses = (loss: GanLoss): { d: number; g: number } =>
  loss === 'non-saturating' ? { d: 2 * Math.LN2, g: Math.LN2 } : { d: 0.25, g: 0.125 };
