/**
 * The page's side of the comparison worker, against a stand-in worker: calls are answered by
 * id, progress reaches the caller, an aborted signal tells the worker to stop, errors keep
 * their names (so 'Aborted' and 'BackendChanged' mean the same on both sides), and a figure
 * that subscribes late still hears the runtime's status.
 */
import { describe, expect, test } from 'vitest';
import { CompareClient } from '../../../../src/figures/compare/compareClient.ts';
import type { FromWorker, ToWorker } from '../../../../src/figures/compare/compareProtocol.ts';

class FakeWorker {
  sent: ToWorker[] = [];
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: ToWorker) {
    this.sent.push(m);
  }
  reply(m: FromWorker) {
    this.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  }
  lastCall() {
    const calls = this.sent.filter((m) => m.type === 'call');
    return calls.at(-1) as Extract<ToWorker, { type: 'call' }>;
  }
}

function client() {
  const worker = new FakeWorker();
  const c = new CompareClient(worker as unknown as Worker, '/blog/');
  return { worker, c };
}

describe('CompareClient', () => {
  test('opens the worker with the base path, and is open once the runtime reports', async () => {
    const { worker, c } = client();
    expect(worker.sent[0]).toEqual({ type: 'open', base: '/blog/', search: '' });
    worker.reply({ type: 'runtime', status: { backend: 'wasm', note: null } });
    await expect(c.opened).resolves.toBeUndefined();
    const heard: unknown[] = [];
    c.runtime.subscribe((s) => heard.push(s));
    expect(heard).toEqual([{ backend: 'wasm', note: null }]);
  });

  test('a failed start rejects with the worker’s reason', async () => {
    const { worker, c } = client();
    worker.reply({ type: 'open-failed', message: 'no backend could start' });
    await expect(c.opened).rejects.toThrow('no backend could start');
  });

  test('answers each call by its id, with progress on the way', async () => {
    const { worker, c } = client();
    const done: number[] = [];
    const drawing = c.draw('gan', 8, 3, { promptsFrom: 42, progress: (n) => done.push(n) });
    const call = worker.lastCall();
    expect(call.call).toEqual({ op: 'draw', model: 'gan', n: 8, seed: 3, o: { promptsFrom: 42 } });
    const preloading = c.preload('vae');
    worker.reply({ type: 'progress', id: call.id, done: 4 });
    worker.reply({ type: 'result', id: worker.lastCall().id, value: null });
    await expect(preloading).resolves.toBeNull();
    const pixels = new Float32Array(8 * 3072);
    worker.reply({ type: 'result', id: call.id, value: { pixels, n: 8, msPerFace: 2 } });
    await expect(drawing).resolves.toEqual({ pixels, n: 8, msPerFace: 2 });
    expect(done).toEqual([4]);
  });

  test('aborting tells the worker to stop, and the error keeps its name', async () => {
    const { worker, c } = client();
    const controller = new AbortController();
    const scoring = c.scoreData(100, controller.signal);
    const { id } = worker.lastCall();
    controller.abort();
    expect(worker.sent.at(-1)).toEqual({ type: 'abort', id });
    worker.reply({ type: 'error', id, name: 'Aborted', message: 'Stopped.' });
    await expect(scoring).rejects.toMatchObject({ name: 'Aborted', message: 'Stopped.' });
    // A call whose signal is already aborted never reaches the worker.
    const sent = worker.sent.length;
    await expect(c.scoreData(4, controller.signal)).rejects.toMatchObject({ name: 'Aborted' });
    expect(worker.sent.length).toBe(sent);
  });
});
