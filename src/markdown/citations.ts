/**
 * Remark plugin: turns `[@key]` and `[@a; @b]` in article prose into numbered citation
 * links, numbered by first appearance, and records the order in the frontmatter
 * (`citations`) so the page can print the matching reference list.
 *
 * A key that is not declared in the article's `references` field, or not present in
 * content/references.yaml, fails the build with the file, the field and the key.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Nodes, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { parse } from 'yaml';

const CITATION = /\[(@[\w-]+(?:\s*;\s*@[\w-]+)*)\]/g;
/** Nodes whose text is code or math, never prose. */
const SKIP = new Set(['code', 'inlineCode', 'math', 'inlineMath']);

export function remarkCitations(options: { referencesFile?: string } = {}) {
  const referencesFile = options.referencesFile ?? './content/references.yaml';
  return (tree: Root, file: VFile) => {
    const astro = (file.data.astro ??= {});
    const frontmatter = (astro.frontmatter ??= {});
    const where = file.path ?? 'an article';
    const known = knownReferenceKeys(referencesFile);
    const declared = Array.isArray(frontmatter['references'])
      ? frontmatter['references'].map(String)
      : [];
    for (const key of declared) {
      if (!known.has(key)) {
        throw new Error(
          `${where}: field "references" lists "${key}", which is not an id in ${referencesFile}`,
        );
      }
    }
    const order: string[] = [];
    const numberOf = (key: string) => {
      if (!declared.includes(key)) {
        throw new Error(
          `${where}: cites [@${key}] but the field "references" does not list "${key}"`,
        );
      }
      if (!order.includes(key)) order.push(key);
      return order.indexOf(key) + 1;
    };
    transform(tree, numberOf);
    frontmatter['citations'] = order;
  };
}

function transform(node: Nodes, numberOf: (key: string) => number): void {
  if (!('children' in node) || SKIP.has(node.type)) return;
  const children: Nodes[] = node.children.flatMap((child: Nodes) => {
    if (child.type === 'text' && child.value.includes('[@'))
      return splitText(child.value, numberOf);
    transform(child, numberOf);
    return [child];
  });
  // Citations only ever replace text inside phrasing content, so the kinds still match.
  (node as { children: Nodes[] }).children = children;
}

function splitText(text: string, numberOf: (key: string) => number): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of text.matchAll(CITATION)) {
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    const keys = (match[1] ?? '').split(';').map((k) => k.trim().slice(1));
    out.push(citationNode(keys.map((key) => ({ key, n: numberOf(key) }))));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

/** `<sup class="cite">[<a href="#ref-key">1</a>, …]</sup>`, as an emphasis node renamed to sup. */
function citationNode(items: { key: string; n: number }[]): PhrasingContent {
  const children: PhrasingContent[] = [{ type: 'text', value: '[' }];
  items.forEach(({ key, n }, i) => {
    if (i > 0) children.push({ type: 'text', value: ', ' });
    children.push({
      type: 'link',
      url: `#ref-${key}`,
      children: [{ type: 'text', value: String(n) }],
      data: { hProperties: { 'aria-label': `Reference ${n}` } },
    });
  });
  children.push({ type: 'text', value: ']' });
  return {
    type: 'emphasis',
    children,
    data: { hName: 'sup', hProperties: { className: ['cite'] } },
  };
}

/** Parsed once per version of the file (the dev server sees new references without a restart). */
const cache = new Map<string, { mtime: number; keys: Set<string> }>();
function knownReferenceKeys(path: string): Set<string> {
  const mtime = statSync(path).mtimeMs;
  const cached = cache.get(path);
  if (cached?.mtime === mtime) return cached.keys;
  const entries: unknown = parse(readFileSync(path, 'utf8'));
  const keys = new Set(
    Array.isArray(entries) ? entries.map((e: { id?: unknown }) => String(e?.id)) : [],
  );
  cache.set(path, { mtime, keys });
  return keys;
}
