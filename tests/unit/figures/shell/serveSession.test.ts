/**
 * The worker's side of a session, with a scripted runtime: after a backend switch the session
 * reopens on the new backend, and a reopen that fails (the models could not be fetched again)
 * is retried by the next call instead of failing every call from then on.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { FromWorker } from '../../../../src/figures/shell/sessionProtocol.ts';

type Listener = (status: { backend: string | null }) => void;
const runtime = {
  status: { backend: 'webgl' as string | null },
  listeners: [] as Listener[],
  subscribe(listener: Listener) {
    this.listeners.push(listener);
    listener(this.status);
    return () => {};
  },
  switchTo(backend: string) {
    this.status = { backend };
    for (const l of this.listeners) l(this.status);
  },
};

vi.mock('../../../../src/models/runtime.ts', () => ({
  BACKENDS: ['wasm', 'webgl', 'cpu'],
  withUrlOverride: (order: string[]) => order,
  getRuntime: async () => runtime,
}));
vi.mock('../../../../src/models/zoo.ts', () => ({ forgetModels: async () => {} }));

const posted: FromWorker<string>[] = [];
const scope = globalThis as unknown as {
  self: { postMessage: (m: FromWorker<string>) => void; onmessage?: (e: MessageEvent) => void };
};
beforeEach(() => {
  posted.length = 0;
  runtime.listeners = [];
  runtime.status = { backend: 'webgl' };
  scope.self = { postMessage: (m) => posted.push(m) };
});
afterEach(() => vi.restoreAllMocks());

const send = (data: unknown) => scope.self.onmessage!({ data } as MessageEvent);
const settle = () => new Promise((r) => setTimeout(r, 0));
const answerTo = (id: number) =>
  posted.find((m) => (m.type === 'result' || m.type === 'error') && m.id === id);

test('a failed reopen after a backend switch is retried by the next call', async () => {
  const { serveSession } = await import('../../../../src/figures/shell/serveSession.ts');
  const opens: string[] = [];
  let failNext = false;
  serveSession<string, string, string>({
    open: async (rt) => {
      const backend = (rt as unknown as typeof runtime).status.backend ?? '?';
      opens.push(backend);
      if (failNext) {
        failNext = false;
        throw new Error('models could not be fetched');
      }
      return `session on ${backend}`;
    },
    run: async (session, call) => `${call} by ${session}`,
  });
  send({ type: 'open', base: '/', search: '' });
  send({ type: 'call', id: 1, call: 'first' });
  await settle();
  expect(answerTo(1)).toEqual({ type: 'result', id: 1, value: 'first by session on webgl' });

  failNext = true;
  runtime.switchTo('wasm');
  send({ type: 'call', id: 2, call: 'second' });
  await settle();
  // The reopen failed: this call says so…
  expect(answerTo(2)).toMatchObject({ type: 'error', message: 'models could not be fetched' });
  // …and the next one opens again, on the new backend, and is answered.
  send({ type: 'call', id: 3, call: 'third' });
  await settle();
  expect(answerTo(3)).toEqual({ type: 'result', id: 3, value: 'third by session on wasm' });
  expect(opens).toEqual(['webgl', 'wasm', 'wasm']);
  expect(posted.filter((m) => m.type === 'runtime').map((m) => m.status.backend)).toEqual([
    'webgl',
    'wasm',
  ]);
});
