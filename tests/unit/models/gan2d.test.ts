/**
 * The live 2-D GAN: its losses against closed forms, the generator's pull against finite
 * differences, the trainer's invariants (each player's step leaves the other's weights
 * alone, no tensor is left behind, a seed replays exactly), and the presets, replayed with
 * the trainer the page runs, doing what their names promise.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  belief,
  discriminate2d,
  discriminatorGradients,
  discriminatorLoss2d,
  generate2d,
  generatorGradients,
  generatorLoss2d,
  generatorPull,
  initDiscriminator2d,
  initGenerator2d,
  type GanLoss,
} from '../../../src/models/gan2d.ts';
import {
  Gan2dTrainer,
  latticePoints,
  type Gan2dSettings,
} from '../../../src/models/gan2dTrainer.ts';
import {
  PICTURE,
  PRESETS,
  trainerSettings,
  type PresetId,
} from '../../../src/models/gan2dPresets.ts';
import { MODES, modeCoverage } from '../../../src/models/modeCoverage.ts';
import { ensureGradients } from '../../../src/models/training/gradients.ts';
import { addPoint } from '../../../src/data/drawn2d.ts';
import type { Params } from '../../../src/models/nn.ts';

beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-wasm');
  expect(await tf.setBackend('wasm')).toBe(true);
  await ensureGradients(); // slow the first time: it loads tfjs-core's gradient modules
}, 120_000);

const read = (t: tf.Tensor) => {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
};
const scalar = (f: () => tf.Tensor) => read(tf.tidy(f))[0]!;
const filled = (value: number) => tf.fill([64, 1], value);

describe('losses', () => {
  test('non-saturating: at ℓ = 0 (D unsure) L_D = 2 ln 2 and L_G = ln 2', () => {
    expect(scalar(() => discriminatorLoss2d('non-saturating', filled(0), filled(0)))).toBeCloseTo(
      2 * Math.LN2,
      6,
    );
    expect(scalar(() => generatorLoss2d('non-saturating', filled(0)))).toBeCloseTo(Math.LN2, 6);
  });

  test('non-saturating: L_D = E[softplus(−ℓ_real)] + E[softplus(ℓ_fake)], finite for large scores', () => {
    const sp = (x: number) => Math.log1p(Math.exp(x));
    expect(scalar(() => discriminatorLoss2d('non-saturating', filled(2), filled(-1)))).toBeCloseTo(
      sp(-2) + sp(-1),
      6,
    );
    // A confident, correct D: loss ≈ 0; a confident, wrong one: ≈ |ℓ|, never Infinity.
    expect(
      scalar(() => discriminatorLoss2d('non-saturating', filled(80), filled(-80))),
    ).toBeCloseTo(0, 6);
    expect(scalar(() => generatorLoss2d('non-saturating', filled(-120)))).toBeCloseTo(120, 3);
  });

  test('least squares: ½E[(ℓ_real − 1)²] + ½E[ℓ_fake²] and ½E[(ℓ_fake − 1)²]', () => {
    expect(scalar(() => discriminatorLoss2d('least-squares', filled(1), filled(0)))).toBe(0);
    expect(
      scalar(() => discriminatorLoss2d('least-squares', filled(0.5), filled(0.5))),
    ).toBeCloseTo(0.25, 6);
    expect(scalar(() => discriminatorLoss2d('least-squares', filled(3), filled(-1)))).toBeCloseTo(
      0.5 * 4 + 0.5 * 1,
      6,
    );
    expect(scalar(() => generatorLoss2d('least-squares', filled(0.5)))).toBeCloseTo(0.125, 6);
  });

  test('belief is σ(ℓ) for non-saturating and ℓ clipped to [0, 1] for least squares', () => {
    const scores = () => tf.tensor1d([-3, 0, 0.25, 3]);
    const ns = read(tf.tidy(() => belief('non-saturating', scores())));
    ns.forEach((b, i) => expect(b).toBeCloseTo(1 / (1 + Math.exp(-[-3, 0, 0.25, 3][i]!)), 6));
    expect(read(tf.tidy(() => belief('least-squares', scores())))).toEqual([0, 0, 0.25, 1]);
  });
});

describe('networks', () => {
  let g: Params;
  let d: Params;
  beforeAll(() => {
    g = initGenerator2d(1, 3);
    d = initDiscriminator2d(2);
  });
  afterAll(() => tf.dispose([...Object.values(g), ...Object.values(d)]));

  test('G maps noise [B, noiseDim] to points [B, 2]; D maps points to one score each', () => {
    const shapes = tf.tidy(() => {
      const x = generate2d(g, tf.randomNormal([5, 3]));
      return [x.shape, discriminate2d(d, x).shape];
    });
    expect(shapes).toEqual([
      [5, 2],
      [5, 1],
    ]);
  });

  /** Largest difference between two gradient maps, relative to the largest entry. */
  const gap = (a: Record<string, tf.Tensor>, b: Record<string, tf.Tensor>) => {
    let worst = 0;
    for (const name of Object.keys(b)) {
      const [x, y] = [read(a[name]!), read(b[name]!)];
      const scale = Math.max(1e-6, ...y.map(Math.abs));
      x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - y[i]!) / scale)));
    }
    return worst;
  };
  /** tfjs's autodiff of `loss` with respect to the weights of `p`, by name. */
  const autodiff = (p: Params, loss: (q: Params) => tf.Scalar) => {
    const names = Object.keys(p);
    const grads = tf.grads((...ws: tf.Tensor[]) =>
      loss(Object.fromEntries(names.map((n, i) => [n, ws[i]!]))),
    )(names.map((n) => p[n]!));
    return Object.fromEntries(names.map((n, i) => [n, grads[i]!]));
  };

  test.each<GanLoss>(['non-saturating', 'least-squares'])(
    'the written-out gradients of D and G (%s) equal tfjs autodiff of the losses',
    (loss) => {
      const real = tf.randomNormal([16, 2], 0, 1.5, 'float32', 4) as tf.Tensor2D;
      const z = tf.randomNormal([16, 3], 0, 1, 'float32', 5) as tf.Tensor2D;
      const dManual = discriminatorGradients(loss, d, g, real, z);
      const dAuto = autodiff(d, (q) =>
        discriminatorLoss2d(loss, discriminate2d(q, real), discriminate2d(q, generate2d(g, z))),
      );
      expect(gap(dManual.grads, dAuto)).toBeLessThan(1e-5);
      const gManual = generatorGradients(loss, d, g, z);
      const gAuto = autodiff(g, (q) => generatorLoss2d(loss, discriminate2d(d, generate2d(q, z))));
      expect(gap(gManual.grads, gAuto)).toBeLessThan(1e-5);
      expect(
        scalar(() =>
          tf.sub(gManual.loss, generatorLoss2d(loss, discriminate2d(d, generate2d(g, z)))),
        ),
      ).toBe(0);
      tf.dispose([real, z, dManual.loss, gManual.loss]);
    },
  );

  test.each<GanLoss>(['non-saturating', 'least-squares'])(
    'the %s pull is −∂L_G/∂x (central differences agree)',
    (loss) => {
      const points = [0.3, -1.2, 1.7, 0.4, -2, 2];
      const pulls = read(tf.tidy(() => generatorPull(loss, d, tf.tensor2d(points, [3, 2]))));
      const lossAt = (p: number[]) =>
        scalar(() => generatorLoss2d(loss, discriminate2d(d, tf.tensor2d(p, [1, 2]))));
      const h = 1e-2;
      for (let i = 0; i < points.length; i++) {
        const pair = i - (i % 2);
        const nudged = (by: number) =>
          points.slice(pair, pair + 2).map((v, c) => (c === i % 2 ? v + by : v));
        const slope = (lossAt(nudged(h)) - lossAt(nudged(-h))) / (2 * h);
        expect(pulls[i]).toBeCloseTo(-slope, 2);
      }
    },
  );
});

describe('network shapes', () => {
  test.each([
    { layers: 1, units: 8 },
    { layers: 4, units: 16 },
  ])(
    'G and D of $layers hidden layers × $units units: the right weights, and written-out gradients equal autodiff',
    (shape) => {
      const g = initGenerator2d(3, 2, shape);
      const d = initDiscriminator2d(4, shape);
      try {
        expect(Object.keys(g)).toHaveLength(2 * (shape.layers + 1));
        expect(g[`g${shape.layers}/kernel`]!.shape).toEqual([
          shape.layers === 1 ? 2 : shape.units,
          shape.units,
        ]);
        expect(d[`d${shape.layers + 1}/kernel`]!.shape).toEqual([shape.units, 1]);
        const real = tf.randomNormal([8, 2], 0, 1.5, 'float32', 6) as tf.Tensor2D;
        const z = tf.randomNormal([8, 2], 0, 1, 'float32', 7) as tf.Tensor2D;
        const names = Object.keys(d);
        const auto = tf.grads((...ws: tf.Tensor[]) => {
          const q = Object.fromEntries(names.map((n, i) => [n, ws[i]!]));
          return discriminatorLoss2d(
            'non-saturating',
            discriminate2d(q, real),
            discriminate2d(q, generate2d(g, z)),
          );
        })(names.map((n) => d[n]!));
        const manual = discriminatorGradients('non-saturating', d, g, real, z);
        names.forEach((n, i) => {
          const [a, b] = [read(manual.grads[n]!), read(auto[i]!)];
          const scale = Math.max(1e-6, ...b.map(Math.abs));
          a.forEach((v, k) => expect(Math.abs(v - b[k]!) / scale).toBeLessThan(1e-5));
        });
        tf.dispose([real, z, manual.loss]);
      } finally {
        tf.dispose([...Object.values(g), ...Object.values(d)]);
      }
    },
  );
});

const SETTINGS: Gan2dSettings = {
  distribution: 'ring',
  loss: 'non-saturating',
  lrD: 0.002,
  lrG: 0.002,
  dSteps: 1,
  noiseDim: 2,
  seed: 7,
};
const SMALL = { fakes: 16, arrows: 4, grid: 6, extent: 3 };

describe('the trainer', () => {
  test('the default networks are two layers of 64 units, so presets replay as before', () => {
    const t = new Gan2dTrainer(SETTINGS);
    const u = new Gan2dTrainer({
      ...SETTINGS,
      g: { layers: 2, units: 64 },
      d: { layers: 2, units: 64 },
    });
    try {
      for (let i = 0; i < 5; i++) [t, u].forEach((x) => x.round());
      expect(u.snapshot(SMALL).fakes).toEqual(t.snapshot(SMALL).fakes);
    } finally {
      t.dispose();
      u.dispose();
    }
  });

  test('SGD moves the weights, by much less than Adam at the same learning rate', () => {
    const moved = (optimizer: 'adam' | 'sgd') => {
      const t = new Gan2dTrainer({ ...SETTINGS, optimizer });
      try {
        const before = t.snapshot(SMALL).fakes;
        for (let i = 0; i < 20; i++) t.round();
        const after = t.snapshot(SMALL).fakes;
        return after.reduce((sum, v, i) => sum + Math.abs(v - before[i]!), 0);
      } finally {
        t.dispose();
      }
    };
    const sgd = moved('sgd');
    expect(sgd).toBeGreaterThan(0);
    expect(sgd).toBeLessThan(moved('adam') / 2);
  });

  test('weights read out and adopted by a new trainer give the same picture and counters', () => {
    const a = new Gan2dTrainer({ ...SETTINGS, g: { layers: 3, units: 16 } });
    const b = new Gan2dTrainer({ ...SETTINGS, g: { layers: 3, units: 16 } });
    try {
      for (let i = 0; i < 30; i++) a.round();
      a.takeLosses();
      expect(b.snapshot(SMALL).fakes).not.toEqual(a.snapshot(SMALL).fakes);
      b.adopt(a.weights(), a.gUpdates, a.dUpdates);
      expect(b.snapshot(SMALL)).toEqual(a.snapshot(SMALL));
      expect([b.gUpdates, b.dUpdates]).toEqual([30, 30]);
      expect(() => b.adopt({}, 0, 0)).toThrow(/does not fit/);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  test('a trainer of other shapes trains and leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    const t = new Gan2dTrainer({
      ...SETTINGS,
      g: { layers: 1, units: 8 },
      d: { layers: 4, units: 128 },
    });
    for (let i = 0; i < 3; i++) t.round();
    expect(t.takeLosses().every((l) => Number.isFinite(l.value))).toBe(true);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a step of D leaves G unchanged, and a step of G leaves D unchanged', () => {
    const t = new Gan2dTrainer(SETTINGS);
    try {
      t.round(); // Adam has its moments now; later steps move both players
      const before = t.snapshot(SMALL);
      t.stepD();
      const afterD = t.snapshot(SMALL);
      expect(afterD.fakes).toEqual(before.fakes);
      expect(afterD.field).not.toEqual(before.field);
      t.stepG();
      const afterG = t.snapshot(SMALL);
      expect(afterG.field).toEqual(afterD.field);
      expect(afterG.fakes).not.toEqual(afterD.fakes);
    } finally {
      t.dispose();
    }
  });

  test('a round is dSteps updates of D then one of G, with losses numbered by step', () => {
    const t = new Gan2dTrainer({ ...SETTINGS, dSteps: 3 });
    try {
      t.round();
      t.round();
      t.stepD();
      const losses = t.takeLosses();
      expect(losses.map((l) => `${l.player}${l.step}`)).toEqual([
        ...['d1', 'd1', 'd1', 'g1'],
        ...['d2', 'd2', 'd2', 'g2'],
        'd3',
      ]);
      expect(losses.every((l) => Number.isFinite(l.value))).toBe(true);
      expect(t.takeLosses()).toEqual([]);
      expect([t.dUpdates, t.gUpdates]).toEqual([7, 2]);
    } finally {
      t.dispose();
    }
  });

  test('tune changes a learning rate mid-run: at 0, G stops moving', () => {
    const t = new Gan2dTrainer(SETTINGS);
    try {
      t.round();
      t.tune({ lrG: 0 });
      const before = t.sample(32, 1);
      t.round();
      expect(t.sample(32, 1)).toEqual(before);
    } finally {
      t.dispose();
    }
  });

  test('the same seed replays the same run; another seed does not', () => {
    const run = (seed: number) => {
      const t = new Gan2dTrainer({ ...SETTINGS, seed });
      for (let i = 0; i < 25; i++) t.round();
      const out = t.sample(64, 9);
      t.dispose();
      return out;
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  test('training, reading and drawing leave no tensor behind; dispose frees everything', () => {
    const baseline = tf.memory().numTensors;
    const t = new Gan2dTrainer({ ...SETTINGS, loss: 'least-squares', dSteps: 2 });
    t.round(); // creates Adam's moments
    t.takeLosses();
    t.snapshot(PICTURE); // creates the snapshot noise
    const steady = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      t.round();
      if (i % 10 === 0) t.snapshot(PICTURE);
    }
    t.stepD();
    t.stepG();
    t.takeLosses();
    t.snapshot(PICTURE);
    t.tune({ loss: 'non-saturating', lrD: 0.01 });
    t.round();
    t.takeLosses();
    expect(tf.memory().numTensors).toBe(steady);
    t.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  test('a snapshot has every part at its size, the field row by row from the top', () => {
    const t = new Gan2dTrainer(SETTINGS);
    try {
      const s = t.snapshot(SMALL);
      expect([s.fakes.length, s.pulls.length, s.field.length]).toEqual([32, 8, 36]);
      expect(s.field.every((b) => b >= 0 && b <= 1)).toBe(true);
      expect(s.dReal).toBeGreaterThan(0);
      expect(s.dFake).toBeLessThan(1);
    } finally {
      t.dispose();
    }
    expect(Array.from(latticePoints(2, 1))).toEqual([-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5]);
  });
});

/**
 * Replays a preset with the page's trainer for `steps` steps, recording per 50 steps the
 * mean loss of each player and how far the figure's fakes moved on average.
 */
function replay(id: PresetId, steps = 1500) {
  const t = new Gan2dTrainer(trainerSettings(PRESETS[id].settings));
  const windows = { d: [] as number[], g: [] as number[] };
  const moves: number[] = [];
  let before = t.snapshot(PICTURE).fakes;
  for (let i = 1; i <= steps; i++) {
    t.round();
    if (i % 50 !== 0) continue;
    const losses = t.takeLosses();
    for (const player of ['d', 'g'] as const) {
      const mine = losses.filter((l) => l.player === player).map((l) => l.value);
      windows[player].push(mine.reduce((a, b) => a + b, 0) / mine.length);
    }
    const fakes = t.snapshot(PICTURE).fakes;
    let moved = 0;
    for (let k = 0; k < fakes.length; k += 2) {
      moved += Math.hypot(fakes[k]! - before[k]!, fakes[k + 1]! - before[k + 1]!);
    }
    moves.push(moved / (fakes.length / 2));
    before = fakes;
  }
  const coverage = modeCoverage(before, MODES.ring!);
  t.dispose();
  // From step 500 on: the opening, when every run moves a lot, is left out.
  const late = <T>(xs: T[]) => xs.slice(10);
  const gLate = late(windows.g);
  return {
    coverage,
    /** Largest over smallest 50-step mean of G's loss. */
    swing: Math.max(...gLate) / Math.min(...gLate),
    /** Mean distance a fake moved per 50 steps. */
    drift: late(moves).reduce((a, b) => a + b, 0) / late(moves).length,
  };
}

describe('the presets, replayed in Node with the trainer the page runs', () => {
  test('healthy: ≥ 7 of the 8 ring clusters covered after 1,500 steps, losses steady', () => {
    const run = replay('healthy');
    expect(run.coverage.covered).toBeGreaterThanOrEqual(7);
    expect(run.swing).toBeLessThan(2);
    expect(run.drift).toBeLessThan(0.4);
  }, 60_000);

  test('mode collapse: ≤ 3 clusters covered after 1,500 steps, the fakes piled on them', () => {
    const run = replay('collapse');
    expect(run.coverage.covered).toBeLessThanOrEqual(3);
    expect(run.coverage.covered).toBeGreaterThanOrEqual(1);
    // Collapse, not failure: most fakes sit on the clusters they chose.
    expect(run.coverage.onTarget).toBeGreaterThan(0.8);
  }, 60_000);

  test('learning rate too high: the losses swing and the fakes never settle', () => {
    const run = replay('unstable');
    expect(run.swing).toBeGreaterThan(5);
    expect(run.drift).toBeGreaterThan(0.8);
  }, 60_000);
});

describe('a run on a drawing', () => {
  /** A drawing: a vertical line at x = 2 from y = −2 to 2, as the brush lays it. */
  const line = () => {
    let points: Float32Array = new Float32Array(0);
    for (let i = 0; i <= 30; i++) points = addPoint(points, 2, -2 + (4 * i) / 30);
    return points;
  };
  const settings = (drawn: Float32Array): Gan2dSettings => ({
    ...trainerSettings(PRESETS.healthy.settings),
    distribution: 'draw',
    drawn,
  });
  /** Mean distance of `n` fakes to the line x = 2, |y| ≤ 2. */
  const offLine = (fakes: Float32Array) => {
    let sum = 0;
    for (let i = 0; i < fakes.length; i += 2) {
      const dy = Math.max(0, Math.abs(fakes[i + 1]!) - 2);
      sum += Math.hypot(fakes[i]! - 2, dy);
    }
    return sum / (fakes.length / 2);
  };

  test('the fakes move onto the drawn line', () => {
    const trainer = new Gan2dTrainer(settings(line()));
    const before = offLine(trainer.sample(400, 9));
    for (let i = 0; i < 1500; i++) trainer.round();
    const after = offLine(trainer.sample(400, 9));
    trainer.takeLosses();
    trainer.dispose();
    expect(before).toBeGreaterThan(1);
    expect(after).toBeLessThan(0.3 * before);
  }, 60_000);

  test('new drawn points keep the weights and the step count; an empty drawing trains on nothing', () => {
    const trainer = new Gan2dTrainer(settings(new Float32Array(0)));
    for (let i = 0; i < 20; i++) trainer.round();
    const fakes = trainer.sample(50, 3);
    trainer.redraw(line());
    expect(trainer.gUpdates).toBe(20);
    expect(Array.from(trainer.sample(50, 3))).toEqual(Array.from(fakes));
    trainer.round();
    expect(trainer.takeLosses().every((l) => Number.isFinite(l.value))).toBe(true);
    trainer.dispose();
  });
});
