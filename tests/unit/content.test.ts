/**
 * Malformed content fails the build with a message naming the file and the field. Each
 * case copies the project to a temporary folder, breaks one file, and runs Astro there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { astroEnv } from '../astroEnv.ts';

const root = resolve(import.meta.dirname, '../..');
const copies: string[] = [];

function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'p2p-content-'));
  copies.push(dir);
  for (const entry of [
    'astro.config.mjs',
    'tsconfig.json',
    'package.json',
    'src',
    'content',
    'public',
  ]) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function astro(dir: string, command: 'sync' | 'build') {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/astro.js'), command], {
    cwd: dir,
    encoding: 'utf8',
    env: astroEnv({ NO_COLOR: '1', FORCE_COLOR: '0' }),
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function edit(dir: string, file: string, from: string | RegExp, to: string) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `fixture edit did not apply to ${file}`).not.toBe(text);
  writeFileSync(path, changed);
}

afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('content validation', { timeout: 120_000 }, () => {
  test('the real content is valid', () => {
    expect(astro(projectCopy(), 'sync').status).toBe(0);
  });

  test('an article with a wrong frontmatter type names the file and the field', () => {
    const dir = projectCopy();
    edit(dir, 'content/articles/gan.mdx', /^chapter: \d+$/m, 'chapter: two');
    const { status, output } = astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('gan.mdx');
    expect(output).toMatch(/chapter.*Expected type `"number"`/);
  });

  test('a timeline milestone with an unknown family names the file and the field', () => {
    const dir = projectCopy();
    edit(dir, 'content/timeline.yaml', /family: gan/, 'family: transformer');
    const { status, output } = astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('timeline.yaml');
    expect(output).toMatch(/family.*Expected 'vae' \| 'gan' \| 'diffusion' \| 'other'/);
  });

  test('a reference whose link is not https names the file and the field', () => {
    const dir = projectCopy();
    edit(dir, 'content/references.yaml', /url: https:/, 'url: http:');
    const { status, output } = astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('references.yaml');
    expect(output).toMatch(/url/);
  });

  test('a figure that does not exist names the file and the field', () => {
    const dir = projectCopy();
    edit(dir, 'content/articles/vae.mdx', /^hero: .*$/m, 'hero: latent-explorer');
    const { status, output } = astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('vae.mdx');
    expect(output).toMatch(
      /hero.*Expected 'timeline' \| 'meet-the-data' \| 'forward-diffusion' \| 'vae-anatomy'/,
    );
  });

  test('citing a key the article does not declare fails the build naming both', () => {
    const dir = projectCopy();
    edit(dir, 'content/articles/vae.mdx', /\n## /, '\nAs shown earlier [@nobody1999].\n\n## ');
    const { status, output } = astro(dir, 'build');
    expect(status).not.toBe(0);
    expect(output).toContain('vae.mdx: cites [@nobody1999] but the field "references"');
  });
});
