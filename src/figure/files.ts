import { existsSync, globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDeclaration } from './source.ts';
import { FIGURE_GLOB, figureNameOf } from './names.ts';

/** Figure names as the registry will see them, read from disk (for the MDX check, which runs outside Vite). */
export function figureNamesOnDisk(root: string): Set<string> {
  return new Set(globSync(FIGURE_GLOB, { cwd: root }).map((p) => figureNameOf(p.replaceAll('\\', '/'))));
}

/** Why a code reference `path/from/src.ts#name` does not resolve under root/src, or null when it does (for the MDX check). */
export function codeRefError(root: string, ref: string): string | null {
  const [file, decl] = ref.split('#');
  if (!file || !decl) return `"${ref}" must be path/from/src.ts#declaration`;
  const path = join(root, 'src', file);
  if (!existsSync(path)) return `"${ref}": there is no src/${file}`;
  return extractDeclaration(readFileSync(path, 'utf8'), decl) === null ? `"${ref}": src/${file} declares no ${decl}` : null;
}
