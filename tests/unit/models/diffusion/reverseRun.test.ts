import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../../../src/data/random.ts';
import {
  ReverseRun,
  effectiveEta,
  reversePath,
  type ReverseSettings,
} from '../../../../src/models/diffusion/reverseRun.ts';
import { sample } from '../../../../src/models/diffusion/sampler.ts';
import { makeSchedule } from '../../../../src/models/diffusion/schedule.ts';

const T = 1000;
const linear = makeSchedule({ kind: 'linear', T });
const N = 48;

/** A made-up, nonlinear "model": deterministic in (x, t), like a trained network. */
const model = (x: Float32Array, t: number) =>
  x.map((v, i) => Math.tanh(0.8 * v + 0.3 * Math.sin(i + t / 100)));

/** Runs a ReverseRun to the end, asking `model` for ε̂ at every step. */
function finish(settings: ReverseSettings, seed: number): ReverseRun {
  const run = new ReverseRun(linear, settings, N, mulberry32(seed), [-1, 1]);
  while (!run.done) {
    run.setNoise(model(run.last.x, run.last.t));
    run.advance();
  }
  return run;
}

describe('reversePath', () => {
  test('strides from T down and ends at 0', () => {
    expect(reversePath(T, 10)).toEqual([1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
  });
  test('with every step, visits T, T − 1, …, 1, 0', () => {
    const path = reversePath(T, T);
    expect(path).toHaveLength(T + 1);
    expect(path.slice(-3)).toEqual([2, 1, 0]);
  });
});

describe('effectiveEta', () => {
  test('DDPM is DDIM with η = 1; DDIM keeps its own η', () => {
    expect(effectiveEta({ sampler: 'ddpm', steps: 10, eta: 0 })).toBe(1);
    expect(effectiveEta({ sampler: 'ddim', steps: 10, eta: 0.3 })).toBe(0.3);
  });
});

describe('ReverseRun', () => {
  test('keeps one frame per step, each with the t it sits at', () => {
    const run = finish({ sampler: 'ddim', steps: 20, eta: 0 }, 3);
    expect(run.steps).toBe(20);
    expect(run.frames.map((f) => f.t)).toEqual(reversePath(T, 20));
    expect(run.frames.slice(0, -1).every((f) => f.eps && f.x0)).toBe(true);
    // The finished frame needs no model call: its x̂₀ is the sample itself.
    expect(run.last.eps).toBeNull();
    expect(run.last.x0).toBe(run.last.x);
  });

  test('x̂₀ of every frame is clipped to the image range', () => {
    const run = finish({ sampler: 'ddim', steps: 10, eta: 0 }, 3);
    for (const f of run.frames) expect(f.x0!.every((v) => v >= -1 && v <= 1)).toBe(true);
  });

  test('DDIM at η = 0 is deterministic: the same seed and steps give the same result', () => {
    const a = finish({ sampler: 'ddim', steps: 25, eta: 0 }, 9).last.x;
    const b = finish({ sampler: 'ddim', steps: 25, eta: 0 }, 9).last.x;
    expect(a).toEqual(b);
    expect(finish({ sampler: 'ddim', steps: 25, eta: 0 }, 10).last.x).not.toEqual(a);
  });

  test('DDIM at η = 0 draws no noise after x_T; η > 0 draws one z per inner step', () => {
    const counted = () => {
      const rng = mulberry32(1);
      const counter = { calls: 0, rng: () => (counter.calls++, rng()) };
      return counter;
    };
    for (const [eta, extra] of [
      [0, 0],
      [0.5, 4],
    ] as const) {
      const c = counted();
      const run = new ReverseRun(linear, { sampler: 'ddim', steps: 5, eta }, N, c.rng);
      const afterStart = c.calls;
      let draws = 0;
      while (!run.done) {
        run.setNoise(model(run.last.x, run.last.t));
        const before = c.calls;
        run.advance();
        if (c.calls > before) draws++;
      }
      expect(afterStart).toBeGreaterThan(0);
      expect(draws).toBe(extra); // never on the last step to t = 0
    }
  });

  test.each([
    ['ddim', 0, 50],
    ['ddim', 0.5, 40],
    ['ddpm', 1, T],
  ] as const)(
    '%s (η = %d, %i steps) ends on exactly the sample `sample` draws',
    async (sampler, eta, steps) => {
      const expected = await sample({
        n: N,
        schedule: linear,
        steps,
        method: sampler,
        eta,
        rng: mulberry32(5),
        clip: [-1, 1],
        denoise: model,
      });
      expect(finish({ sampler, steps, eta }, 5).last.x).toEqual(expected);
    },
  );

  test('DDPM with fewer steps adds fresh noise (it strides like DDIM η = 1)', () => {
    const a = finish({ sampler: 'ddpm', steps: 10, eta: 0 }, 5).last.x;
    const b = finish({ sampler: 'ddim', steps: 10, eta: 1 }, 5).last.x;
    expect(a).toEqual(b);
    expect(a).not.toEqual(finish({ sampler: 'ddim', steps: 10, eta: 0 }, 5).last.x);
  });

  test('refuses ε̂ of the wrong length, a step without ε̂, and a step past the end', () => {
    const run = new ReverseRun(linear, { sampler: 'ddim', steps: 1, eta: 0 }, N, mulberry32(1));
    expect(() => run.advance()).toThrow(/setNoise/);
    expect(() => run.setNoise(new Float32Array(3))).toThrow(/3 values/);
    run.setNoise(new Float32Array(N));
    run.advance();
    expect(run.done).toBe(true);
    expect(() => run.advance()).toThrow(/finished/);
    expect(() => run.setNoise(new Float32Array(N))).toThrow(/waiting/);
  });
});

describe('sample', () => {
  test('DDIM at η = 0 gives the same result for the same seed and steps', async () => {
    const run = (seed: number) =>
      sample({
        n: N,
        schedule: linear,
        steps: 30,
        method: 'ddim',
        eta: 0,
        rng: mulberry32(seed),
        denoise: model,
      });
    const a = await run(4);
    expect(await run(4)).toEqual(a);
    expect(await run(5)).not.toEqual(a);
  });
});
