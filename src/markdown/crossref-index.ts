import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Where a label points: the chapter, the anchor and the number shown. */
export interface Target {
  slug: string;
  anchor: string;
  number: string;
}

/** A label as one chapter defines it: its target and the line of the file it is written on. */
export interface Definition extends Target {
  label: string;
  line: number;
}

// Blanks a match but keeps its newlines, so offsets in what is left still give the file's line numbers.
const blank = (s: string) => s.replace(/[^\n]/g, ' ');
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * The labels a chapter defines, in document order: `\label{eq:x}` in display maths and every
 * <Figure> (its id, else its name). A label written twice is listed twice: the checks report it.
 */
export function chapterDefinitions(text: string, order: number, slug: string): Definition[] {
  const body = text.replace(/^---[\s\S]*?\n---/, blank).replace(/^(```|~~~)[\s\S]*?^\1/gm, blank);
  const defs: Definition[] = [];
  let eq = 0;
  for (const m of body.matchAll(/\$\$[\s\S]*?\$\$/g)) {
    const l = m[0].match(/\\label\{(eq:[\w-]+)\}/);
    if (l) defs.push({ label: l[1], slug, anchor: l[1].replace(':', '-'), number: `${order}.${++eq}`, line: lineAt(body, m.index + (l.index ?? 0)) });
  }
  let fig = 0;
  for (const m of body.matchAll(/<Figure\b[^>]*>/g)) {
    const id = m[0].match(/\bid="([\w-]+)"/)?.[1] ?? m[0].match(/\bname="([\w-]+)"/)?.[1];
    if (id) defs.push({ label: `fig:${id}`, slug, anchor: id, number: `${order}.${++fig}`, line: lineAt(body, m.index) });
  }
  return defs;
}

/** The chapter order from a file's frontmatter (0 when absent: the schema check reports that). */
export function chapterOrder(text: string): number {
  return Number(text.match(/^---[\s\S]*?\norder:\s*(\d+)/)?.[1] ?? 0);
}

/** Every label definition of every chapter in a folder, with its file: numbers are assigned across chapters. */
export function labelDefinitions(folder: string): (Definition & { file: string })[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.mdx')).sort().flatMap((f) => {
    const text = readFileSync(join(folder, f), 'utf8');
    return chapterDefinitions(text, chapterOrder(text), basename(f, '.mdx')).map((d) => ({ ...d, file: join(folder, f) }));
  });
}
