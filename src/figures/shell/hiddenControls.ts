/**
 * Teacher links: `?<figure id>-hide=seed,steps` hides chosen control groups of a figure, as
 * TensorFlow Playground's classroom mode does, so a class sees only what the lesson needs.
 * Figures mark their groups with `data-control="<name>"`; FigureShell puts the names read
 * here in its `data-hide` attribute and global.css does the hiding, so a hidden control keeps
 * its state (from the URL) and nothing re-renders. As with the other URL state, parsing never
 * throws: names that are not well formed are dropped, and names a figure does not have match
 * nothing.
 */

/** The query parameter of figure `id`: separate from its `<id>.<key>` state, so "Copy link
 * to this state" carries it along untouched. */
export const hideParam = (id: string) => `${id}-hide`;

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * The control names to hide for figure `id`, in first-seen order, without duplicates.
 * Commas or spaces separate names (a `+` in a query is a space); case is ignored. With
 * `known`, names outside it are dropped too.
 */
export function readHidden(search: string, id: string, known?: readonly string[]): string[] {
  const names = new URLSearchParams(search)
    .getAll(hideParam(id))
    .flatMap((raw) => raw.toLowerCase().split(/[\s,]+/))
    .filter((name) => NAME.test(name) && (!known || known.includes(name)));
  return [...new Set(names)];
}

/**
 * `href` with figure `id`'s hide parameter set to `names` (removed when there are none).
 * Commas stay literal so a teacher can read and edit the link.
 */
export function withHidden(href: string, id: string, names: readonly string[]): string {
  const url = new URL(href);
  url.searchParams.delete(hideParam(id));
  if (names.length) url.searchParams.set(hideParam(id), names.join(','));
  url.search = url.search.replace(/%2C/gi, ',');
  return url.toString();
}
