/**
 * The life cycle of the comparison page's live figures (see liveSession.svelte.ts): the
 * page's comparison session opens when a figure wakes. TensorFlow.js and the models load only
 * here, each model the first time a figure draws from it.
 */
import type { CompareSession } from './compareSession.ts';
import { LiveSession } from '../shell/liveSession.svelte.ts';

export class LiveCompare extends LiveSession<CompareSession> {
  constructor(ready: (compare: CompareSession) => Promise<void>) {
    super(async () => {
      const { openCompare } = await import('./compareSession.ts');
      return openCompare(import.meta.env.BASE_URL);
    }, ready);
  }
}
