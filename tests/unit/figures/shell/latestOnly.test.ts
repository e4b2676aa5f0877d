/**
 * LatestOnly follows a moving input without queueing work: one run per animation frame at
 * most, never two at once, and the last value asked for is always the last one worked on.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LatestOnly } from '../../../../src/figures/shell/latestOnly.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) =>
    setTimeout(() => f(performance.now()), 16),
  );
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Work that takes `ms` of (fake) time and records what it was given. */
function slowWork(ms: number) {
  const done: number[] = [];
  let running = 0;
  let overlap = false;
  const work = async (v: number) => {
    running++;
    if (running > 1) overlap = true;
    await new Promise((resolve) => setTimeout(resolve, ms));
    done.push(v);
    running--;
  };
  return { work, done, overlapped: () => overlap };
}

describe('LatestOnly', () => {
  test('values asked for within one frame are coalesced into the last one', async () => {
    const { work, done } = slowWork(1);
    const latest = new LatestOnly(work, () => {});
    for (let v = 1; v <= 5; v++) latest.request(v);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual([5]);
  });

  test('while work is running, new values wait, never overlap, and the last one wins', async () => {
    const { work, done, overlapped } = slowWork(40);
    const latest = new LatestOnly(work, () => {});
    latest.request(1);
    await vi.advanceTimersByTimeAsync(20); // 1 is running
    latest.request(2);
    latest.request(3);
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toEqual([1, 3]);
    expect(overlapped()).toBe(false);
  });

  test('an error goes to the handler and later values still run', async () => {
    const seen: unknown[] = [];
    let fail = true;
    const latest = new LatestOnly(
      async (v: number) => {
        if (fail) throw new Error(`bad ${v}`);
        seen.push(v);
      },
      (e) => seen.push((e as Error).message),
    );
    latest.request(1);
    await vi.advanceTimersByTimeAsync(20);
    fail = false;
    latest.request(2);
    await vi.advanceTimersByTimeAsync(20);
    expect(seen).toEqual(['bad 1', 2]);
  });

  test('cancel drops a value that has not run yet', async () => {
    const { work, done } = slowWork(1);
    const latest = new LatestOnly(work, () => {});
    latest.request(1);
    latest.cancel();
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual([]);
  });
});
