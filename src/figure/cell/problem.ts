/** A cell's failure, placed: `line` and `column` (1-based) in the reader's TypeScript when known. */
export interface CellProblem {
  /** `start`: the sandbox itself could not start (its wasm or the numerics did not load). */
  kind: 'syntax' | 'runtime' | 'timeout' | 'result' | 'import' | 'start';
  message: string;
  line?: number;
  column?: number;
}

/** The problem as the status line says it: "Line 3, column 10: …". */
export const problemText = (p: CellProblem): string =>
  `${p.line ? `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : ''}${p.message}`;
