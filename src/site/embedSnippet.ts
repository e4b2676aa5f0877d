/**
 * The links and `<iframe>` snippets the embed index (/figures/) offers for each figure. Pure
 * string work, shared by the page's server render and its script, so the snippet a teacher
 * copies is the same before and after the checkboxes are touched.
 */
import { withHidden } from '../figures/shell/hiddenControls.ts';

export interface LinkOptions {
  /** Control groups to hide (see hiddenControls.ts). */
  hide?: readonly string[];
  /** Open in presenter mode (`?present=<id>`). */
  present?: boolean;
}

/** `href` (absolute) for figure `id` with the options applied, keeping its fragment. */
export function figureLink(href: string, id: string, { hide = [], present = false }: LinkOptions) {
  const url = new URL(withHidden(href, id, hide));
  if (present) url.searchParams.set('present', id);
  else url.searchParams.delete('present');
  url.search = url.search.replace(/%2C/gi, ',');
  return url.toString();
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};
const escapeAttribute = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

export interface Snippet {
  src: string;
  title: string;
  width: number;
  height: number;
}

/** The HTML a page pastes to embed a figure: lazy, titled for screen readers, sized. */
export function iframeSnippet({ src, title, width, height }: Snippet): string {
  return (
    `<iframe src="${escapeAttribute(src)}" loading="lazy" title="${escapeAttribute(title)}" ` +
    `width="${Math.round(width)}" height="${Math.round(height)}"></iframe>`
  );
}
