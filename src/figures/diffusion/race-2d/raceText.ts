/**
 * Words the race figure says about its lanes: how far each model's samples swung over the
 * latest stretch of the race (the steady one converges, the restless one oscillates).
 */
import { LANE_LABELS, type LaneKind } from './race2dProtocol.ts';

export interface Swing {
  low: number;
  high: number;
  latest: number;
}

/** The least and greatest distance over the last `seconds` of a lane's history. */
export function swing(
  steps: readonly number[],
  values: readonly number[],
  seconds: number,
): Swing | null {
  const end = steps.at(-1);
  if (end === undefined) return null;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  steps.forEach((t, i) => {
    if (t < end - seconds) return;
    const v = values[i]!;
    if (!Number.isFinite(v)) return;
    low = Math.min(low, v);
    high = Math.max(high, v);
  });
  return Number.isFinite(low) ? { low, high, latest: values.at(-1)! } : null;
}

const num = (x: number) => x.toFixed(2);

/** "Over the last 10 s the GAN's samples came within 0.12 to 0.45 of the data; …". */
export function swingSentence(
  lanes: { kind: LaneKind; swing: Swing | null }[],
  seconds: number,
): string {
  const parts = lanes
    .filter((l) => l.swing)
    .map(({ kind, swing: s }) => `${LANE_LABELS[kind]} ${num(s!.low)} to ${num(s!.high)}`);
  return parts.length
    ? `Distance to the data over the last ${seconds} seconds: ${parts.join('; ')}.`
    : '';
}
