/**
 * The page's half of offline reading: registers the service worker (serviceWorker.ts) once
 * the page has loaded, and when the browser is idle asks it to cache the wasm binaries and
 * the models too, unless the reader has Data Saver on, in which case each model is cached
 * the first time a figure fetches it. The status line then says what works offline.
 */
import type { PrecacheRequest, PrecacheStatus } from './precache.ts';

const MESSAGES: Record<PrecacheStatus['state'], string> = {
  complete: 'Available offline: every page and figure now works without a connection.',
  pages: 'Pages available offline. With Data Saver on, each figure’s model is kept once it runs.',
  failed: '',
};

interface NetworkInformation {
  saveData?: boolean;
}

export function startOffline(baseUrl: string, status: HTMLElement | null): void {
  if (!('serviceWorker' in navigator)) return;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  // After load, so the worker's downloads never compete with the page's own.
  if (document.readyState === 'complete') void run(base, status);
  else addEventListener('load', () => void run(base, status), { once: true });
}

async function run(base: string, status: HTMLElement | null): Promise<void> {
  try {
    await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
  } catch {
    return; // Storage disabled (a private window, a policy): the site stays online-only.
  }
  const { active } = await navigator.serviceWorker.ready;
  if (!active) return;
  await idle();
  const saveData = (navigator as { connection?: NetworkInformation }).connection?.saveData;
  const reply = await ask(active, { type: 'precache', heavy: saveData !== true });
  if (status) {
    status.dataset['offline'] = reply.state;
    status.textContent = MESSAGES[reply.state];
  }
}

/** Resolves when the main thread is idle (at once where requestIdleCallback is missing). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve());
    else resolve();
  });
}

function ask(worker: ServiceWorker, request: PrecacheRequest): Promise<PrecacheStatus> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<PrecacheStatus>) => resolve(event.data);
    worker.postMessage(request, [channel.port2]);
  });
}
