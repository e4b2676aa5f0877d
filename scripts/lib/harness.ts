/**
 * The training loop every model of the site shares: fixed seeds, a cosine learning-rate
 * decay, a progress bar with loss and ETA, checkpoints that hold the weights, the Adam
 * moments, an optional exponential moving average (EMA) of the weights and the loss history,
 * so an interrupted run resumes exactly where it stopped, and finally the shipped folder
 * public/models/<id>/ with model.json, weights.bin and card.json.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { isTrainable, type Params } from '../../src/models/nn.ts';
import { loadWeightsFromDir, saveWeights } from '../../src/models/training/io.ts';

export interface Group {
  /** The weights of one network, as variables (batch-norm statistics non-trainable). */
  vars: Record<string, tf.Variable>;
  optimizer: tf.AdamOptimizer;
  lr: { start: number; end: number };
  /** Keep an EMA of the weights with this decay and ship it instead of the raw weights. */
  emaDecay?: number;
  /** false for a training aid that is checkpointed but not shipped (e.g. a critic). */
  ship?: boolean;
}

export interface Trainer {
  /** Names the checkpoints, and the shipped model unless `shipAs` is given. */
  id: string;
  /** The model this run ships as, when it is a later stage of another model's training. */
  shipAs?: string;
  steps: number;
  batch: number;
  seed: number;
  /** Networks by name; a model with one network has one group. */
  groups: Record<string, Group>;
  /**
   * One optimisation step; returns the losses to log (plain numbers). `step` counts this run's
   * steps (warm-ups and schedules follow it); `seen` counts from the model's first training step,
   * so a run that continues a shipped model draws batches and noise its earlier stages did not.
   */
  step(step: number, seen: number): Promise<Record<string, number>>;
  /** After training: the card's metrics and description. `weights` are what ships. */
  finish(weights: Record<string, Params>): Promise<{ metrics: object; card: object }>;
  /** Extra fields for model.json (what a browser needs to use the weights, e.g. a scale). */
  extra?: object;
}

export interface RunOptions {
  /** Where checkpoints go (default .checkpoints/<id>). */
  checkpointDir?: string;
  /** Where the model ships (default public/models/<id>). */
  outDir?: string;
  resume?: boolean;
  checkpointEvery?: number;
  logEvery?: number;
  quantize?: 'float16' | null;
  quiet?: boolean;
}

export interface RunResult {
  history: HistoryRow[];
  wallSeconds: number;
  parameters: number;
  sha256: string;
  card: Record<string, unknown>;
}

/** Mean losses over `logEvery` steps, for the card's training curves. */
export type HistoryRow = { step: number } & Record<string, number>;

/**
 * Trains, checkpoints and ships `trainer`'s model. Whatever happens, its variables, Adam
 * state and EMA are disposed at the end (their names are global in tfjs, so a second
 * trainer of the same model in this process needs them gone).
 */
export async function run(trainer: Trainer, options: RunOptions = {}): Promise<RunResult> {
  const emas = makeEmas(trainer.groups);
  try {
    return await train(trainer, emas, options);
  } finally {
    for (const [name, g] of Object.entries(trainer.groups)) {
      tf.dispose(Object.values(g.vars));
      tf.dispose(Object.values(emas[name] ?? {}));
      g.optimizer.dispose();
    }
  }
}

async function train(trainer: Trainer, emas: Emas, options: RunOptions): Promise<RunResult> {
  const checkpointDir = options.checkpointDir ?? join('.checkpoints', trainer.id);
  const model = trainer.shipAs ?? trainer.id;
  const outDir = options.outDir ?? join('public', 'models', model);
  const checkpointEvery = options.checkpointEvery ?? 250;
  const logEvery = options.logEvery ?? 50;
  const log = options.quiet ? () => {} : (line: string) => process.stdout.write(line);

  let step = 0;
  let earlierSeconds = 0;
  let history: HistoryRow[] = [];
  /** Set when this run continues a shipped model: its earlier stages, for the card. */
  let earlier: Shipped | null = null;
  if (options.resume && existsSync(join(checkpointDir, 'state.json'))) {
    const state = JSON.parse(await readFile(join(checkpointDir, 'state.json'), 'utf8'));
    await restore(trainer.groups, emas, checkpointDir);
    ({ step, history } = state);
    earlier = state.earlier ?? null;
    earlierSeconds = state.seconds ?? 0;
    log(`${trainer.id}: resumed at step ${step}\n`);
  } else if (!options.resume) {
    await rm(checkpointDir, { recursive: true, force: true });
  } else if (!trainer.shipAs && existsSync(join(outDir, 'card.json'))) {
    // A new machine has no checkpoints: go on from the committed model instead.
    earlier = await continueFromShipped(trainer.groups, emas, outDir);
    log(`${trainer.id}: no checkpoint; continuing from the shipped weights in ${outDir}\n`);
  }

  const started = Date.now();
  // Per-term sums and counts: a term may start later than step 0 (e.g. after a warm-up).
  const sums: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const bar = progress(trainer.id, trainer.steps, log);
  while (step < trainer.steps) {
    for (const g of Object.values(trainer.groups)) {
      const lr =
        g.lr.end + 0.5 * (g.lr.start - g.lr.end) * (1 + Math.cos((Math.PI * step) / trainer.steps));
      (g.optimizer as unknown as { learningRate: number }).learningRate = lr;
    }
    const losses = await trainer.step(step, step + (earlier?.steps ?? 0));
    updateEmas(trainer.groups, emas);
    for (const [k, v] of Object.entries(losses)) {
      sums[k] = (sums[k] ?? 0) + v;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    step++;
    if (step % logEvery === 0 || step === trainer.steps) {
      // A continued model's curve goes on from where the shipped one ended.
      const row: HistoryRow = { step: step + (earlier?.steps ?? 0) };
      for (const k of Object.keys(sums)) {
        if (counts[k]) row[k] = Number((sums[k]! / counts[k]!).toPrecision(5));
        sums[k] = 0;
        counts[k] = 0;
      }
      history.push(row);
      bar(step, row);
    }
    if (step % checkpointEvery === 0 || step === trainer.steps) {
      const seconds = earlierSeconds + (Date.now() - started) / 1000;
      await checkpoint(trainer.groups, emas, checkpointDir, { step, seconds, history, earlier });
    }
  }
  const wallSeconds = earlierSeconds + (Date.now() - started) / 1000;
  log('\n');

  const shipped = shippedWeights(trainer.groups, emas);
  const { metrics, card } = await trainer.finish(shipped);
  const named = Object.entries(shipped).flatMap(([group, params]) =>
    Object.entries(params).map(([name, tensor]) => ({ name: `${group}/${name}`, tensor })),
  );
  const parameters = named.reduce((n, w) => n + w.tensor.size, 0);
  const quantize = options.quantize === undefined ? 'float16' : options.quantize;
  const sha256 = await saveWeights(
    outDir,
    named,
    { modelId: model, ...trainer.extra },
    { quantize },
  );
  const fullCard = {
    id: model,
    ...card,
    parameters,
    training: {
      steps: trainer.steps + (earlier?.steps ?? 0),
      batch: trainer.batch,
      seed: trainer.seed,
      optimizers: Object.fromEntries(
        Object.entries(trainer.groups).map(([name, g]) => [
          name,
          `Adam (β₁ ${(g.optimizer as unknown as { beta1: number }).beta1}), learning rate ${g.lr.start} → ${g.lr.end} (cosine)${g.emaDecay ? `, EMA ${g.emaDecay} of the weights shipped` : ''}`,
        ]),
      ),
      backend: `tfjs-backend-wasm ${tf.version_core} in Node (one thread) with the project’s training kernels`,
      tfjs: tf.version_core,
      wallTimeSeconds: Math.round(wallSeconds + (earlier?.seconds ?? 0)),
      history: [...(earlier?.history ?? []), ...history],
      ...(earlier
        ? {
            stages: [
              ...earlier.stages,
              {
                steps: `${earlier.steps.toLocaleString('en')}–${(earlier.steps + trainer.steps).toLocaleString('en')}`,
                imagesSeen: trainer.steps * trainer.batch,
                wallTimeSeconds: Math.round(wallSeconds),
                recipe: `continued from the shipped weights (no checkpoint on this machine); Adam's moments started afresh${Object.values(trainer.groups).some((g) => g.emaDecay) ? ', the EMA and the trained weights both from the shipped EMA' : ''}`,
              },
            ],
          }
        : {}),
    },
    metrics,
    weights: { file: 'weights.bin', sha256, dtype: quantize ?? 'float32' },
  };
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'card.json'), `${JSON.stringify(fullCard, null, 2)}\n`);
  log(`${trainer.id}: wrote ${outDir} (${parameters} parameters, ${Math.round(wallSeconds)} s)\n`);
  return { history, wallSeconds, parameters, sha256, card: fullCard };
}

type Emas = Record<string, Record<string, tf.Variable>>;

/** What a shipped card says of the training so far, for a run that continues it. */
interface Shipped {
  stages: Stage[];
  steps: number;
  seconds: number;
  history: HistoryRow[];
}

/** One stage of a model's training, as its card records it. */
export interface Stage {
  steps: number | string;
  imagesSeen?: number;
  wallTimeSeconds?: number;
  recipe: string;
}

/**
 * Loads the shipped weights of `outDir` into the shipped groups (and their EMAs: the shipped
 * weights are the EMA where there is one); groups that do not ship (a critic) start fresh.
 * Returns the stages the shipped card records (or its one run as a stage), its steps, wall
 * time and loss history.
 */
async function continueFromShipped(
  groups: Record<string, Group>,
  emas: Emas,
  outDir: string,
): Promise<Shipped> {
  const saved = await loadWeightsFromDir(outDir);
  try {
    for (const [name, g] of Object.entries(groups)) {
      if (g.ship === false) continue;
      for (const [k, v] of Object.entries(g.vars)) {
        const t = saved[`${name}/${k}`];
        if (!t || t.size !== v.size) {
          throw new Error(
            `${outDir} has no weight ${name}/${k} of shape [${v.shape.join(', ')}]: the architecture changed, so train from scratch (without --resume)`,
          );
        }
        tf.tidy(() => {
          const value = tf.reshape(t, v.shape);
          v.assign(value);
          emas[name]?.[k]?.assign(value);
        });
      }
    }
  } finally {
    tf.dispose(Object.values(saved));
  }
  const card = JSON.parse(await readFile(join(outDir, 'card.json'), 'utf8'));
  const training = card.training ?? {};
  return {
    stages: training.stages ?? [
      {
        steps: training.steps,
        imagesSeen: training.steps * training.batch,
        wallTimeSeconds: training.wallTimeSeconds,
        recipe: 'the first run',
      },
    ],
    steps: training.steps ?? 0,
    seconds: training.wallTimeSeconds ?? 0,
    history: training.history ?? [],
  };
}

function makeEmas(groups: Record<string, Group>): Emas {
  const emas: Emas = {};
  for (const [name, g] of Object.entries(groups)) {
    if (!g.emaDecay) continue;
    emas[name] = Object.fromEntries(
      Object.entries(g.vars).map(([k, v]) => {
        const copy = v.clone();
        const shadow = tf.variable(copy, false);
        copy.dispose(); // the variable keeps the data alive
        return [k, shadow];
      }),
    );
  }
  return emas;
}

/** ema ← d·ema + (1 − d)·w; statistics (not trained) are copied as they are. */
function updateEmas(groups: Record<string, Group>, emas: Emas): void {
  tf.tidy(() => {
    for (const [name, ema] of Object.entries(emas)) {
      const g = groups[name]!;
      const d = g.emaDecay!;
      for (const [k, shadow] of Object.entries(ema)) {
        const w = g.vars[k]!;
        shadow.assign(isTrainable(k) ? tf.add(tf.mul(shadow, d), tf.mul(w, 1 - d)) : w);
      }
    }
  });
}

function shippedWeights(groups: Record<string, Group>, emas: Emas): Record<string, Params> {
  return Object.fromEntries(
    Object.entries(groups)
      .filter(([, g]) => g.ship !== false)
      .map(([name, g]) => [name, (emas[name] ?? g.vars) as Params]),
  );
}

async function checkpoint(
  groups: Record<string, Group>,
  emas: Emas,
  dir: string,
  state: object,
): Promise<void> {
  for (const [name, g] of Object.entries(groups)) {
    await saveWeights(join(dir, name, 'weights'), toNamed(g.vars));
    const opt = await g.optimizer.getWeights();
    await saveWeights(join(dir, name, 'optimizer'), opt);
    // getWeights makes a fresh scalar for the step counter; the moments are live variables.
    tf.dispose(opt.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
    if (emas[name]) await saveWeights(join(dir, name, 'ema'), toNamed(emas[name]));
  }
  await writeFile(join(dir, 'state.json'), JSON.stringify(state));
}

async function restore(groups: Record<string, Group>, emas: Emas, dir: string): Promise<void> {
  for (const [name, g] of Object.entries(groups)) {
    assignAll(g.vars, await loadWeightsFromDir(join(dir, name, 'weights')));
    const opt = await loadWeightsFromDir(join(dir, name, 'optimizer'));
    // Adam's state: the step counter and both moment estimates per variable, by name.
    await g.optimizer.setWeights(Object.entries(opt).map(([n, tensor]) => ({ name: n, tensor })));
    tf.dispose(Object.values(opt)); // setWeights copied them into variables
    if (emas[name]) assignAll(emas[name], await loadWeightsFromDir(join(dir, name, 'ema')));
  }
}

function assignAll(target: Record<string, tf.Variable>, saved: Record<string, tf.Tensor>) {
  for (const [k, v] of Object.entries(target)) {
    const t = saved[k];
    if (!t) throw new Error(`checkpoint has no weight ${k}`);
    v.assign(t);
    t.dispose();
  }
}

function toNamed(p: Record<string, tf.Tensor>) {
  return Object.entries(p).map(([name, tensor]) => ({ name, tensor }));
}

/** A one-line progress bar (redrawn in a terminal, a line per update in logs). */
function progress(id: string, total: number, log: (s: string) => void) {
  let t0 = Date.now();
  let first: number | null = null;
  const tty = process.stdout.isTTY;
  let lastLine = 0;
  return (step: number, row: HistoryRow) => {
    // Time from the first report on, so start-up and a resume's skipped steps don't count.
    if (first === null) {
      first = step;
      t0 = Date.now();
    }
    const perStep = step > first ? (Date.now() - t0) / (step - first) : NaN;
    const eta = Number.isNaN(perStep) ? NaN : ((total - step) * perStep) / 1000;
    const width = 24;
    const filled = Math.round((width * step) / total);
    const losses = Object.entries(row)
      .filter(([k]) => k !== 'step')
      .map(([k, v]) => `${k} ${v.toFixed(4)}`)
      .join('  ');
    const line = `${id} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${step}/${total}  ${losses}  ${Number.isNaN(perStep) ? '…' : perStep.toFixed(0)} ms/step  ETA ${formatDuration(eta)}`;
    if (tty) log(`\r${line}\u001b[K`);
    else if (Date.now() - lastLine > 15_000 || step === total) {
      lastLine = Date.now();
      log(`${line}\n`);
    }
  };
}

function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return '…';
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
