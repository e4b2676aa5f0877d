/**
 * The loss figure's bars: the reader's two terms and their sum, each with the trained
 * encoder's value as the reference tick, on an axis that grows in steps of 50 nats so the
 * bars do not jitter while the reader drags. Pure.
 */

/** The two terms of the loss for one answer, in nats. */
export interface LossTerms {
  reconstruction: number;
  kl: number;
}

export interface LossBar {
  label: string;
  value: number;
  reference: number;
}

export function lossBars(current: LossTerms, own: LossTerms): LossBar[] {
  return [
    { label: 'reconstruction', value: current.reconstruction, reference: own.reconstruction },
    { label: 'KL', value: current.kl, reference: own.kl },
    {
      label: 'loss (sum)',
      value: current.reconstruction + current.kl,
      reference: own.reconstruction + own.kl,
    },
  ];
}

/** A stable axis end: at least 100, 10 % above the larger loss, rounded up to 50. */
export function lossAxisMax(current: LossTerms | null, own: LossTerms | null): number {
  const most = Math.max(
    100,
    (current?.reconstruction ?? 0) + (current?.kl ?? 0),
    own ? own.reconstruction + own.kl : 0,
  );
  return Math.ceil((most * 1.1) / 50) * 50;
}
