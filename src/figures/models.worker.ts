/**
 * The one Web Worker script every chapter's live models run in. A chapter's client starts it
 * with its chapter's name (`new Worker(…, { name: 'vae' })`) and the worker imports that
 * chapter's session (its *Serve.ts, which calls serveSession). One script rather than one per
 * chapter, because Vite builds each worker script on its own: four scripts carried four
 * copies of TensorFlow.js and of its WebGL backend (528 KB each), all of them in a reader's
 * offline copy of the site. Here the chapters share one copy; a page still downloads only
 * its own chapter's code.
 */
import type { FromWorker } from './shell/sessionProtocol.ts';

const CHAPTERS: Record<string, () => Promise<unknown>> = {
  vae: () => import('./vae/vaeServe.ts'),
  gan: () => import('./gan/ganServe.ts'),
  diffusion: () => import('./diffusion/diffusionServe.ts'),
  compare: () => import('./compare/compareServe.ts'),
};

const scope = self as unknown as Worker & { name: string };
// The page's first messages ('open', perhaps calls) arrive while the chapter's code loads:
// keep them, and hand them to the chapter's handler once it is in place.
const early: MessageEvent[] = [];
scope.onmessage = (event) => early.push(event);

const load = CHAPTERS[scope.name];
const fail = (message: string) =>
  scope.postMessage({ type: 'open-failed', message } satisfies FromWorker<never>);
if (!load) fail(`No chapter "${scope.name}" runs models in this worker.`);
else
  load().then(
    () => {
      for (const event of early) scope.onmessage?.(event);
      early.length = 0;
    },
    (e: unknown) =>
      fail(`The chapter's model code did not load: ${e instanceof Error ? e.message : e}`),
  );
