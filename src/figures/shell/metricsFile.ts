/**
 * Where the measured numbers live: `public/models/metrics.json`, written by `npm run evaluate`
 * and read at build time (server only) by each chapter's own reader, e.g.
 * src/figures/vae/vaeMetrics.ts, so the numbers are in the server-rendered page and its text
 * alternatives.
 */
import { join } from 'node:path';

export const METRICS_PATH = join('public', 'models', 'metrics.json');
