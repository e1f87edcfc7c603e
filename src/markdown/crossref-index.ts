import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Where a label points: the chapter, the anchor and the number shown. */
export interface Target {
  slug: string;
  anchor: string;
  number: string;
}

/** The labels a chapter defines, in document order: `\label{eq:x}` in display maths and every <Figure>. */
export function chapterLabels(text: string, order: number, slug: string): Map<string, Target> {
  const labels = new Map<string, Target>();
  const body = text.replace(/^---[\s\S]*?\n---/, '').replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  let eq = 0;
  for (const m of body.matchAll(/\$\$[\s\S]*?\$\$/g)) {
    const label = m[0].match(/\\label\{(eq:[\w-]+)\}/)?.[1];
    if (label) labels.set(label, { slug, anchor: label.replace(':', '-'), number: `${order}.${++eq}` });
  }
  let fig = 0;
  for (const m of body.matchAll(/<Figure\b[^>]*>/g)) {
    const id = m[0].match(/\bid="([\w-]+)"/)?.[1] ?? m[0].match(/\bname="([\w-]+)"/)?.[1];
    if (id) labels.set(`fig:${id}`, { slug, anchor: id, number: `${order}.${++fig}` });
  }
  return labels;
}

/** The chapter order from a file's frontmatter (0 when absent: the schema check reports that). */
export function chapterOrder(text: string): number {
  return Number(text.match(/^---[\s\S]*?\norder:\s*(\d+)/)?.[1] ?? 0);
}

/** Every label of every chapter in a folder: numbers are assigned at build time, across chapters. */
export function labelIndex(folder: string): Map<string, Target> {
  const all = new Map<string, Target>();
  if (!existsSync(folder)) return all;
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.mdx'))) {
    const text = readFileSync(join(folder, file), 'utf8');
    for (const [label, target] of chapterLabels(text, chapterOrder(text), basename(file, '.mdx'))) all.set(label, target);
  }
  return all;
}
