/**
 * The page's side of the race figure: starts the Web Worker when the figure wakes (the
 * worker, not the page, loads TensorFlow.js, once), sends it the settings and the transport's
 * commands, and keeps what its frames report: each lane's samples and paths, its loss and
 * distance histories (thinned as they grow, see LossHistory), and the shared clock.
 *
 * The same status, error and retry as every live figure (FigureShell reads them), without a
 * runtime on the main thread: the backend badge names the worker's.
 */
import type { RuntimeStatus } from '../../../models/backends.ts';
import { LossHistory } from '../../../charts/lossHistory.ts';
import type { LiveStatus } from '../../shell/liveSession.svelte.ts';
import type { FromWorker, LaneFrame, RaceSettings, SavedLane, ToWorker } from './race2dProtocol.ts';

export interface LaneView {
  frame: LaneFrame;
  distance: LossHistory;
  losses: Map<string, LossHistory>;
}

export class LiveRace2d {
  status: LiveStatus = $state('loading');
  error: string | null = $state(null);
  runtime: RuntimeStatus | null = $state(null);
  playing = $state(false);
  clock = $state(0);
  lanes: LaneView[] = $state.raw([]);
  /** Bumped whenever the histories change, for the charts to redraw. */
  version = $state(0);

  #worker: Worker | null = null;
  #settings: RaceSettings;
  #run = 0;
  #reduced: () => boolean;
  #requests = 0;
  /** Answers awaited from the worker, by request (not state: nothing draws them). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #waiting = new Map<number, (lanes: SavedLane[]) => void>();

  constructor(settings: RaceSettings, reducedMotion: () => boolean) {
    this.#settings = settings;
    this.#reduced = reducedMotion;
  }

  async start(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.#worker?.terminate();
    try {
      // Vite bundles the worker from exactly this form; the URL is never kept or changed.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const worker = new Worker(new URL('./race2d.worker.ts', import.meta.url), {
        type: 'module',
        name: 'race-2d',
      });
      worker.onmessage = (e: MessageEvent<FromWorker>) => this.#receive(e.data);
      worker.onerror = (e) => this.#fail(e.message || 'The training worker could not start.');
      this.#worker = worker;
      this.#send({ type: 'motion', reduced: this.#reduced() });
      this.#configure();
    } catch (e) {
      this.#fail(e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * New settings: new drawn points carry on training; anything else starts a new race.
   * Returns whether it did.
   */
  configure(settings: RaceSettings): boolean {
    const old = this.#settings;
    this.#settings = settings;
    if (!this.#worker) return false;
    const onlyDrawn =
      settings.distribution === 'draw' &&
      old.distribution === 'draw' &&
      sameSettings({ ...old, drawn: settings.drawn }, settings) &&
      !sameDrawing(old.drawn, settings.drawn);
    if (onlyDrawn) this.#send({ type: 'redraw', drawn: settings.drawn });
    else if (!sameSettings(old, settings)) {
      this.#configure();
      return true;
    }
    return false;
  }

  restart(): void {
    if (this.#worker) this.#configure();
  }

  play(): void {
    if (!this.#worker || this.status !== 'ready') return;
    this.playing = true;
    this.#send({ type: 'play' });
  }

  pause(): void {
    this.playing = false;
    this.#send({ type: 'pause' });
  }

  stepOnce(): void {
    this.playing = false;
    this.#send({ type: 'step' });
  }

  setReducedMotion(reduced: boolean): void {
    this.#send({ type: 'motion', reduced });
  }

  /** Both lanes' weights and steps, read from the worker (training goes on). */
  model(): Promise<SavedLane[]> {
    if (!this.#worker || this.status !== 'ready')
      return Promise.reject(new Error('The models are not ready yet.'));
    const request = ++this.#requests;
    return new Promise((resolve) => {
      this.#waiting.set(request, resolve);
      this.#send({ type: 'save', request });
    });
  }

  /** A new race from a loaded file: its settings and each lane's weights. Paused. */
  adopt(settings: RaceSettings, lanes: SavedLane[]): void {
    this.#settings = settings;
    this.playing = false;
    this.#run++;
    this.lanes = [];
    this.clock = 0;
    this.#send({ type: 'adopt', settings, lanes });
  }

  destroy(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.playing = false;
  }

  #configure(): void {
    const wasPlaying = this.playing;
    this.#run++;
    this.lanes = [];
    this.clock = 0;
    this.#send({ type: 'configure', settings: this.#settings });
    if (wasPlaying) this.#send({ type: 'play' });
  }

  #send(message: ToWorker): void {
    this.#worker?.postMessage(message);
  }

  #receive(message: FromWorker): void {
    if (message.type === 'ready') {
      this.runtime = { backend: message.backend, note: null };
      return;
    }
    if (message.type === 'error') {
      this.#fail(message.message);
      return;
    }
    if (message.type === 'weights') {
      this.#waiting.get(message.request)?.(message.lanes);
      this.#waiting.delete(message.request);
      return;
    }
    // Frames of a race the reader has since replaced are dropped.
    if (message.run !== this.#run) return;
    const lanes = message.lanes.map((frame, i) => {
      const previous = this.lanes[i];
      const view: LaneView =
        previous && previous.frame.kind === frame.kind
          ? { ...previous, frame }
          : // Plain maps: `version` tells the charts when the histories changed.
            // eslint-disable-next-line svelte/prefer-svelte-reactivity
            { frame, distance: new LossHistory(), losses: new Map() };
      if (Number.isFinite(frame.distance)) view.distance.push(message.clock, frame.distance);
      for (const s of frame.losses) {
        let h = view.losses.get(s.label);
        if (!h) view.losses.set(s.label, (h = new LossHistory()));
        s.steps.forEach((step, k) => h.push(step, s.values[k]!));
      }
      return view;
    });
    this.lanes = lanes;
    this.clock = message.clock;
    this.version++;
    this.status = 'ready';
  }

  #fail(message: string): void {
    this.playing = false;
    this.status = 'error';
    this.error = message;
  }
}

function sameDrawing(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameSettings(a: RaceSettings, b: RaceSettings): boolean {
  return (
    a.distribution === b.distribution &&
    a.lanes[0] === b.lanes[0] &&
    a.lanes[1] === b.lanes[1] &&
    a.layers === b.layers &&
    a.units === b.units &&
    a.optimizer === b.optimizer &&
    a.lr === b.lr &&
    a.samplerSteps === b.samplerSteps &&
    a.seed === b.seed &&
    a.batch === b.batch &&
    sameDrawing(a.drawn, b.drawn)
  );
}
