/**
 * FrameQueue runs model calls one per animation frame, in order, never two at once, and
 * cancelling drops what has not started and leaves nothing scheduled.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  Cancelled,
  FrameQueue,
  isCancelled,
} from '../../../../../src/figures/diffusion/why-latent/frameQueue.ts';

let frames = 0;
beforeEach(() => {
  frames = 0;
  vi.useFakeTimers();
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) =>
    setTimeout(() => {
      frames++;
      f(performance.now());
    }, 16),
  );
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A job that takes `ms` of (fake) time, records the frame it started in and its overlap. */
function jobs() {
  const log: { name: string; frame: number }[] = [];
  let running = 0;
  let overlapped = false;
  const job =
    (name: string, ms = 5) =>
    async () => {
      running++;
      if (running > 1) overlapped = true;
      log.push({ name, frame: frames });
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return name;
    };
  return { log, job, overlapped: () => overlapped };
}

describe('FrameQueue', () => {
  test('runs jobs in the order asked for, one per frame, and resolves with their results', async () => {
    const { log, job } = jobs();
    const queue = new FrameQueue();
    const results = Promise.all([queue.run(job('a')), queue.run(job('b')), queue.run(job('c'))]);
    await vi.advanceTimersByTimeAsync(200);
    expect(await results).toEqual(['a', 'b', 'c']);
    expect(log.map((l) => l.name)).toEqual(['a', 'b', 'c']);
    expect(new Set(log.map((l) => l.frame)).size).toBe(3);
  });

  test('a job asked for as `next` jumps the queue', async () => {
    const { log, job } = jobs();
    const queue = new FrameQueue();
    void queue.run(job('a'));
    void queue.run(job('b'));
    void queue.run(job('first'), true);
    await vi.advanceTimersByTimeAsync(200);
    expect(log.map((l) => l.name)).toEqual(['first', 'a', 'b']);
  });

  test('a slow job holds the next one back: jobs never overlap', async () => {
    const { job, overlapped } = jobs();
    const queue = new FrameQueue();
    void queue.run(job('slow', 50));
    void queue.run(job('next'));
    await vi.advanceTimersByTimeAsync(300);
    expect(overlapped()).toBe(false);
  });

  test('a failing job rejects its own promise and the queue goes on', async () => {
    const queue = new FrameQueue();
    const failed = queue.run(() => Promise.reject(new Error('boom')));
    const after = queue.run(() => Promise.resolve(2));
    const caught = failed.catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(100);
    expect(await caught).toBe('boom');
    expect(await after).toBe(2);
  });

  test('cancel rejects the waiting jobs with Cancelled and schedules nothing more', async () => {
    const { log, job } = jobs();
    const queue = new FrameQueue();
    const a = queue.run(job('a'));
    const b = queue.run(job('b')).catch((e: unknown) => e);
    queue.cancel();
    const error = await a.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Cancelled);
    expect(isCancelled(await b)).toBe(true);
    expect(queue.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual([]);
  });
});
