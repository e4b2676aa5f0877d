/**
 * Malformed content fails the build with a message naming the file and the field. Each
 * case copies the project to a temporary folder, breaks one file, and runs Astro there.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { astroEnv } from '../../astroEnv.ts';

const root = resolve(import.meta.dirname, '../../..');
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

/**
 * Runs Astro in `dir`. Asynchronously: a synchronous child blocks this worker's event loop,
 * and on a busy machine Vitest's own messages to the worker then time out.
 */
function astro(dir: string, command: 'sync' | 'build') {
  return new Promise<{ status: number; output: string }>((done) =>
    execFile(
      process.execPath,
      [join(root, 'node_modules/astro/astro.js'), command],
      {
        cwd: dir,
        encoding: 'utf8',
        env: astroEnv({ NO_COLOR: '1', FORCE_COLOR: '0' }),
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        done({ status: error ? Number(error.code ?? 1) || 1 : 0, output: `${stdout}\n${stderr}` }),
    ),
  );
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
  test('the real content is valid', async () => {
    expect((await astro(projectCopy(), 'sync')).status).toBe(0);
  });

  test('an article with a wrong frontmatter type names the file and the field', async () => {
    const dir = projectCopy();
    edit(dir, 'content/articles/gan.mdx', /^chapter: \d+$/m, 'chapter: two');
    const { status, output } = await astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('gan.mdx');
    expect(output).toMatch(/chapter.*Expected type `"number"`/);
  });

  test('a timeline milestone with an unknown family names the file and the field', async () => {
    const dir = projectCopy();
    edit(dir, 'content/timeline.yaml', /family: gan/, 'family: transformer');
    const { status, output } = await astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('timeline.yaml');
    expect(output).toMatch(/family.*Expected 'vae' \| 'gan' \| 'diffusion' \| 'other'/);
  });

  test('a reference whose link is not https names the file and the field', async () => {
    const dir = projectCopy();
    edit(dir, 'content/references.yaml', /url: https:/, 'url: http:');
    const { status, output } = await astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('references.yaml');
    expect(output).toMatch(/url/);
  });

  test('a figure that does not exist names the file and the field', async () => {
    const dir = projectCopy();
    edit(dir, 'content/articles/vae.mdx', /^hero: .*$/m, 'hero: latent-explorer');
    const { status, output } = await astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('vae.mdx');
    // The message lists the valid ids (whatever their order in the registry).
    expect(output).toMatch(/hero.*Expected 'timeline' \| 'meet-the-data' \| .*'vae-anatomy'/);
    expect(output).toContain("received 'latent-explorer'");
  });

  test('a lesson step with an unknown figure names the file and the field', async () => {
    const dir = projectCopy();
    edit(dir, 'content/lessons/vae.yaml', /figure: vae-loss/, 'figure: vae-elbo');
    const { status, output } = await astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('vae.yaml');
    expect(output).toMatch(/steps\.1\.figure.*Expected 'timeline' \|/);
    expect(output).toContain("received 'vae-elbo'");
  });

  test('a lesson answer that is not one of the choices names the file and the field', async () => {
    const dir = projectCopy();
    edit(dir, 'content/lessons/gan.yaml', /answer: 1/, 'answer: 7');
    const { status, output } = await astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('gan.yaml');
    expect(output).toMatch(/steps\.0\.predict\.answer.*must be the index of one of the choices/);
  });

  test('a lesson hiding a control its figure does not have names the file and the field', async () => {
    const dir = projectCopy();
    edit(dir, 'content/lessons/gan.yaml', /hide: \[game\]/, 'hide: [gmae]');
    const { status, output } = await astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('gan.yaml');
    expect(output).toMatch(/steps\.2\.hide\.0.*"gmae" is not a control of gan-forger/);
  });

  test('citing a key the article does not declare fails the build naming both', async () => {
    const dir = projectCopy();
    edit(dir, 'content/articles/vae.mdx', /\n## /, '\nAs shown earlier [@nobody1999].\n\n## ');
    const { status, output } = await astro(dir, 'build');
    expect(status).not.toBe(0);
    expect(output).toContain('vae.mdx: cites [@nobody1999] but the field "references"');
  });
});
