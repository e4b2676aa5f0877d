import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import ts from 'typescript-eslint';

/** The chapters of src/figures/ (shell/ is not one). */
const CHAPTERS = ['history', 'vae', 'gan', 'diffusion', 'compare'];
/** What only the site itself uses: pages, layouts, articles and lessons, offline, markdown. */
const SITE = ['**/site/**', '**/pages/**', '**/layouts/**', '**/offline/**', '**/markdown/**'];
/** How a file under src/figures/ names chapter `c`'s folder (from a chapter or a figure folder). */
const chapterPaths = (c) => [`../${c}/**`, `../../${c}/**`, `**/figures/${c}/**`];
const ABOVE_MODELS = ['**/figures/**', '**/charts/**', 'svelte', 'svelte/*', 'd3-*', ...SITE];

export default defineConfig(
  { ignores: ['dist/', 'dist-*/', '.astro/', 'node_modules/', '.lighthouse/', 'public/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },

  // The layers only look down (README "Where things are"). Each rule lists what a layer may not
  // reach; .astro files are not linted, so tests/unit/layers.test.ts checks every file's imports
  // against the same rules.
  {
    // Data: the headshot generator and toy distributions import only each other.
    files: ['src/data/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/models/**', ...ABOVE_MODELS],
              message: 'src/data imports only src/data.',
            },
          ],
        },
      ],
    },
  },
  {
    // Models: pure maths and the tfjs runtime; they may use src/data, never the site or the DOM layers.
    files: ['src/models/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ABOVE_MODELS, message: 'src/models imports only src/models and src/data.' },
          ],
        },
      ],
    },
  },
  {
    // Charts shared by two chapters: layout maths and marks, fed by props.
    files: ['src/charts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/figures/**', ...SITE],
              message: 'src/charts imports only models, data and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The figure shell serves every chapter, so it knows none of them.
    files: ['src/figures/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...CHAPTERS.flatMap(chapterPaths), ...SITE],
              message: 'shell/ imports no chapter and no site code.',
            },
          ],
        },
      ],
    },
  },
  // A chapter's figures import shell/, charts/, models/, data/ and their own chapter only.
  ...CHAPTERS.map((chapter) => ({
    files: [`src/figures/${chapter}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...CHAPTERS.filter((c) => c !== chapter).flatMap(chapterPaths),
                '**/registry.ts',
                ...SITE,
              ],
              message: `src/figures/${chapter} imports only shell/, charts/, models/, data/ and itself.`,
            },
          ],
        },
      ],
    },
  })),
  {
    // Figures stay small enough to hold in one's head: split a bigger one into parts.
    files: ['src/figures/**'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    // Scripts share scripts/lib/ with the tests, never the other way round.
    files: ['scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/tests/**'],
              message: 'scripts/ never imports tests/: move what both need to scripts/lib/.',
            },
          ],
        },
      ],
    },
  },
);
