import { readFileSync } from 'node:fs';
import { globSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/** A source file as the layout check reads it: its path from the repository root and its text. */
export interface Source {
  path: string;
  text: string;
}

/** Every TypeScript file under src/, read from disk. */
export const sources = (root = '.'): Source[] =>
  globSync('src/**/*.ts', { cwd: root }).sort().map((path) => ({ path: path.replaceAll('\\', '/'), text: readFileSync(join(root, path), 'utf8') }));

const chapterOf = (path: string) => /^src\/chapters\/([^/]+)\//.exec(path)?.[1];
/** Pure code: the core and a chapter's maths (not its figures, not a worker). */
export const isPure = (path: string) => path.startsWith('src/core/') || (/^src\/chapters\/[^/]+\/[^/]+\.ts$/.test(path) && !path.endsWith('.worker.ts'));

// What pure code may not touch: the page, workers, the network, the process-wide object, the build's env.
const IMPURE = /\b(document|window|self|globalThis|navigator|localStorage|sessionStorage|Worker|fetch|XMLHttpRequest|requestAnimationFrame|HTMLElement|customElements)\b|import\.meta\.env/;
// Packages that draw or fake a DOM.
const DOM_PACKAGES = /^(@observablehq\/plot|linkedom|d3-selection)(\/|$)/;

/** Code with comments and string contents blanked, so a word in a comment or a message is not a use. */
function codeOnly(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let out = '';
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    const s = scanner.getTokenText();
    const literal = t === ts.SyntaxKind.StringLiteral || t === ts.SyntaxKind.NoSubstitutionTemplateLiteral || (t >= ts.SyntaxKind.TemplateHead && t <= ts.SyntaxKind.TemplateTail);
    out += literal ? ' ' : t === ts.SyntaxKind.SingleLineCommentTrivia || t === ts.SyntaxKind.MultiLineCommentTrivia ? '\n' : s + ' ';
  }
  return out;
}

/** Every rule the layout keeps, as messages naming file and import: an empty list means the tree follows it. */
export function layoutViolations(files: Source[]): string[] {
  const out: string[] = [];
  for (const { path, text } of files) {
    const mine = chapterOf(path);
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (DOM_PACKAGES.test(fileName) && isPure(path)) out.push(`${path}: pure code imports ${fileName}`);
      if (!fileName.startsWith('.')) continue;
      const target = normalize(join(dirname(path), fileName)).replaceAll('\\', '/');
      const theirs = chapterOf(target);
      if (theirs && mine && theirs !== mine) out.push(`${path}: imports another chapter (${target})`);
      // Routes (src/pages) are entry points, like the registry's glob: they may serve a chapter's data.
      if (theirs && !mine && !path.startsWith('src/pages/')) out.push(`${path}: ${path.split('/')[1]} imports a chapter (${target})`);
      if (path.startsWith('src/core/') && !target.startsWith('src/core/')) out.push(`${path}: core imports outside core (${target})`);
    }
    if (isPure(path)) {
      const m = IMPURE.exec(codeOnly(text));
      if (m) out.push(`${path}: pure code uses ${m[0]}`);
    }
  }
  return out;
}
