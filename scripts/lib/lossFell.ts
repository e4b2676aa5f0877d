import type { HistoryRow } from './harness.ts';

/**
 * Whether a smoke run learned something: the mean of the first logged 'loss' (or, for a GAN,
 * 'generator' + 'discriminator') is above the mean of the last third of the run by ≥ 5 %.
 * A GAN's losses need not fall, so for it the discriminator loss must simply move off its
 * starting value and stay finite.
 */
export function lossFell(history: readonly HistoryRow[]): boolean {
  if (history.length < 3) return false;
  const values = history.map((r) => Object.entries(r).filter(([k]) => k !== 'step'));
  if (values.some((row) => row.some(([, v]) => !Number.isFinite(v)))) return false;
  const first = history[0]!;
  const tail = history.slice(Math.floor((history.length * 2) / 3));
  const mean = (k: string) => tail.reduce((s, r) => s + r[k]!, 0) / tail.length;
  // A decoder trained against a critic: its total loss need not fall (the critic grows
  // stronger), but from a fresh start its reconstruction error must.
  if ('critic' in first && 'reconstruction' in first)
    return mean('reconstruction') < 0.95 * first.reconstruction!;
  if ('loss' in first) return mean('loss') < 0.95 * first.loss!;
  if ('discriminator' in first)
    return Math.abs(mean('discriminator') - first.discriminator!) > 0.05;
  return false;
}
