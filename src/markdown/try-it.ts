import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellSource } from '../figure/cell/extract.ts';
import { toScript } from '../figure/cell/transpile.ts';
import { FIGURE_GLOB, figureNameOf } from '../figure/names.ts';

// The MDX check runs outside Vite, so it cannot load a figure to read its controls: it lifts the cell from the
// file on disk with the generic Params type. The two cells then differ only in the `type Params = …` line,
// which is left out of the search, so a find string counts the same on the page as here.

/** How many times `find` occurs in `text`, overlaps included: "exactly once" must mean one place to edit. */
export function occurrences(text: string, find: string): number {
  if (!find) return 0;
  let n = 0;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) n++;
  return n;
}

/** A cell with its `type Params = …;` line emptied: the one line the page writes from the controls. */
const withoutParams = (cell: string) => cell.replace(/^type Params = .*;$/m, '');

/**
 * Why a <TryIt> edit of the figure named `figure` cannot be applied, or null when it can: `find` must occur
 * exactly once in the figure's cell (read under root), and the edited cell must still compile.
 */
export function tryItError(root: string, figure: string, find: string, replace: string): string | null {
  if (!find.trim()) return 'find="…" is empty: name the text the edit replaces';
  if (find.includes('type Params')) return 'find="…" may not include the `type Params` line: the page writes it from the controls';
  const path = globSync(FIGURE_GLOB, { cwd: root }).map((p) => p.replaceAll('\\', '/')).find((p) => figureNameOf(p) === figure);
  if (!path) return `no figure file ${FIGURE_GLOB.replace('*/figures/*', `<chapter>/figures/${figure}`)}`;
  let cell: string;
  try {
    cell = cellSource(readFileSync(join(root, path), 'utf8'), path);
  } catch (error) {
    return (error as Error).message;
  }
  const searched = withoutParams(cell);
  const n = occurrences(searched, find);
  if (n === 0) return `find="${find}" does not occur in the cell of ${path} (the code under the figure's Edit; the type Params line is not searched)`;
  if (n > 1) return `find="${find}" occurs ${n} times in the cell of ${path}: lengthen it until it names one place`;
  const edited = toScript(searched.replace(find, () => replace));
  return 'problem' in edited ? `the edited cell of ${path} does not compile: ${edited.problem.message}${edited.problem.line ? ` (cell line ${edited.problem.line})` : ''}` : null;
}
