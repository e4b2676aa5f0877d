/**
 * The life cycle of the comparison page's live figures (see liveSession.svelte.ts): the
 * page's comparison worker starts when a figure wakes. TensorFlow.js and the models load only
 * there, each model the first time a figure draws from it.
 */
import type { CompareClient } from './compareClient.ts';
import { LiveSession } from '../shell/liveSession.svelte.ts';

export class LiveCompare extends LiveSession<CompareClient> {
  constructor(ready: (compare: CompareClient) => Promise<void>) {
    super(async () => {
      const { openCompare } = await import('./compareClient.ts');
      return openCompare(import.meta.env.BASE_URL);
    }, ready);
  }
}
