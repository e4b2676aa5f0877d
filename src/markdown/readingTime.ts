/**
 * Remark plugin: estimates reading time from the prose (code and math excluded) and
 * stores it as `readingMinutes` in the frontmatter the page receives.
 */
import type { Nodes, Root } from 'mdast';
import type { VFile } from 'vfile';

/** Typical silent reading speed for explanatory non-fiction, in words per minute. */
const WORDS_PER_MINUTE = 220;

export function countWords(node: Nodes): number {
  if (node.type === 'text') return node.value.match(/[\p{L}\p{N}’'-]+/gu)?.length ?? 0;
  if (!('children' in node) || node.type.startsWith('mdxjs')) return 0;
  return node.children.reduce((sum: number, child: Nodes) => sum + countWords(child), 0);
}

export function remarkReadingTime() {
  return (tree: Root, file: VFile) => {
    const astro = (file.data.astro ??= {});
    const frontmatter = (astro.frontmatter ??= {});
    frontmatter['readingMinutes'] = Math.max(1, Math.round(countWords(tree) / WORDS_PER_MINUTE));
  };
}
