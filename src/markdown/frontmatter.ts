import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

/** What a schema check gives back: zod's safeParse, reduced to what the messages need. */
interface Checked {
  success: boolean;
  error?: { issues: readonly { code: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[]; expected?: string }[] };
}

// Where a YAML key starts on its line: after the indentation and a list item's "- ".
const keyColumn = (line: string) => line.match(/^\s*(?:-\s+)?/)?.[0].length ?? 0;
const blank = (line: string) => line.trim() === '' || line.trim().startsWith('#');

/**
 * The 1-based line of a frontmatter key path such as `['sources', 0, 'url']`, read from the file's
 * own lines; when a key is absent, the line of its nearest ancestor (1, the opening `---`, at worst).
 */
export function keyLine(text: string, path: readonly PropertyKey[]): number {
  const lines = text.split(/\r?\n/);
  const close = lines.indexOf('---', 1);
  let [from, to, found] = [1, close < 0 ? lines.length : close, 1];
  for (const key of path) {
    if (typeof key === 'number') {
      const dashes = [...lines.keys()].filter((i) => i >= from && i < to && /^\s*-(\s|$)/.test(lines[i]));
      const level = Math.min(...dashes.map((i) => lines[i].indexOf('-')));
      const items = dashes.filter((i) => lines[i].indexOf('-') === level);
      if (items[key] === undefined) break;
      [from, to, found] = [items[key], items[key + 1] ?? to, items[key] + 1];
      continue;
    }
    const first = lines.slice(from, to).find((l) => !blank(l));
    const level = first === undefined ? 0 : keyColumn(first);
    const name = new RegExp(`^\\s*(?:-\\s+)?${String(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    let at = -1;
    for (let i = from; i < to && at < 0; i++) if (keyColumn(lines[i]) === level && name.test(lines[i])) at = i;
    if (at < 0) break;
    let end = at + 1;
    while (end < to && (blank(lines[end]) || lines[end].search(/\S/) > keyColumn(lines[at]))) end++;
    [from, to, found] = [at + 1, end, at + 1];
  }
  return found;
}

const pathText = (path: readonly PropertyKey[]) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
const valueAt = (data: unknown, path: readonly PropertyKey[]) => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);

/** Every frontmatter mistake in one chapter as `file:line: key: what is wrong` (the line is the key's). */
export function frontmatterErrors(file: string, text: string, data: unknown, checked: Checked): string[] {
  return (checked.error?.issues ?? []).flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return (issue.keys ?? []).map((k) => `${file}:${keyLine(text, [...issue.path, k])}: ${pathText([...issue.path, k])}: unknown key (src/content.config.ts lists the keys a chapter may have)`);
    }
    if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) {
      return [`${file}:${keyLine(text, issue.path.slice(0, -1))}: ${pathText(issue.path)}: missing (expected ${issue.expected ?? 'a value'})`];
    }
    return [`${file}:${keyLine(text, issue.path)}: ${pathText(issue.path)}: ${issue.message}`];
  });
}

/** Why a chapter's file name cannot be its URL, or null: lower-case words, digits and hyphens only. */
export function fileNameError(file: string): string | null {
  const name = basename(file);
  if (/^[a-z0-9]+(-[a-z0-9]+)*\.mdx$/.test(name)) return null;
  const better = name.replace(/\.mdx$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${file}: a chapter's file name is its URL, so it may hold only lower-case letters, digits and single hyphens: rename it ${better || 'my-topic'}.mdx`;
}

/** Chapters that share an `order` (each would take the other's place and previous/next links), one message per file. */
export function sameOrderErrors(chapters: { file: string; order: number }[]): string[] {
  const taken = [...new Set(chapters.map((c) => c.order))].sort((a, b) => a - b).join(', ');
  return chapters.flatMap((c) => {
    const others = chapters.filter((o) => o !== c && o.order === c.order);
    if (others.length === 0) return [];
    const line = keyLine(readFileSync(c.file, 'utf8'), ['order']);
    return [`${relative(process.cwd(), c.file)}:${line}: order ${c.order} is also the order of ${others.map((o) => relative(process.cwd(), o.file)).join(', ')}: every chapter needs its own (taken: ${taken})`];
  });
}
