import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIGURE_FOLDERS, FIGURE_IDS, isFigureId } from '../../../src/figures/ids.ts';
import { FIGURES } from '../../../src/figures/registry.ts';

const ROOT = 'src/figures';
/** Folders under src/figures that are not chapters: the shell every figure lives in. */
const NOT_CHAPTERS = new Set(['shell']);

/** Every `<chapter>/<figure>/` folder that holds a figure.ts or a Figure.astro. */
function figureFolders(): string[] {
  const out: string[] = [];
  for (const chapter of readdirSync(ROOT)) {
    if (NOT_CHAPTERS.has(chapter) || !statSync(join(ROOT, chapter)).isDirectory()) continue;
    for (const figure of readdirSync(join(ROOT, chapter))) {
      const dir = join(ROOT, chapter, figure);
      if (!statSync(dir).isDirectory()) continue;
      if (existsSync(join(dir, 'figure.ts')) || existsSync(join(dir, 'Figure.astro')))
        out.push(`${chapter}/${figure}`);
    }
  }
  return out.sort();
}

describe('one folder per figure', () => {
  test.each(FIGURE_IDS)('%s has its folder with figure.ts and Figure.astro', (id) => {
    const dir = join(ROOT, FIGURE_FOLDERS[id]);
    expect(existsSync(join(dir, 'figure.ts'))).toBe(true);
    expect(existsSync(join(dir, 'Figure.astro'))).toBe(true);
    expect(FIGURES[id].id).toBe(id);
  });

  test('no figure folder lacks an id in ids.ts', () => {
    expect(figureFolders()).toEqual(Object.values(FIGURE_FOLDERS).sort());
  });

  test('ids are unique, well formed and recognised', () => {
    expect(new Set(FIGURE_IDS).size).toBe(FIGURE_IDS.length);
    for (const id of FIGURE_IDS) {
      expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(isFigureId(id)).toBe(true);
    }
    expect(isFigureId('toString')).toBe(false);
    expect(isFigureId('no-such-figure')).toBe(false);
  });

  test('src/figures/Figure.astro has no branch per figure id', () => {
    const source = readFileSync(join(ROOT, 'Figure.astro'), 'utf8');
    for (const id of FIGURE_IDS) expect(source).not.toContain(`'${id}'`);
    expect(source).not.toMatch(/id\s*===/);
  });

  test('every figure has a title and a caption', () => {
    for (const id of FIGURE_IDS) {
      expect(FIGURES[id].title.length, id).toBeGreaterThan(10);
      expect(FIGURES[id].caption.length, id).toBeGreaterThan(40);
    }
  });
});
