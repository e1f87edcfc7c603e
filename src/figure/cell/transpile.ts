import { transform } from 'sucrase';
import type { CellProblem } from './problem.ts';

/**
 * TypeScript to a script the sandbox runs: types stripped, imports turned into `require` calls, every line
 * where it was (sucrase keeps line numbers), so the sandbox's errors point into the reader's code.
 */
export function toScript(source: string): { code: string } | { problem: CellProblem } {
  try {
    return { code: transform(source, { transforms: ['typescript', 'imports'], filePath: 'cell.ts', production: true }).code };
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    // sucrase appends "(line:column)" to its message; its loc.column counts as an editor does, from 1.
    return { problem: { kind: 'syntax', message: `${e.message.replace(/^Error transforming \S+: /, '').replace(/\s*\(\d+:\d+\)$/, '').replace(/\.?$/, '.')}`, line: e.loc?.line, column: e.loc?.column } };
  }
}
