/**
 * The page's side of a worker session, against a scripted stand-in for the worker: answers
 * find their calls by id, progress reaches its call, an abort tells the worker which call to
 * stop, errors keep their names, the runtime status is replayed to a late subscriber, and one
 * shared client per page is started once but forgotten after a failed start.
 */
import { describe, expect, test, vi } from 'vitest';
import type { RuntimeStatus } from '../../../../src/models/backends.ts';
import type { FromWorker, ToWorker } from '../../../../src/figures/shell/sessionProtocol.ts';
import { WorkerClient, sharedClient } from '../../../../src/figures/shell/workerClient.ts';

type Call = { op: 'double'; x: number } | { op: 'slow' };

/** A worker that records what it is sent; `reply` plays its answers back to the client. */
class FakeWorker {
  sent: ToWorker<Call>[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: ToWorker<Call>) {
    this.sent.push(m);
  }
  reply(m: FromWorker<number>) {
    this.onmessage?.({ data: m } as MessageEvent);
  }
  calls() {
    return this.sent.filter(
      (m): m is Extract<ToWorker<Call>, { type: 'call' }> => m.type === 'call',
    );
  }
}

class Client extends WorkerClient<Call, number> {
  double(x: number, progress?: (done: number) => void) {
    return this.call<number>({ op: 'double', x }, { progress });
  }
  slow(signal: AbortSignal) {
    return this.call<number>({ op: 'slow' }, { signal });
  }
}

const STATUS = { backend: 'wasm', note: null, error: null } as unknown as RuntimeStatus;

function client() {
  const worker = new FakeWorker();
  const c = new Client(worker as unknown as Worker, '/base/', 'test', '?backend=cpu');
  return { worker, c };
}

describe('WorkerClient', () => {
  test('opens with the base path and the page’s query, then answers calls by id', async () => {
    const { worker, c } = client();
    expect(worker.sent[0]).toEqual({ type: 'open', base: '/base/', search: '?backend=cpu' });
    const a = c.double(2);
    const b = c.double(5);
    const [ca, cb] = worker.calls();
    // Answered out of order: each answer still reaches its own call.
    worker.reply({ type: 'result', id: cb!.id, value: 10 });
    worker.reply({ type: 'result', id: ca!.id, value: 4 });
    expect(await Promise.all([a, b])).toEqual([4, 10]);
  });

  test('progress reaches the call it belongs to', async () => {
    const { worker, c } = client();
    const heard: number[] = [];
    const p = c.double(1, (d) => heard.push(d));
    const id = worker.calls()[0]!.id;
    worker.reply({ type: 'progress', id, done: 16 });
    worker.reply({ type: 'progress', id: id + 99, done: 1 });
    worker.reply({ type: 'progress', id, done: 32 });
    worker.reply({ type: 'result', id, value: 2 });
    await p;
    expect(heard).toEqual([16, 32]);
  });

  test('an aborted signal asks the worker to stop that call; an aborted one is never sent', async () => {
    const { worker, c } = client();
    const controller = new AbortController();
    const p = c.slow(controller.signal);
    const id = worker.calls()[0]!.id;
    controller.abort();
    expect(worker.sent.at(-1)).toEqual({ type: 'abort', id });
    worker.reply({ type: 'error', id, name: 'Aborted', message: 'Stopped.' });
    await expect(p).rejects.toMatchObject({ name: 'Aborted' });
    const before = worker.calls().length;
    await expect(c.slow(controller.signal)).rejects.toMatchObject({ name: 'Aborted' });
    expect(worker.calls()).toHaveLength(before);
  });

  test('errors keep their name, so a backend switch is told apart from a failure', async () => {
    const { worker, c } = client();
    const p = c.double(3);
    worker.reply({
      type: 'error',
      id: worker.calls()[0]!.id,
      name: 'BackendChanged',
      message: 'The backend changed.',
    });
    await expect(p).rejects.toMatchObject({
      name: 'BackendChanged',
      message: 'The backend changed.',
    });
  });

  test('the runtime status opens the client and is replayed to a late subscriber', async () => {
    const { worker, c } = client();
    const early = vi.fn();
    c.runtime.subscribe(early);
    worker.reply({ type: 'runtime', status: STATUS });
    await c.opened;
    const late = vi.fn();
    const stop = c.runtime.subscribe(late);
    expect(early).toHaveBeenCalledWith(STATUS);
    expect(late).toHaveBeenCalledWith(STATUS);
    stop();
    worker.reply({ type: 'runtime', status: { ...STATUS, backend: 'cpu' } as RuntimeStatus });
    expect(late).toHaveBeenCalledTimes(1);
    expect(early).toHaveBeenCalledTimes(2);
  });

  test('a failed start rejects `opened` with the worker’s message', async () => {
    const { worker, c } = client();
    worker.reply({ type: 'open-failed', message: 'No WebAssembly here.' });
    await expect(c.opened).rejects.toThrow('No WebAssembly here.');
  });
});

describe('sharedClient', () => {
  test('starts one client per page and shares it', async () => {
    const started: FakeWorker[] = [];
    const start = vi.fn((base: string) => {
      const worker = new FakeWorker();
      started.push(worker);
      return new Client(worker as unknown as Worker, base, 'test', '');
    });
    const open = sharedClient(start);
    const a = open('/a/');
    const b = open('/b/');
    started[0]!.reply({ type: 'runtime', status: STATUS });
    expect(await a).toBe(await b);
    expect(start).toHaveBeenCalledTimes(1);
  });

  test('forgets a failed start, so "Try again" starts afresh', async () => {
    const started: FakeWorker[] = [];
    const open = sharedClient((base) => {
      const worker = new FakeWorker();
      started.push(worker);
      return new Client(worker as unknown as Worker, base, 'test', '');
    });
    const first = open('/');
    started[0]!.reply({ type: 'open-failed', message: 'no weights' });
    await expect(first).rejects.toThrow('no weights');
    const second = open('/');
    expect(started).toHaveLength(2);
    started[1]!.reply({ type: 'runtime', status: STATUS });
    expect(await second).toBeInstanceOf(Client);
  });
});
