/**
 * The layers only look down, in every kind of file: ESLint's no-restricted-imports guards .ts
 * and .svelte files, but it does not read .astro files, so this test resolves every relative
 * import of src/ and scripts/ (.ts, .svelte, .astro) and checks it against the same rules.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, test } from 'vitest';

type Layer = string;

/** The layer a repository path belongs to. */
export function layerOf(path: string): Layer {
  const parts = path.split('/');
  if (parts[0] === 'scripts') return 'scripts';
  if (parts[0] === 'tests') return 'tests';
  if (parts[0] !== 'src') return 'outside';
  const top = parts[1]!;
  if (top === 'data' || top === 'models' || top === 'charts') return top;
  if (top === 'figures') {
    if (parts.length === 3) return `figures-root:${parts[2]}`;
    return parts[2] === 'shell' ? 'shell' : `chapter:${parts[2]}`;
  }
  return 'site';
}

/** Whether a file of layer `from` may import one of layer `to`. */
export function mayImport(from: Layer, to: Layer): boolean {
  const below = (...allowed: string[]) => allowed.includes(to);
  if (from === 'data') return below('data');
  if (from === 'models') return below('models', 'data');
  if (from === 'charts') return below('charts', 'models', 'data');
  if (from === 'shell') return below('shell', 'charts', 'models', 'data');
  if (from.startsWith('chapter:'))
    return (
      to === from ||
      below('shell', 'charts', 'models', 'data', 'figures-root:meta.ts', 'figures-root:ids.ts')
    );
  if (from.startsWith('figures-root:')) return to !== 'site' && to !== 'scripts' && to !== 'tests';
  if (from === 'site') return to !== 'scripts' && to !== 'tests';
  if (from === 'scripts') return to !== 'tests';
  return true;
}

const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte|astro|mjs)$/.test(name) ? [path] : [];
  });
}

describe('the layer rules', () => {
  test('read as the README says', () => {
    expect(mayImport('models', 'data')).toBe(true);
    expect(mayImport('data', 'models')).toBe(false);
    expect(mayImport('chapter:gan', 'chapter:gan')).toBe(true);
    expect(mayImport('chapter:gan', 'chapter:vae')).toBe(false);
    expect(mayImport('chapter:gan', 'site')).toBe(false);
    expect(mayImport('chapter:gan', 'figures-root:registry.ts')).toBe(false);
    expect(mayImport('shell', 'chapter:vae')).toBe(false);
    expect(mayImport('site', 'chapter:vae')).toBe(true);
    expect(mayImport('scripts', 'tests')).toBe(false);
    expect(layerOf('src/figures/gan/gan-2d/GanPlane.svelte')).toBe('chapter:gan');
    expect(layerOf('src/figures/shell/controls/SeedField.svelte')).toBe('shell');
    expect(layerOf('src/figures/ids.ts')).toBe('figures-root:ids.ts');
  });

  const files = [...sourceFiles('src'), ...sourceFiles('scripts')];
  test.each(files)('%s imports only what its layer may', (file) => {
    const from = layerOf(file);
    const text = readFileSync(file, 'utf8');
    const wrong = [...text.matchAll(IMPORT)]
      .map((m) => normalize(join(dirname(file), m[1]!)))
      .filter((target) => !mayImport(from, layerOf(target)));
    expect(wrong, `${file} (${from})`).toEqual([]);
  });
});
