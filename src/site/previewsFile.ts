/**
 * Sizes of the figure previews (`npm run previews` writes public/previews/previews.json with
 * the JPEGs), read at build time by the embed index. Server only (node:fs). A missing or
 * partial file is not an error: that figure's card shows no image and its snippet a default
 * height.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';

const entrySchema = z.object({
  /** The JPEG's size in pixels. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Height of the figure's embed page at `embedWidth` CSS pixels: the iframe's height. */
  embedWidth: z.number().int().positive(),
  embedHeight: z.number().int().positive(),
});
export type Preview = z.infer<typeof entrySchema>;

export const PREVIEWS_DIR = join('public', 'previews');
export const PREVIEWS_PATH = join(PREVIEWS_DIR, 'previews.json');

export function readPreviews(path = PREVIEWS_PATH): Record<string, Preview> {
  if (!existsSync(path)) return {};
  const parsed = z.record(entrySchema).safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : {};
}
