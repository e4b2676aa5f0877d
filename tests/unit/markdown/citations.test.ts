import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, test } from 'vitest';
import { remarkCitations } from '../../../src/markdown/citations.ts';
import { countWords, remarkReadingTime } from '../../../src/markdown/readingTime.ts';

const referencesFile = join(mkdtempSync(join(tmpdir(), 'refs-')), 'references.yaml');
writeFileSync(referencesFile, '- id: ho2020\n- id: kingma2013\n- id: goodfellow2014\n');

const paragraph = (text: string): Root => ({
  type: 'root',
  children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }],
});
const fileWith = (references: string[]) =>
  new VFile({ path: 'content/articles/x.mdx', data: { astro: { frontmatter: { references } } } });

describe('remarkCitations', () => {
  const run = (tree: Root, file: VFile) => remarkCitations({ referencesFile })(tree, file);

  test('numbers citations by first appearance and records the order', () => {
    const tree = paragraph('VAEs [@kingma2013] came before diffusion [@ho2020; @kingma2013].');
    const file = fileWith(['ho2020', 'kingma2013']);
    run(tree, file);
    expect(file.data.astro?.frontmatter?.['citations']).toEqual(['kingma2013', 'ho2020']);
    const children = (tree.children[0] as { children: { type: string }[] }).children;
    expect(children.map((c) => c.type)).toEqual(['text', 'emphasis', 'text', 'emphasis', 'text']);
    // [@ho2020; @kingma2013] → [2, 1]: each link carries its own key's number.
    const links = JSON.parse(JSON.stringify(children[3])).children.filter(
      (c: { type: string }) => c.type === 'link',
    );
    expect(
      links.map((l: { url: string; children: { value: string }[] }) => [
        l.url,
        l.children[0]!.value,
      ]),
    ).toEqual([
      ['#ref-ho2020', '2'],
      ['#ref-kingma2013', '1'],
    ]);
  });

  test('leaves code and text without citations alone', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'code', value: 'x = [@kingma2013]' },
        { type: 'paragraph', children: [{ type: 'text', value: 'An [unrelated] bracket.' }] },
      ],
    };
    run(tree, fileWith(['kingma2013']));
    expect(tree.children[0]).toEqual({ type: 'code', value: 'x = [@kingma2013]' });
    expect(JSON.stringify(tree.children[1])).not.toContain('emphasis');
  });

  test('fails naming the file and the field when a cited key is not declared', () => {
    expect(() => run(paragraph('GANs [@goodfellow2014].'), fileWith(['ho2020']))).toThrow(
      'content/articles/x.mdx: cites [@goodfellow2014] but the field "references" does not list "goodfellow2014"',
    );
  });

  test('fails naming the file and the key when a declared reference does not exist', () => {
    expect(() => run(paragraph('Nothing cited.'), fileWith(['nobody1999']))).toThrow(
      /x\.mdx: field "references" lists "nobody1999", which is not an id in .*references\.yaml/,
    );
  });
});

describe('remarkReadingTime', () => {
  test('counts words of prose, not of code', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'Three small words’ worth.' }] },
        { type: 'code', value: 'not counted at all' },
      ],
    };
    expect(countWords(tree)).toBe(4);
  });

  test('gives at least one minute and about one per 220 words', () => {
    const file = new VFile();
    remarkReadingTime()(paragraph('word '.repeat(1100)), file);
    expect(file.data.astro?.frontmatter?.['readingMinutes']).toBe(5);
    const short = new VFile();
    remarkReadingTime()(paragraph('Hi.'), short);
    expect(short.data.astro?.frontmatter?.['readingMinutes']).toBe(1);
  });
});
