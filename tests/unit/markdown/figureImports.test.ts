import type { Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { remarkFigureImports, wrapperName } from '../../../src/markdown/figureImports.ts';

const figure = (id: string | null): MdxJsxFlowElement => ({
  type: 'mdxJsxFlowElement',
  name: 'Figure',
  attributes: id === null ? [] : [{ type: 'mdxJsxAttribute', name: 'id', value: id }],
  children: [],
  position: { start: { line: 7, column: 1 }, end: { line: 7, column: 20 } },
});
const article = (...children: Root['children']): Root => ({ type: 'root', children });
const file = () => new VFile({ path: join(process.cwd(), 'content/articles/gan.mdx') });
const run = (tree: Root, f = file()) => remarkFigureImports()(tree, f);

describe('remarkFigureImports', () => {
  test('imports each figure the article shows once, and hands it to its <Figure>', () => {
    const a = figure('gan-forger');
    const b = figure('gan-losses');
    const c = figure('gan-forger');
    const tree = article(a, { type: 'paragraph', children: [] }, b, c);
    run(tree);
    const esm = tree.children[0] as { type: string; value: string; data: { estree: unknown } };
    expect(esm.type).toBe('mdxjsEsm');
    expect(esm.value.split('\n')).toEqual([
      `import FigureOfGanForger from "../../src/figures/gan/gan-forger/Figure.astro";`,
      `import FigureOfGanLosses from "../../src/figures/gan/gan-losses/Figure.astro";`,
    ]);
    // MDX compiles from the estree, not from the text: it must be there and say the same.
    expect(JSON.stringify(esm.data.estree)).toContain('"FigureOfGanLosses"');
    for (const [el, name] of [
      [a, 'FigureOfGanForger'],
      [b, 'FigureOfGanLosses'],
      [c, 'FigureOfGanForger'],
    ] as const) {
      const wrapper = el.attributes.find((x) => 'name' in x && x.name === 'wrapper');
      expect(wrapper?.value).toMatchObject({ type: 'mdxJsxAttributeValueExpression', value: name });
    }
  });

  test('an article without figures is left alone', () => {
    const tree = article({ type: 'paragraph', children: [{ type: 'text', value: 'Hi' }] });
    run(tree);
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph']);
  });

  test('a bad figure fails the build naming the file, the line and the valid ids', () => {
    expect(() => run(article(figure('gan-forgr')))).toThrow(
      /gan\.mdx:7: <Figure id="gan-forgr">: unknown figure id\. Valid ids: timeline, /,
    );
    expect(() => run(article(figure(null)))).toThrow(/gan\.mdx:7: <Figure> needs id="…"/);
  });

  test('names are identifiers, one per figure', () => {
    expect(wrapperName('timeline')).toBe('FigureOfTimeline');
    expect(wrapperName('vae-latent-map')).toBe('FigureOfVaeLatentMap');
    expect(wrapperName('race-2d')).toBe('FigureOfRace2d');
  });
});
