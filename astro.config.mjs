// Wiring only: every rule lives in src/markdown and is tested there.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeKatexStrict from './src/markdown/rehype-katex-strict.ts';
import remarkComponents from './src/markdown/remark-components.ts';
import rehypeLinks from './src/markdown/rehype-links.ts';
import remarkCrossref from './src/markdown/remark-crossref.ts';
import pagefind from './src/site/pagefind.ts';
import { codeRefError, figureNamesOnDisk } from './src/figure/files.ts';
import { tryItError } from './src/markdown/try-it.ts';
import rehypeScrollable from './src/markdown/rehype-scrollable.ts';
import rehypeHighlight from './src/markdown/rehype-highlight.ts';

const base = process.env.BASE_PATH || '/';
const path = (p) => fileURLToPath(new URL(p, import.meta.url));
const content = process.env.CONTENT_DIR ? path(`./${process.env.CONTENT_DIR}/`) : path('./content/');

export default defineConfig({
  site: process.env.SITE_URL || 'http://127.0.0.1:4321',
  base,
  trailingSlash: 'always',
  // Separate caches let builds run side by side (a test build and a bench build, say) without sharing a data store.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  integrations: [mdx(), sitemap(), pagefind()],
  markdown: {
    // Code is highlighted by src/markdown/rehype-highlight.ts (deterministic, light and dark by CSS).
    syntaxHighlight: false,
    processor: unified({
      remarkPlugins: [remarkMath, [remarkCrossref, { content }], [remarkComponents, { index: path('./components/index.ts'), figures: () => figureNamesOnDisk(path('./')), code: (ref) => codeRefError(path('./'), ref), tryIt: (figure, find, replace) => tryItError(path('./'), figure, find, replace) }]],
      rehypePlugins: [rehypeKatex, rehypeKatexStrict, rehypeScrollable, rehypeHighlight, [rehypeLinks, { content, publicDir: path('./public/'), pagesDir: path('./src/pages/'), base }]],
    }),
  },
  vite: {
    // Keep every script a file under _astro/ so a strict script-src 'self' CSP allows it.
    // modulePreload off: no preload helper in the first-load script; lazy chunks load on intent anyway.
    build: {
      assetsInlineLimit: 0,
      modulePreload: false,
      rolldownOptions: {
        // @astrojs/mdx marks each chapter module "use astro:head-inject" for Astro's head propagation,
        // which reads the marker from the module graph before bundling; Rolldown then warns, once per
        // chapter, that bundling drops the directive. Harmless (withastro/astro#18087): only that one is hidden.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('use astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
    // Pre-bundle what the figures and the search page import in the browser: found only when a reader first
    // moves a control, dev would re-optimise then, answer "504 Outdated Optimize Dep" and reload the page.
    optimizeDeps: { include: ['@observablehq/plot', 'd3-dsv', 'd3-random', 'porter2'] },
  },
});
