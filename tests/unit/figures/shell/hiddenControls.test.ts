import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { hideParam, readHidden, withHidden } from '../../../../src/figures/shell/hiddenControls.ts';
import { figureLink, iframeSnippet } from '../../../../src/site/embedSnippet.ts';
import { readPreviews } from '../../../../src/site/previewsFile.ts';
import { intField, stateUrl } from '../../../../src/figures/shell/urlState.ts';
import { FIGURE_IDS, hideableControls } from '../../../../src/figures/registry.ts';
import { FIGURE_FOLDERS } from '../../../../src/figures/ids.ts';

describe('readHidden', () => {
  test('reads comma-separated names from the figure’s own -hide parameter', () => {
    expect(readHidden('?fd-hide=seed,steps&other-hide=play', 'fd')).toEqual(['seed', 'steps']);
  });

  test('accepts spaces and plus signs as separators, ignores case and repeats', () => {
    expect(readHidden('?fd-hide=Seed+steps,%20seed,,play', 'fd')).toEqual([
      'seed',
      'steps',
      'play',
    ]);
  });

  test('joins repeated parameters', () => {
    expect(readHidden('?fd-hide=seed&fd-hide=play', 'fd')).toEqual(['seed', 'play']);
  });

  test('drops names that are not well formed, never throwing', () => {
    expect(readHidden('?fd-hide=<b>,seed,9lives,a%22b,%E0%A4', 'fd')).toEqual(['seed']);
    expect(readHidden('?fd-hide=', 'fd')).toEqual([]);
    expect(readHidden('', 'fd')).toEqual([]);
  });

  test('with a list of known names, drops the others', () => {
    expect(readHidden('?fd-hide=seed,bogus,play', 'fd', ['play', 'seed'])).toEqual([
      'seed',
      'play',
    ]);
  });

  test('does not read the figure’s state parameters as names', () => {
    expect(readHidden('?fd.hide=seed&fd.t=3', 'fd')).toEqual([]);
  });
});

describe('withHidden', () => {
  test('sets the parameter with literal commas, keeping other parameters and the anchor', () => {
    expect(withHidden('https://x.example/blog/vae/?a.t=2#fig-a', 'a', ['seed', 'play'])).toBe(
      'https://x.example/blog/vae/?a.t=2&a-hide=seed,play#fig-a',
    );
  });

  test('replaces an earlier value and removes the parameter when nothing is hidden', () => {
    const href = 'https://x.example/embed/a/?a-hide=seed';
    expect(withHidden(href, 'a', ['play'])).toBe('https://x.example/embed/a/?a-hide=play');
    expect(withHidden(href, 'a', [])).toBe('https://x.example/embed/a/');
  });

  test('round-trips through readHidden', () => {
    const href = withHidden('https://x.example/', 'gan-2d', ['settings', 'seed']);
    expect(readHidden(new URL(href).search, 'gan-2d')).toEqual(['settings', 'seed']);
  });
});

test('"Copy link to this state" (stateUrl) keeps the hide parameter', () => {
  const url = stateUrl(
    'https://x.example/?fd-hide=seed&fd.t=1&present=fd',
    'fd',
    { t: intField(0, 0, 9) },
    {
      t: 5,
    },
  );
  expect(new URL(url).searchParams.get(hideParam('fd'))).toBe('seed');
  expect(new URL(url).searchParams.get('fd.t')).toBe('5');
});

describe('the figures’ hideable controls', () => {
  const globalCss = readFileSync('src/styles/global.css', 'utf8');
  const shell = readFileSync('src/figures/shell/FigureShell.svelte', 'utf8');

  test.each(FIGURE_IDS)(
    '%s: every control name is well formed and its figure’s Figure.astro hides it',
    (id) => {
      const own = readFileSync(`src/figures/${FIGURE_FOLDERS[id]}/Figure.astro`, 'utf8');
      const names = Object.keys(hideableControls(id));
      expect(names).toContain('toolbar');
      for (const name of names) {
        const css = name === 'toolbar' ? globalCss : own;
        expect(readHidden(`?${hideParam(id)}=${name}`, id)).toEqual([name]);
        expect(css).toContain(`.figure[data-hide~='${name}']`);
        expect(css).toContain(`[data-control~='${name}']`);
      }
    },
  );

  test('the shell marks its toolbar', () => {
    expect(shell).toContain('data-control="toolbar"');
  });
});

describe('embed snippets', () => {
  test('figureLink adds hide and presenter parameters, keeping the anchor', () => {
    expect(
      figureLink('https://x.example/blog/vae/#fig-vae-loss', 'vae-loss', {
        hide: ['face', 'toolbar'],
        present: true,
      }),
    ).toBe('https://x.example/blog/vae/?vae-loss-hide=face,toolbar&present=vae-loss#fig-vae-loss');
    expect(figureLink('https://x.example/embed/a/?present=a', 'a', {})).toBe(
      'https://x.example/embed/a/',
    );
  });

  test('iframeSnippet is lazy, titled and sized, with attributes escaped', () => {
    expect(
      iframeSnippet({
        src: 'https://x.example/embed/a/?a-hide=seed&present=a',
        title: 'Diffusion in 2-D: "noise" <into> shapes',
        width: 720,
        height: 640.4,
      }),
    ).toBe(
      '<iframe src="https://x.example/embed/a/?a-hide=seed&amp;present=a" loading="lazy" ' +
        'title="Diffusion in 2-D: &quot;noise&quot; &lt;into&gt; shapes" width="720" height="640"></iframe>',
    );
  });
});

test('readPreviews reads nothing from a missing file, rather than failing the build', () => {
  expect(readPreviews('public/previews/no-such-file.json')).toEqual({});
});

test('every shipped preview has its size recorded', () => {
  const previews = readPreviews();
  for (const id of FIGURE_IDS) {
    expect(previews[id]?.width, id).toBe(640);
    expect(previews[id]?.embedHeight, id).toBeGreaterThan(0);
  }
});
