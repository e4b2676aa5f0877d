/**
 * How well generated faces follow their prompt, as read by the probe, and how much they
 * differ from one another: the two sides of the classifier-free guidance trade-off.
 */
import type { Backdrop, EyeColour, HairColour, HairStyle } from '../data/headshots.ts';
import type { Prompt } from './latentDenoiser.ts';

/** What the probe reads from one face (the factors a prompt can name). */
export interface ProbeReading {
  eyeColour: EyeColour;
  hairStyle: HairStyle;
  hairColour: HairColour;
  backdrop: Backdrop;
  glasses: boolean;
  skinTone: number;
}

/** Skin tone in five equal bands (the words of headshotLabels: very light … deep brown). */
export const skinBand = (v: number): number => Math.min(4, Math.max(0, Math.floor(v * 5)));

/**
 * Share of (face, prompted factor) pairs where the probe reads what the prompt asked for;
 * skin tone counts when it falls in the same band. null when the prompt names nothing.
 */
export function promptAgreement(prompt: Prompt, readings: readonly ProbeReading[]): number | null {
  let checks = 0;
  let hits = 0;
  for (const r of readings) {
    for (const f of ['eyeColour', 'hairStyle', 'hairColour', 'backdrop', 'glasses'] as const) {
      if (prompt[f] === undefined) continue;
      checks++;
      if (r[f] === prompt[f]) hits++;
    }
    if (prompt.skinTone !== undefined) {
      checks++;
      if (skinBand(r.skinTone) === skinBand(prompt.skinTone)) hits++;
    }
  }
  return checks ? hits / checks : null;
}

/**
 * Variety of a set of images: the root-mean-square pixel difference between two faces,
 * averaged over every pair (0 when all are identical). `images` is n images of `size` values.
 */
export function meanPairwiseRms(images: Float32Array, size: number): number {
  const n = Math.floor(images.length / size);
  if (n < 2) return 0;
  let total = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let sq = 0;
      for (let k = 0; k < size; k++) {
        const d = images[a * size + k]! - images[b * size + k]!;
        sq += d * d;
      }
      total += Math.sqrt(sq / size);
    }
  }
  return total / ((n * (n - 1)) / 2);
}
