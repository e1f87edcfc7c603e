import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { ANCHOR_CHECK, duplicateAnchors, layoutAnchors, pageAnchors, type AnchorCheck } from './anchors.ts';
import { problem, report, where } from './fail.ts';

interface Options {
  /** Folder of chapters: `content/foo.mdx` is served at `/foo/`. */
  content: string;
  /** Folder served as is. */
  publicDir: string;
  /** The site's base path, e.g. `/` or `/sub/`. */
  base: string;
  /** Folder of src/pages: its static pages and endpoints are link targets too (and ../layouts holds the page's own ids). */
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

interface JsxNode { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement'; name: string | null; attributes: { name?: string; value?: unknown }[]; position?: Element['position'] }

/** The link in a node, Markdown or JSX (`<a href>`, `<img src>`), with a setter for its rewritten value. */
function linkOf(node: Element | JsxNode): { raw: string; set: (v: string) => void } | null {
  const tag = node.type === 'element' ? node.tagName : node.name;
  const key = tag === 'a' ? 'href' : tag === 'img' ? 'src' : null;
  if (!key) return null;
  if (node.type === 'element') {
    const raw = node.properties[key];
    return typeof raw === 'string' ? { raw, set: (v) => (node.properties[key] = v) } : null;
  }
  const attr = node.attributes.find((a) => a.name === key);
  return typeof attr?.value === 'string' ? { raw: attr.value, set: (v) => (attr.value = v) } : null;
}

/**
 * Checks every internal link in a chapter and prefixes it with the base path.
 * Authors write site-absolute links (`/other-chapter/#part`), relative ones or `#part`, in Markdown
 * or as JSX; a target that is neither a chapter, a page nor a file in public/, or an anchor this
 * chapter lacks, fails the build with file:line. Anchors in other chapters are left in the
 * chapter's frontmatter for src/pages/[slug].astro to check once every chapter is compiled.
 * The last plugin of the chain: it throws every mistake recorded for the chapter (fail.ts report).
 */
export default function rehypeLinks(options: Options) {
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  return (tree: Root, file: VFile) => {
    const slugs = existsSync(options.content)
      ? readdirSync(options.content).filter((f) => f.endsWith('.mdx')).map(chapterSlug)
      : [];
    const pages = options.pagesDir ? staticRoutes(options.pagesDir) : [];
    const here = `/${chapterSlug(file.path || 'index')}/`;
    const routes = new Set(['/', here, ...pages, ...slugs.map((s) => `/${s}/`)]);
    // Astro's own plugin gives headings their ids after ours; running it here gives the same ids (it keeps an id once set).
    (rehypeHeadingIds() as unknown as (t: Root, f: VFile) => void)(tree, file);
    const onPage = pageAnchors(tree);
    for (const { again, first } of duplicateAnchors(onPage)) {
      problem(file, again.position, `id "${again.id}" is already on this page (${where(file, first.position)}): a link to it would land on the first; rename one`);
    }
    const anchors = new Set([...onPage.map((a) => a.id), ...(options.pagesDir ? layoutAnchors(join(options.pagesDir, '..', 'layouts')) : [])]);
    const check: AnchorCheck = { anchors: [...anchors].sort(), links: [] };
    visit(tree, (node) => {
      if (node.type !== 'element' && node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const link = linkOf(node as Element | JsxNode);
      if (!link || /^[a-z][a-z0-9+.-]*:/i.test(link.raw)) return;
      const { raw } = link;
      const place = (node as Element).position;
      const url = new URL(raw, `http://site${here}`);
      const path = decodeURIComponent(url.pathname);
      const anchor = decodeURIComponent(url.hash.slice(1));
      const isFile = existsSync(join(options.publicDir, path)) && extname(path) !== '';
      if (!routes.has(path) && !isFile) {
        const hint = routes.has(`${path}/`) ? ` (did you mean ${path}/?)` : '';
        return problem(file, place, `broken link "${raw}": no chapter, page or public file at ${path}${hint}`);
      }
      if (anchor && path === here && !anchors.has(anchor)) {
        problem(file, place, `broken link "${raw}": this chapter has no anchor "${anchor}" (its anchors: ${check.anchors.join(', ')})`);
      } else if (anchor && path !== here && slugs.includes(path.slice(1, -1))) {
        check.links.push({ at: where(file, place), raw, slug: path.slice(1, -1), anchor });
      }
      // A same-page anchor stays relative: the page's own URL, whatever the base.
      if (!raw.startsWith('#')) link.set(`${base}${path.slice(1)}${url.search}${url.hash}`);
    });
    file.data.astro ??= {};
    (file.data.astro.frontmatter ??= {})[ANCHOR_CHECK] = check;
    report(file);
  };
}
