/** Small operations on 32×32 RGB images (flat HWC Float32Arrays in [0, 1]) for figures. */

/**
 * Where two images differ, as a picture: white where they agree, darker the more they
 * differ (mean absolute difference over the three channels, times `gain`, capped at black).
 */
export function differenceImage(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  gain = 3,
): Float32Array {
  if (a.length !== b.length) throw new Error(`differenceImage: ${a.length} vs ${b.length} values`);
  const out = new Float32Array(a.length);
  for (let p = 0; p < a.length; p += 3) {
    const d =
      (Math.abs(a[p]! - b[p]!) +
        Math.abs(a[p + 1]! - b[p + 1]!) +
        Math.abs(a[p + 2]! - b[p + 2]!)) /
      3;
    const v = 1 - Math.min(1, d * gain);
    out[p] = out[p + 1] = out[p + 2] = v;
  }
  return out;
}

/** Image `index` of a batch of images `length` values long each, without copying. */
export const imageAt = (batch: Float32Array, index: number, length: number): Float32Array =>
  batch.subarray(index * length, (index + 1) * length);
