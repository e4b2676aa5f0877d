/**
 * The diffusion chapter's models, off the main thread: the ddpm, the prompted latent model,
 * the probe and the 2-D toy model (diffusionModels.ts) in the page's model worker
 * (../models.worker.ts), shared by the chapter's figures through diffusionClient.ts. A U-Net call took the page 20–30 ms of main-thread work per
 * step of the reverse process; here it takes none.
 */
import { serveSession } from '../shell/serveSession.ts';
import type { DiffusionCall, DiffusionResult } from './diffusionProtocol.ts';
import { DiffusionModels } from './diffusionModels.ts';

serveSession<DiffusionModels, DiffusionCall, DiffusionResult>({
  open: (runtime, base) => new DiffusionModels(runtime, base),
  async run(models, call, { progress }) {
    switch (call.op) {
      case 'ddpm-noise':
        return models.ddpmNoise(call.x, call.t);
      case 'ldm-noise':
        return models.ldmNoise(call.z, call.t, call.prompt, call.guidance);
      case 'ldm-decode':
        return models.ldmDecode(call.z0);
      case 'latent-shape':
        return models.latentShape();
      case 'prompt-sample':
        return (await models.prompting()).sample(call.prompt, call.guidance, call.n, call.seed);
      case 'probe-read':
        return (await models.prompting()).read(call.images, call.n);
      case '2d-reverse': {
        const toy = await models.diffusion2d();
        const film = await toy.reverse(call.which, call.n, call.steps, call.seed, progress);
        return { ...film, stepMs: toy.lastStepMs };
      }
    }
  },
  // Every array answer is made fresh for its call, so its buffers can be handed over.
  transfer: (value) =>
    value instanceof Float32Array
      ? [value.buffer as ArrayBuffer]
      : 'frames' in value
        ? value.frames.map((f) => f.buffer as ArrayBuffer)
        : [],
});
