/**
 * Loading a shipped model in the browser: `public/models/<id>/model.json` and its weights,
 * under the site's base path, split into the model's networks ('vae', 'generator', …).
 * Loads are cached per page, so figures sharing a model fetch it once.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { splitGroups, type Params } from './nn.ts';
import { fetchWeights, type WeightsModelJson } from './training/weightsUrl.ts';

export type ModelId = 'vae' | 'gan' | 'ddpm' | 'ldm-ae' | 'ldm' | 'diffusion-2d' | 'probe';

export interface LoadedModel {
  id: ModelId;
  /** The networks of the model, e.g. { generator, discriminator } for the GAN. */
  groups: Record<string, Params>;
  /** Everything as stored (the probe's weights are not grouped). */
  weights: Record<string, tf.Tensor>;
  /** Extra fields of model.json, e.g. the ldm's latentScale. */
  meta: WeightsModelJson;
}

const cache = new Map<string, Promise<LoadedModel>>();

/** The URL of a model's model.json under `base` (import.meta.env.BASE_URL in the site). */
export function modelUrl(id: ModelId, base: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}models/${id}/model.json`;
}

export function loadModel(id: ModelId, base: string): Promise<LoadedModel> {
  const url = modelUrl(id, base);
  let pending = cache.get(url);
  if (!pending) {
    pending = fetchWeights(url).then(({ modelJson, weights }) => ({
      id,
      groups: id === 'probe' ? {} : splitGroups(weights),
      weights,
      meta: modelJson,
    }));
    // A failed load is not cached: "Try again" must refetch.
    pending.catch(() => cache.delete(url));
    cache.set(url, pending);
  }
  return pending;
}

/**
 * Forgets every loaded model and frees its tensors, for a runtime that has moved to another
 * backend after losing its WebGL context: those tensors lived in the lost context (reading
 * them would hang or give zeros), so each model is loaded afresh, from the browser's cache,
 * on the new backend when next asked for.
 */
export async function forgetModels(): Promise<void> {
  const loaded = [...cache.values()];
  cache.clear();
  for (const pending of loaded) {
    const model = await pending.catch(() => null);
    if (model) for (const t of Object.values(model.weights)) t.dispose();
  }
}
