/** A cell's failure, placed: `line` and `column` (1-based) in the reader's TypeScript when known. */
export interface CellProblem {
  kind: 'syntax' | 'runtime' | 'timeout' | 'result' | 'import';
  message: string;
  line?: number;
  column?: number;
}

/** The problem as the status line says it: "Line 3, column 10: …". */
export const problemText = (p: CellProblem): string =>
  `${p.line ? `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : ''}${p.message}`;
