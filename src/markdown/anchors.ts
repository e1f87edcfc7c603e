import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** The key of a chapter's remarkPluginFrontmatter where rehype-links leaves what the cross-chapter check needs. */
export const ANCHOR_CHECK = 'anchorCheck';

/** A chapter's anchors and its links to anchors in other chapters (`at` is file:line:column). */
export interface AnchorCheck {
  anchors: string[];
  links: { at: string; raw: string; slug: string; anchor: string }[];
}

interface JsxNode { type: string; name?: string | null; attributes?: { name?: string; value?: unknown }[]; position?: Element['position'] }

/** An id on the page and where it is written; `label` marks a <Figure> or a labelled equation (remark-crossref checks those). */
export interface Anchor { id: string; position?: Element['position']; label: boolean }

/**
 * Every id a chapter's HTML will carry, in document order: elements' ids (headings once they have
 * theirs), JSX ids (equation anchors, <Quiz id>) and each <Figure>'s anchor, its id or else its name.
 */
export function pageAnchors(tree: Root): Anchor[] {
  const ids: Anchor[] = [];
  visit(tree, (node) => {
    if (node.type === 'element' && typeof node.properties.id === 'string') ids.push({ id: node.properties.id, position: node.position, label: false });
    const jsx = node as JsxNode;
    if (jsx.type !== 'mdxJsxFlowElement' && jsx.type !== 'mdxJsxTextElement') return;
    const attr = (name: string) => jsx.attributes?.find((a) => a.name === name)?.value;
    const id = attr('id') ?? (jsx.name === 'Figure' ? attr('name') : undefined);
    if (typeof id === 'string') ids.push({ id, position: jsx.position, label: jsx.name === 'Figure' || attr('class') === 'equation' });
  });
  return ids;
}

/** Ids given twice on a page (a link to one lands on the first), except label against label: remark-crossref names those. */
export function duplicateAnchors(anchors: Anchor[]): { again: Anchor; first: Anchor }[] {
  const first = new Map<string, Anchor>();
  return anchors.flatMap((a) => {
    const f = first.get(a.id);
    if (!f) return (first.set(a.id, a), []);
    return f.label && a.label ? [] : [{ again: a, first: f }];
  });
}

/** The fixed ids the page layouts give every page (`main`, `credits`, …), read from their source. */
export function layoutAnchors(layoutsDir: string): string[] {
  if (!existsSync(layoutsDir)) return [];
  return readdirSync(layoutsDir).filter((f) => f.endsWith('.astro'))
    .flatMap((f) => [...readFileSync(join(layoutsDir, f), 'utf8').matchAll(/\bid="([\w-]+)"/g)].map((m) => m[1]));
}

/** Every link to an anchor that its target chapter lacks, as `file:line:column: message` lines. */
export function brokenAnchorLinks(chapters: { id: string; frontmatter: Record<string, unknown> }[]): string[] {
  const checks = new Map(chapters.map((c) => [c.id, c.frontmatter[ANCHOR_CHECK] as AnchorCheck | undefined]));
  return [...checks.values()].flatMap((check) => check?.links ?? []).flatMap((link) => {
    const target = checks.get(link.slug);
    // A chapter compiled by something other than this site's chain has nothing to check against.
    if (!target || target.anchors.includes(link.anchor)) return [];
    return [`${link.at}: broken link "${link.raw}": /${link.slug}/ has no anchor "${link.anchor}" (its anchors: ${target.anchors.join(', ')})`];
  });
}

/** Throws every broken cross-chapter anchor link at once; src/pages/[slug].astro calls it with every chapter. */
export function assertAnchorLinks(chapters: { id: string; frontmatter: Record<string, unknown> }[]): void {
  const broken = brokenAnchorLinks(chapters);
  if (broken.length === 0) return;
  const error = new Error(broken.length === 1 ? broken[0] : `${broken.length} broken anchor links:\n${broken.join('\n')}`);
  error.name = 'ChapterError';
  throw error;
}
