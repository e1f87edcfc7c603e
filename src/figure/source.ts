/**
 * The text of one declaration in a TypeScript source, with its doc comment: `export function name`,
 * `export const name`, `function name` or `export class name`, up to the closing brace at its own
 * indentation. A nested one (a model's `backward`) comes back dedented. Used to show the very code that runs.
 */
export function extractDeclaration(source: string, name: string): string | null {
  const lines = source.split('\n');
  const head = new RegExp(`^(\\s*)(export\\s+)?(async\\s+)?(function\\*?|const|let|class|interface|type)\\s+${name}\\b`);
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) return null;
  const indent = head.exec(lines[start])![1];
  const close = new RegExp(`^${indent}[}\\]]`);
  let first = start;
  if (lines[first - 1]?.trim().endsWith('*/')) {
    while (first > 0 && !lines[first].trimStart().startsWith('/**')) first--;
  }
  let end = start;
  // One-line declarations end on their own line; block ones at the first closing brace at their indentation.
  if (!/[;}]\s*$/.test(lines[start]) || /\{\s*$/.test(lines[start])) {
    while (end < lines.length - 1 && !close.test(lines[end])) end++;
  }
  return lines.slice(first, end + 1).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
}
