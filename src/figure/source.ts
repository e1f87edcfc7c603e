/**
 * The text of one top-level declaration in a TypeScript source, with its doc comment:
 * `export function name`, `export const name`, `function name` or `export class name`, up to
 * the closing brace at column 0. Used to show on the page the very code that runs.
 */
export function extractDeclaration(source: string, name: string): string | null {
  const lines = source.split('\n');
  const head = new RegExp(`^(export\\s+)?(async\\s+)?(function\\*?|const|let|class|interface|type)\\s+${name}\\b`);
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) return null;
  let first = start;
  if (lines[first - 1]?.trim().endsWith('*/')) {
    while (first > 0 && !lines[first].trimStart().startsWith('/**')) first--;
  }
  let end = start;
  // One-line declarations end on their own line; block ones at the first column-0 closing brace.
  if (!/[;}]\s*$/.test(lines[start]) || /\{\s*$/.test(lines[start])) {
    while (end < lines.length - 1 && !/^[}\]]/.test(lines[end])) end++;
  }
  return lines.slice(first, end + 1).join('\n');
}
