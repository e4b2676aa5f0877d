/**
 * Every figure's metadata, gathered from the figure folders' `figure.ts` at build time (a
 * Vite glob, so Astro, Vitest and the site read it; Node scripts read ids.ts and import one
 * figure.ts by its folder). An id without a folder, or a folder without an id, fails here.
 */
import { FIGURE_FOLDERS, FIGURE_IDS, type FigureId } from './ids.ts';
import { SHELL_CONTROLS, type FigureMeta } from './meta.ts';

export { FIGURE_IDS, isFigureId, type FigureId } from './ids.ts';
export type { FigureMeta } from './meta.ts';

const modules = import.meta.glob<{ default: FigureMeta }>('./*/*/figure.ts', { eager: true });

function collect(): Record<FigureId, FigureMeta> {
  const byFolder = new Map(
    Object.entries(modules).map(([path, m]) => [path.slice(2, -'/figure.ts'.length), m.default]),
  );
  const out = {} as Record<FigureId, FigureMeta>;
  for (const id of FIGURE_IDS) {
    const meta = byFolder.get(FIGURE_FOLDERS[id]);
    if (!meta) throw new Error(`figure "${id}": no src/figures/${FIGURE_FOLDERS[id]}/figure.ts`);
    if (meta.id !== id)
      throw new Error(
        `src/figures/${FIGURE_FOLDERS[id]}/figure.ts says id "${meta.id}", ids.ts "${id}"`,
      );
    byFolder.delete(FIGURE_FOLDERS[id]);
    out[id] = meta;
  }
  const orphans = [...byFolder.keys()];
  if (orphans.length)
    throw new Error(`figure folders without an id in ids.ts: ${orphans.join(', ')}`);
  return out;
}

export const FIGURES: Record<FigureId, FigureMeta> = collect();

/** Everything a teacher link can hide in figure `id`: its own controls, then the shell's. */
export function hideableControls(id: FigureId): Record<string, string> {
  return { ...FIGURES[id].controls, ...SHELL_CONTROLS };
}
