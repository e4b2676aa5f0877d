// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkCitations } from './src/markdown/citations.ts';
import { remarkReadingTime } from './src/markdown/readingTime.ts';
import { remarkFigureImports } from './src/markdown/figureImports.ts';
import { rehypeFocusableMath } from './src/markdown/focusableMath.ts';
import { offline } from './src/offline/integration.ts';

/** The site may live under a sub-path of another site (e.g. BASE_PATH=/blog/). */
const base = normaliseBase(process.env.BASE_PATH ?? '/');

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://pixels-to-portraits.example',
  base,
  trailingSlash: 'always',
  output: 'static',
  // Each page's CSS goes in its <head> (Astro hashes it into the CSP): first paint waits for
  // one response, not for the HTML and then a style sheet per component.
  build: { inlineStylesheets: 'always' },
  // offline() writes dist/sw.js, the service worker that keeps the site readable offline.
  integrations: [svelte(), mdx(), offline()],
  markdown: {
    remarkPlugins: [remarkMath, remarkCitations, remarkReadingTime, remarkFigureImports],
    // MathML output writes no inline style attributes, so the hash-based CSP holds.
    rehypePlugins: [[rehypeKatex, { output: 'mathml' }], rehypeFocusableMath],
  },
  vite: {
    // Every asset is a file under the base path: a data: URL would need its own CSP source.
    build: { assetsInlineLimit: 0 },
    // Module workers: the race figure's worker loads its tfjs backend with import(). Its
    // assets are named as the page's are, so the wasm binaries it shares with the pages are
    // one file each, not two (a reader would download both).
    worker: {
      format: 'es',
      rollupOptions: {
        output: {
          assetFileNames: '_astro/[name].[hash][extname]',
          // The model worker's chapters share tfjs-core: name its chunk for what it is (Rollup
          // would name it after the first chapter that imports it, e.g. "vae-….js").
          manualChunks: (id) => (id.includes('@tensorflow/tfjs-core') ? 'tfjs-core' : undefined),
        },
      },
    },
  },
  experimental: {
    csp: {
      directives: [
        "default-src 'self'",
        // blob: for printing: each figure's canvases print as images of their pixels.
        "img-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // tfjs compiles its wasm backend; nothing else may evaluate code.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
});

/** @param {string} value */
function normaliseBase(value) {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
