/**
 * The page's half of offline reading: registers the service worker (serviceWorker.ts) once
 * the page has loaded, hands it the files this page loaded before it ran (so the page works
 * offline next time, as every page read does), and drives the footer's "Read offline" panel:
 * keep this chapter or the whole site, with its size, progress and a way to cancel or undo.
 * A link with `?offline=chapter` or `?offline=site` (a teacher's) offers it at once; it
 * still asks.
 */
import type { OfflineProgress, OfflineRequest, OfflineState, Scope } from './precache.ts';

export interface OfflinePanel {
  root: HTMLElement;
  text: HTMLElement;
  progress: HTMLProgressElement;
  keepChapter: HTMLButtonElement | null;
  keepSite: HTMLButtonElement;
  cancel: HTMLButtonElement;
  forget: HTMLButtonElement;
  /** The offer a teacher's link opens, with its own text and buttons. */
  offer: { root: HTMLElement; text: HTMLElement; yes: HTMLButtonElement; no: HTMLButtonElement };
}

export function startOffline(
  baseUrl: string,
  panel: OfflinePanel | null,
  chapter: string | null,
): void {
  if (!('serviceWorker' in navigator)) return;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  // After load, so registering never competes with the page's own downloads.
  if (document.readyState === 'complete') void run(base, panel, chapter);
  else addEventListener('load', () => void run(base, panel, chapter), { once: true });
}

async function run(base: string, panel: OfflinePanel | null, chapter: string | null) {
  try {
    await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
  } catch {
    return; // Storage disabled (a private window, a policy): the site stays online-only.
  }
  const { active } = await navigator.serviceWorker.ready;
  if (!active) return;
  const resources = performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((url) => url.startsWith(location.origin + base));
  await ask(active, { type: 'offline-remember', urls: [location.href, ...resources] });
  if (panel) new Panel(active, panel, chapter).start();
}

function ask(
  worker: ServiceWorker,
  request: OfflineRequest,
  onProgress?: (p: OfflineProgress) => void,
): Promise<OfflineState> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<OfflineState | OfflineProgress>) => {
      if (event.data.type === 'offline-progress') onProgress?.(event.data);
      else {
        resolve(event.data);
        channel.port1.close();
      }
    };
    worker.postMessage(request, [channel.port2]);
  });
}

const mb = (bytes: number) =>
  bytes < 100_000
    ? `${Math.max(1, Math.round(bytes / 1000))} KB`
    : `${(bytes / 1e6).toFixed(1)} MB`;

class Panel {
  #scopes: Scope[];
  constructor(
    private readonly worker: ServiceWorker,
    private readonly el: OfflinePanel,
    private readonly chapter: string | null,
  ) {
    this.#scopes = chapter ? [chapter, 'site'] : ['site'];
  }

  start(): void {
    const { el } = this;
    el.keepChapter?.addEventListener('click', () => void this.keep(this.chapter!));
    el.keepSite.addEventListener('click', () => void this.keep('site'));
    el.cancel.addEventListener('click', () => void ask(this.worker, { type: 'offline-cancel' }));
    el.forget.addEventListener('click', () => void this.forget());
    el.offer.no.addEventListener('click', () => (el.offer.root.hidden = true));
    void this.refresh(true);
  }

  async refresh(offer = false, stopped?: string): Promise<void> {
    const state = await ask(this.worker, { type: 'offline-status', scopes: this.#scopes });
    this.show(state, stopped);
    if (offer) this.offer(state);
  }

  /** A teacher's link asks for a scope: offer it, unless it is kept already. */
  offer(state: OfflineState): void {
    const wanted = new URLSearchParams(location.search).get('offline');
    const s =
      wanted === 'site' ? 'site' : wanted === 'chapter' && this.chapter ? this.chapter : null;
    if (!s || state.kept.includes(s) || state.kept.includes('site')) return;
    const { offer } = this.el;
    const what = s === 'site' ? 'the whole site' : 'this chapter';
    offer.text.textContent = `The link you followed suggests keeping ${what} for reading without a connection: it downloads ${mb(state.sizes[s]?.missing ?? 0)} now.`;
    offer.yes.onclick = () => {
      offer.root.hidden = true;
      void this.keep(s);
    };
    offer.root.hidden = false;
    offer.yes.focus();
  }

  async keep(s: Scope): Promise<void> {
    const { el } = this;
    el.root.dataset['offline'] = 'keeping';
    for (const b of [el.keepChapter, el.keepSite, el.forget]) if (b) b.hidden = true;
    el.cancel.hidden = false;
    el.progress.hidden = false;
    el.progress.value = 0;
    const what = s === 'site' ? 'the whole site' : 'this chapter';
    el.text.textContent = `Downloading ${what} for offline reading…`;
    const state = await ask(this.worker, { type: 'offline-keep', scope: s }, (p) => {
      el.progress.max = Math.max(1, p.total);
      el.progress.value = p.done;
      el.progress.setAttribute('aria-valuetext', `${mb(p.done)} of ${mb(p.total)}`);
      el.text.textContent = `Downloading ${what} for offline reading: ${mb(p.done)} of ${mb(p.total)}.`;
    });
    await this.refresh(false, state.stopped);
  }

  async forget(): Promise<void> {
    await ask(this.worker, { type: 'offline-forget' });
    await this.refresh(false, 'forgotten');
  }

  show(state: OfflineState, stopped?: string): void {
    const { el, chapter } = this;
    el.root.hidden = false;
    el.progress.hidden = true;
    el.cancel.hidden = true;
    const site = state.kept.includes('site');
    const kept = site ? 'site' : (state.kept.find((s) => s === chapter) ?? state.kept[0]);
    el.root.dataset['offline'] = kept ? 'kept' : 'available';
    if (kept) el.root.dataset['offlineKept'] = kept;
    else delete el.root.dataset['offlineKept'];
    const size = (s: Scope) => state.sizes[s] ?? { bytes: 0, missing: 0 };
    if (el.keepChapter && chapter) {
      el.keepChapter.hidden = site || state.kept.includes(chapter);
      el.keepChapter.textContent = `Keep this chapter (${mb(size(chapter).missing)})`;
    }
    el.keepSite.hidden = site;
    el.keepSite.textContent = `Keep the whole site (${mb(size('site').missing)})`;
    el.forget.hidden = state.kept.length === 0;
    const lead =
      stopped === 'cancelled'
        ? 'Download cancelled; nothing of it was kept. '
        : stopped === 'forgotten'
          ? 'The offline copy is removed. '
          : stopped === 'busy'
            ? 'Another tab of this site is downloading for offline reading already. '
            : stopped
              ? `The download stopped: ${stopped} Nothing of it was kept; try again when the connection is back. `
              : '';
    el.text.textContent =
      lead +
      (site
        ? 'The whole site is kept: every page and figure works without a connection.'
        : kept
          ? `${kept === chapter ? 'This chapter is' : 'A chapter is'} kept: its pages and figures work without a connection.`
          : 'Pages you have read and figures you have used work without a connection. To keep more, choose:');
  }
}
