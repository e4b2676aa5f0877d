/**
 * The comparison page's models, off the main thread: one CompareSession (tfjs, the models,
 * the probe) in the page's model worker (../models.worker.ts), answering compareClient.ts. Drawing DDPM's faces or measuring
 * a thousand of them took main-thread tasks of 100 ms and more; here they take none.
 */
import type { Probed, ImageSet } from '../../models/yardstick.ts';
import { serveSession, type CallContext } from '../shell/serveSession.ts';
import type { CompareCall, CompareResult } from './compareProtocol.ts';
import { CompareSession, OTHER_OFFSET, promptsFor, referenceFaces } from './compareSession.ts';

/** The real faces every score is measured against, once probed. */
let reference: { set: ImageSet; probed: Probed } | null = null;

serveSession<CompareSession, CompareCall, CompareResult>({
  open: (runtime, base) => new CompareSession(runtime, base),
  run,
  // Drawn pixels are made for this answer alone: hand them over rather than copy them.
  transfer: (value) => (value && 'pixels' in value ? [value.pixels.buffer as ArrayBuffer] : []),
});

async function run(
  compare: CompareSession,
  call: CompareCall,
  { signal, progress }: CallContext,
): Promise<CompareResult> {
  /** Draws a call's faces, prompted with held-out faces' factors when it asks for that. */
  const draw = (c: Extract<CompareCall, { op: 'draw' | 'draw-and-score' }>) =>
    compare.draw(c.model, c.n, c.seed, {
      signal,
      progress,
      ...(c.o.promptsFrom === undefined ? {} : { prompts: promptsFor(c.o.promptsFrom, c.n) }),
    });
  switch (call.op) {
    case 'preload':
      await compare.preload(call.model);
      return null;
    case 'draw':
      return draw(call);
    case 'score-data': {
      const set = { pixels: await referenceFaces(call.n, 0, signal), n: call.n };
      reference = { set, probed: await compare.probe(set, signal) };
      const others = await referenceFaces(call.n, OTHER_OFFSET, signal);
      return compare.score(others, call.n, reference, signal);
    }
    case 'draw-and-score': {
      if (!reference || reference.set.n !== call.n)
        throw new Error('Measure the real faces first (score-data) at the same size.');
      const drawn = await draw(call);
      const score = await compare.score(drawn.pixels, call.n, reference, signal);
      return { score, msPerFace: drawn.msPerFace };
    }
  }
}
