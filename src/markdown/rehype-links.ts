import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { fail } from './fail.ts';

interface Options {
  /** Folder of chapters: `content/foo.mdx` is served at `/foo/`. */
  content: string;
  /** Folder served as is. */
  publicDir: string;
  /** The site's base path, e.g. `/` or `/sub/`. */
  base: string;
  /** Folder of src/pages: its static pages and endpoints are link targets too. */
  pagesDir?: string;
}

/** Routes of static files in src/pages (e.g. `data/plateau.csv.ts` → `/data/plateau.csv`); dynamic ones are skipped. */
export function staticRoutes(pagesDir: string, prefix = '/'): string[] {
  if (!existsSync(pagesDir)) return [];
  return readdirSync(pagesDir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.includes('[')) return [];
    if (entry.isDirectory()) return staticRoutes(join(pagesDir, entry.name), `${prefix}${entry.name}/`);
    const route = entry.name.replace(/\.(astro|mdx?|ts|js)$/, '');
    if (route === entry.name) return [];
    if (route === 'index') return [prefix];
    return [/\.[a-z0-9]+$/.test(route) ? `${prefix}${route}` : `${prefix}${route}/`];
  });
}

/** The slug a chapter file is served under. */
export function chapterSlug(file: string): string {
  return basename(file, extname(file));
}

/**
 * Checks every internal link in a chapter and prefixes it with the base path.
 * Authors write site-absolute links (`/other-chapter/#part`) or relative ones; a
 * target that is neither a chapter, a page nor a file in public/ fails the build
 * with file:line, and the base is added so the same MDX works under a sub-path.
 */
export default function rehypeLinks(options: Options) {
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  return (tree: Root, file: VFile) => {
    const slugs = existsSync(options.content)
      ? readdirSync(options.content).filter((f) => f.endsWith('.mdx')).map(chapterSlug)
      : [];
    const pages = options.pagesDir ? staticRoutes(options.pagesDir) : [];
    const routes = new Set(['/', ...pages, ...slugs.map((s) => `/${s}/`)]);
    const here = `/${chapterSlug(file.path || 'index')}/`;
    visit(tree, 'element', (node: Element) => {
      const key = node.tagName === 'a' ? 'href' : node.tagName === 'img' ? 'src' : null;
      const raw = key ? node.properties[key] : undefined;
      if (!key || typeof raw !== 'string' || raw.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(raw)) return;
      const url = new URL(raw, `http://site${here}`);
      const path = decodeURIComponent(url.pathname);
      const isFile = existsSync(join(options.publicDir, path)) && extname(path) !== '';
      if (!routes.has(path) && !isFile) {
        const hint = routes.has(`${path}/`) ? ` (did you mean ${path}/?)` : '';
        fail(file, node.position, `broken link "${raw}": no chapter, page or public file at ${path}${hint}`);
      }
      node.properties[key] = `${base}${path.slice(1)}${url.search}${url.hash}`;
    });
  };
}
