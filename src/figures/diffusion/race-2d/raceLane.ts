/**
 * One lane of the race: a model (the 2-D GAN, or the denoiser under diffusion or flow
 * matching) training on the race's points, with what the figure shows of it each frame.
 * Runs in the worker, and in Node's tests on the same backend code.
 */
import { mulberry32, normal } from '../../../data/random.ts';
import { Denoiser2dTrainer } from '../../../models/denoiser2dTrainer.ts';
import { straightness } from '../../../models/denoiser2d.ts';
import { angleBuckets, pathOf } from '../../../models/diffusion2dPaths.ts';
import { energyDistance } from '../../../models/energyDistance.ts';
import { trainerSettings } from '../../../models/gan2dPresets.ts';
import { PRESET_GAN } from './race2dFields.ts';
import { Gan2dTrainer } from '../../../models/gan2dTrainer.ts';
import { pointPool } from '../../../data/points2d.ts';
import {
  PATHS,
  SAMPLES,
  type LaneFrame,
  type LaneKind,
  type RaceSettings,
} from './race2dProtocol.ts';

const HUES = 12;
/** How long the speed readout averages over. */
const METER_MS = 500;

export class RaceLane {
  readonly kind: LaneKind;
  #gan: Gan2dTrainer | null = null;
  #denoiser: Denoiser2dTrainer | null = null;
  #settings: RaceSettings;
  #seed: number;
  #reference: Float32Array;
  #trainMs = 0;
  #meter = { since: 0, steps: 0, speed: 0 };
  #losses: Map<string, { steps: number[]; values: number[] }> = new Map();

  /** `index` tells the two lanes' noise apart when both run the same kind of model. */
  constructor(kind: LaneKind, settings: RaceSettings, index: number) {
    this.kind = kind;
    this.#settings = { ...settings };
    this.#seed = settings.seed + 100 * index;
    this.#reference = this.#data();
    const { distribution, drawn, seed } = settings;
    if (kind === 'gan') {
      this.#gan = new Gan2dTrainer({
        ...trainerSettings(PRESET_GAN),
        distribution,
        drawn,
        seed: this.#seed,
      });
    } else {
      this.#denoiser = new Denoiser2dTrainer({
        objective: kind,
        distribution,
        drawn,
        shape: { layers: settings.layers, units: settings.units },
        optimizer: settings.optimizer,
        lr: settings.lr,
        seed: seed + 100 * index,
        ...(settings.batch ? { batch: settings.batch } : {}),
      });
    }
  }

  get steps(): number {
    return this.#gan?.gUpdates ?? this.#denoiser?.steps ?? 0;
  }

  /** The points the distance is measured against: a fresh sample of the data. */
  #data(): Float32Array {
    const { distribution, drawn, seed } = this.#settings;
    return pointPool(distribution, drawn, SAMPLES, seed + 5000);
  }

  redraw(drawn: Float32Array): void {
    this.#settings.drawn = drawn;
    this.#reference = this.#data();
    this.#gan?.redraw(drawn);
    this.#denoiser?.redraw(drawn);
  }

  /** Trains for about `ms` milliseconds (whole steps; at least one). */
  train(ms: number): void {
    if (this.#reference.length === 0) return; // an empty drawing: nothing to learn
    const start = performance.now();
    const before = this.steps;
    do this.#stepOnce();
    while (performance.now() - start < ms);
    this.#trainMs += performance.now() - start;
    this.#meter.steps += this.steps - before;
    this.#collect();
  }

  stepOnce(): void {
    if (this.#reference.length === 0) return;
    const start = performance.now();
    this.#stepOnce();
    this.#trainMs += performance.now() - start;
    this.#collect();
    this.#meter = { since: performance.now(), steps: 0, speed: 0 };
  }

  resetMeter(): void {
    this.#meter = { since: performance.now(), steps: 0, speed: 0 };
  }

  #stepOnce(): void {
    if (this.#gan) this.#gan.round();
    else this.#denoiser!.step();
  }

  /** Moves the trainer's pending losses into the next frame's. */
  #collect(): void {
    const add = (label: string, step: number, value: number) => {
      let series = this.#losses.get(label);
      if (!series) this.#losses.set(label, (series = { steps: [], values: [] }));
      series.steps.push(step);
      series.values.push(value);
    };
    if (this.#gan) {
      for (const r of this.#gan.takeLosses()) add(r.player === 'd' ? 'D' : 'G', r.step, r.value);
    } else {
      for (const r of this.#denoiser!.takeLosses()) add('loss', r.step, r.value);
    }
  }

  /** What the figure shows now: samples, paths, distance, losses since the last frame. */
  frame(reduced = false): LaneFrame {
    const now = performance.now();
    if (now - this.#meter.since >= METER_MS) {
      this.#meter.speed = (this.#meter.steps * 1000) / (now - this.#meter.since);
      this.#meter.since = now;
      this.#meter.steps = 0;
    }
    const sampleSeed = this.#seed + 7000;
    let samples: Float32Array;
    let hues: Uint8Array;
    let paths: Float32Array[] = [];
    let straight = Number.NaN;
    if (this.#gan) {
      samples = this.#gan.sample(SAMPLES, sampleSeed);
      hues = ganNoiseHues(SAMPLES, PRESET_GAN.noiseDim, sampleSeed);
    } else {
      const frames = this.#denoiser!.sample(SAMPLES, this.#settings.samplerSteps, sampleSeed);
      samples = frames.at(-1)!;
      hues = angleBuckets(frames[0]!, HUES);
      const trajectory = { times: [], frames };
      // Fewer paths with reduced motion: the picture changes less from one frame to the next.
      paths = Array.from({ length: reduced ? 6 : PATHS }, (_, i) =>
        pathOf(trajectory, i, frames.length - 1),
      );
      straight = straightness(frames);
    }
    const losses = [...this.#losses].map(([label, s]) => ({ label, ...s }));
    this.#losses = new Map();
    return {
      kind: this.kind,
      steps: this.steps,
      speed: this.#meter.speed,
      losses,
      samples,
      hues,
      paths,
      straightness: straight,
      distance:
        this.#reference.length === 0 ? Number.NaN : energyDistance(samples, this.#reference),
      trainMs: this.#trainMs,
    };
  }

  /** The lane's model as a file keeps it: the weights it samples with, and its steps. */
  weights(): Record<string, Float32Array> {
    return this.#gan?.weights() ?? this.#denoiser!.weights();
  }

  /** Takes over saved weights (checked against this lane's shapes by the file's reader). */
  adopt(weights: Record<string, Float32Array>, steps: number): void {
    if (this.#gan) this.#gan.adopt(weights, steps, steps * this.#ganDSteps());
    else this.#denoiser!.adopt(weights, steps);
  }

  #ganDSteps(): number {
    return PRESET_GAN.dSteps;
  }

  dispose(): void {
    this.#gan?.dispose();
    this.#denoiser?.dispose();
  }
}

/** Angle buckets of the first two coordinates of the GAN's noise for `Gan2dTrainer.sample`. */
function ganNoiseHues(n: number, noiseDim: string, seed: number): Uint8Array {
  const dim = Number(noiseDim);
  const noise = Float32Array.from({ length: n * dim }, normal(mulberry32(seed)));
  const firstTwo = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    firstTwo[2 * i] = noise[i * dim]!;
    firstTwo[2 * i + 1] = dim > 1 ? noise[i * dim + 1]! : 0;
  }
  return angleBuckets(firstTwo, HUES);
}
