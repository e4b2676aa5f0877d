/**
 * Remark plugin: an article imports the figures it shows, and no others. For each
 * `<Figure id="…" />` in an MDX file it adds an import of that figure folder's Figure.astro and
 * hands it to the element as `wrapper`. Astro gives a page the CSS of the components its
 * modules import, so a page now carries its own figures' styles, where a glob of every figure
 * in src/figures/Figure.astro had put all 22 figures' CSS (74 KB) into every page.
 *
 * A figure id that is not a string, or not a figure, fails the build naming the file.
 */
import { parse } from 'acorn';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { FIGURE_FOLDERS, FIGURE_IDS, isFigureId, type FigureId } from '../figures/ids.ts';

const FIGURES_DIR = fileURLToPath(new URL('../figures', import.meta.url));

/** The identifier the import binds, e.g. `FigureOfReverseProcess`. */
export function wrapperName(id: FigureId): string {
  return `FigureOf${id.replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase())}`;
}

export function remarkFigureImports() {
  return (tree: Root, file: VFile) => {
    const used = new Set<FigureId>();
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const element = node as MdxJsxFlowElement | MdxJsxTextElement;
      if (element.name !== 'Figure') return;
      const id = figureId(element, file);
      used.add(id);
      element.attributes.push(expressionAttribute('wrapper', wrapperName(id)));
    });
    if (!used.size) return;
    const from = file.path ? dirname(file.path) : process.cwd();
    const imports = [...used].map((id) => {
      let path = relative(from, resolve(FIGURES_DIR, FIGURE_FOLDERS[id], 'Figure.astro'));
      if (!path.startsWith('.')) path = `./${path}`;
      return `import ${wrapperName(id)} from ${JSON.stringify(path.replaceAll('\\', '/'))};`;
    });
    tree.children.unshift(esm(imports.join('\n')));
  };
}

function figureId(element: MdxJsxFlowElement | MdxJsxTextElement, file: VFile): FigureId {
  const where = `${file.path ?? 'an MDX file'}:${element.position?.start.line ?? '?'}`;
  const attribute = element.attributes.find(
    (a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === 'id',
  );
  if (!attribute || typeof attribute.value !== 'string')
    throw new Error(`${where}: <Figure> needs id="…" written as a plain string.`);
  if (!isFigureId(attribute.value))
    throw new Error(
      `${where}: <Figure id="${attribute.value}">: unknown figure id. Valid ids: ${FIGURE_IDS.join(', ')}.`,
    );
  if (element.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === 'wrapper'))
    throw new Error(`${where}: <Figure wrapper> is set by the build; remove it.`);
  return attribute.value;
}

/** MDX compiles expressions from their estree, so each node carries one (acorn's parse). */
function program(code: string) {
  return parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as never;
}

function expressionAttribute(name: string, code: string): MdxJsxAttribute {
  return {
    type: 'mdxJsxAttribute',
    name,
    value: { type: 'mdxJsxAttributeValueExpression', value: code, data: { estree: program(code) } },
  };
}

function esm(code: string): MdxjsEsm {
  return { type: 'mdxjsEsm', value: code, data: { estree: program(code) } };
}
