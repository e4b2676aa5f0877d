/**
 * The model factory: every model id trains in a CI-sized smoke configuration (the loss
 * falls, the model folder and card are written), and an interrupted run resumed from its
 * checkpoint ends with exactly the weights of an uninterrupted one; on a machine with no
 * checkpoint, a resumed run goes on from the shipped weights and its card says so.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useWasmForTraining } from '../../../../src/models/training/backend.ts';
import { loadWeightsFromDir } from '../../../../src/models/training/io.ts';
import { run } from '../../../../scripts/lib/harness.ts';
import { lossFell } from '../../../../scripts/lib/lossFell.ts';
import { TRAINERS, type ModelId } from '../../../../scripts/trainers/index.ts';

const root = mkdtempSync(join(tmpdir(), 'p2p-train-'));
beforeAll(() => useWasmForTraining());
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('smoke training', () => {
  for (const id of Object.keys(TRAINERS) as ModelId[]) {
    test(`${id}: trains a few dozen steps, the loss falls, and it ships a card`, async () => {
      const before = tf.memory().numTensors;
      const trainer = await TRAINERS[id]({ smoke: true });
      const dir = join(root, id);
      const result = await run(trainer, {
        checkpointDir: join(dir, 'checkpoint'),
        outDir: join(dir, 'model'),
        logEvery: 10,
        quiet: true,
      });
      expect(lossFell(result.history), JSON.stringify(result.history)).toBe(true);
      const card = JSON.parse(readFileSync(join(dir, 'model', 'card.json'), 'utf8'));
      expect(card).toMatchObject({ id: trainer.shipAs ?? id, parameters: result.parameters });
      expect(card.training.steps).toBe(trainer.steps);
      expect(card.weights.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(card.training.history.length).toBeGreaterThanOrEqual(3);
      // Weights, Adam state and EMA are all freed: a run leaks nothing.
      expect(tf.memory().numTensors).toBe(before);
    }, 120_000);
  }
});

describe('resuming', () => {
  test('an interrupted run resumed from its checkpoint ends with the same weights', async () => {
    const straight = join(root, 'straight');
    await run(TRAINERS['diffusion-2d']({ smoke: true }), {
      checkpointDir: join(straight, 'checkpoint'),
      outDir: join(straight, 'model'),
      checkpointEvery: 20,
      quiet: true,
      quantize: null,
    });

    const broken = join(root, 'broken');
    const first = TRAINERS['diffusion-2d']({ smoke: true });
    const step = first.step;
    first.step = (i, seen) => {
      if (i === 45) throw new Error('power cut');
      return step(i, seen);
    };
    const options = {
      checkpointDir: join(broken, 'checkpoint'),
      outDir: join(broken, 'model'),
      checkpointEvery: 20,
      quiet: true,
      quantize: null,
    };
    await expect(run(first, options)).rejects.toThrow('power cut');
    const resumed = await run(TRAINERS['diffusion-2d']({ smoke: true }), {
      ...options,
      resume: true,
    });
    expect(resumed.history.at(-1)!.step).toBe(60);

    const a = await loadWeightsFromDir(join(straight, 'model'));
    const b = await loadWeightsFromDir(join(broken, 'model'));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    // Not bit-identical: on restore tfjs's Adam recomputes β₁ᵗ and β₂ᵗ with pow() where the
    // straight run multiplied step by step, which differs in the last float bits. Restarting
    // Adam's moments instead would move weights by ~1e-3, far outside this tolerance.
    for (const [name, t] of Object.entries(a)) {
      const x = (await t.data()) as Float32Array;
      const y = (await b[name]!.data()) as Float32Array;
      const worst = x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i]!)), 0);
      expect(worst, name).toBeLessThan(1e-6);
    }
    const cardA = JSON.parse(readFileSync(join(straight, 'model', 'card.json'), 'utf8'));
    const cardB = JSON.parse(readFileSync(join(broken, 'model', 'card.json'), 'utf8'));
    expect(cardB.training.history.map((r: { step: number }) => r.step)).toEqual(
      cardA.training.history.map((r: { step: number }) => r.step),
    );
  }, 120_000);

  test('with no checkpoint, a resumed run continues from the shipped model and records the stage', async () => {
    const shipped = join(root, 'shipped');
    const fresh = await run(TRAINERS['diffusion-2d']({ smoke: true }), {
      checkpointDir: join(shipped, 'checkpoint'),
      outDir: join(shipped, 'model'),
      logEvery: 10,
      quiet: true,
      quantize: null,
    });
    const next = join(root, 'next-machine');
    cpSync(join(shipped, 'model'), join(next, 'model'), { recursive: true });
    const second = TRAINERS['diffusion-2d']({ smoke: true });
    const secondStep = second.step;
    const seen: number[] = [];
    second.step = (i, at) => {
      seen.push(at);
      return secondStep(i, at);
    };
    const continued = await run(second, {
      checkpointDir: join(next, 'checkpoint'), // empty: a new machine
      outDir: join(next, 'model'),
      logEvery: 10,
      quiet: true,
      quantize: null,
      resume: true,
    });
    // It starts where the shipped model ended, not from a fresh model's loss.
    expect(continued.history[0]!['loss']).toBeLessThan(fresh.history[0]!['loss']! * 0.8);
    const stages = (continued.card['training'] as { stages: { steps: number; recipe: string }[] })
      .stages;
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatchObject({ steps: 60, recipe: 'the first run' });
    expect(stages[1]!.recipe).toMatch(/^continued from the shipped weights/);
    expect(stages[1]!.steps).toBe('60–120');
    // Its batches are counted on from the first run's, so they are not the same ones again.
    expect(seen[0]).toBe(60);
    expect(seen.at(-1)).toBe(119);
    // The card's curve and step count go on from the shipped model's.
    const training = continued.card['training'] as { steps: number; history: { step: number }[] };
    expect(training.steps).toBe(120);
    expect(training.history.map((r) => r.step)).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120,
    ]);

    // Shipped weights of another architecture are refused with the way out.
    const gan = await TRAINERS.gan({ smoke: true });
    await expect(
      run(gan, {
        checkpointDir: join(next, 'gan-checkpoint'),
        outDir: join(next, 'model'),
        quiet: true,
        resume: true,
      }),
    ).rejects.toThrow(/architecture changed, so train from scratch/);
  }, 120_000);
});
