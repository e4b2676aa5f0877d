/**
 * "Redraw when these change, once live": the effect every live figure with reader-chosen
 * inputs repeats. It reruns when what `watch` reads changes (and nothing else: `draw` runs
 * untracked, so the state it writes does not trigger it again); errors go to the session's
 * error line, except a backend switch cancelling a read. Call it while a component is set up.
 */
import { untrack } from 'svelte';
import type { LiveSession, RuntimeOwner } from './liveSession.svelte.ts';

export function redrawWhenReady<S extends RuntimeOwner>(
  live: LiveSession<S>,
  watch: () => unknown,
  draw: (session: S) => Promise<void>,
): void {
  $effect(() => {
    watch();
    if (live.status !== 'ready') return;
    untrack(() => {
      if (live.session) draw(live.session).catch(live.report);
    });
  });
}
