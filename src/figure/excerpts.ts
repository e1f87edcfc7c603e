import { extractDeclaration } from './source.ts';

// Every source a figure or a chapter may show: the core, the chapters' maths and their figures.
const sources = import.meta.glob<string>(['../core/*.ts', '../chapters/*/*.ts', '../chapters/*/figures/*.ts'], { query: '?raw', import: 'default', eager: true });

/** A code excerpt named `path/from/src.ts#declaration`; throws naming the reference when it does not resolve. */
export function codeExcerpt(ref: string): { file: string; decl: string; body: string } {
  const [file, decl] = ref.split('#');
  const text = sources[`../${file}`];
  const body = text !== undefined && decl ? extractDeclaration(text, decl) : null;
  if (body === null) throw new Error(`code "${ref}" is not a declaration in src/${file}${text === undefined ? ' (no such file)' : ''}`);
  return { file, decl, body };
}

/** The text of a source file named by its path from the repository root (`src/chapters/…/figures/x.ts`). */
export function figureSource(path: string): string {
  const text = sources[`../${path.replace(/^src\//, '')}`];
  if (text === undefined) throw new Error(`${path}: not a source a cell can show`);
  return text;
}
