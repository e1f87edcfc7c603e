import ts from 'typescript';
import type { NamedControl } from '../types.ts';

// A figure file holds compute and draw side by side; a cell is compute alone, with exactly the imports,
// constants and helpers it reaches, in the file's own words, so the reader edits the code that runs.

/** A checker over the one file: it resolves each name to its declaration (imports stay unresolved, which is enough). */
function checked(path: string, text: string): { file: ts.SourceFile; checker: ts.TypeChecker } {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const host: ts.CompilerHost = {
    getSourceFile: (f) => (f === path ? file : undefined), fileExists: (f) => f === path, readFile: () => undefined, writeFile: () => undefined,
    getDefaultLibFileName: () => 'lib.d.ts', useCaseSensitiveFileNames: () => true, getCanonicalFileName: (f) => f, getCurrentDirectory: () => '', getNewLine: () => '\n',
  };
  return { file, checker: ts.createProgram([path], { noLib: true, noResolve: true, types: [] }, host).getTypeChecker() };
}

/** The top-level statement a declaration belongs to. */
const topOf = (d: ts.Node): ts.Node => (d.parent && !ts.isSourceFile(d.parent) ? topOf(d.parent) : d);

/** What a node refers to at the top level: statements (constants, helpers, types) and the local names of imports. */
function references(node: ts.Node, checker: ts.TypeChecker, into: { statements: Set<ts.Node>; imports: Set<string> }) {
  const walk = (n: ts.Node) => {
    if (ts.isIdentifier(n)) {
      // `{ rows }` names a property and a value at once: the value is the reference.
      const sym = ts.isShorthandPropertyAssignment(n.parent) && n.parent.name === n ? checker.getShorthandAssignmentValueSymbol(n.parent) : checker.getSymbolAtLocation(n);
      for (const d of sym?.declarations ?? []) {
        const top = topOf(d);
        if (ts.isImportDeclaration(top)) into.imports.add(n.text);
        else if (!ts.isExportAssignment(top)) into.statements.add(top);
      }
    }
    n.forEachChild(walk);
  };
  walk(node);
}

/** compute inside `export default defineFigure({ … })`: a method, or a property holding a function. */
function findCompute(file: ts.SourceFile): ts.MethodDeclaration | ts.FunctionLikeDeclaration | undefined {
  for (const s of file.statements) {
    if (!ts.isExportAssignment(s) || !ts.isCallExpression(s.expression)) continue;
    const spec = s.expression.arguments[0];
    if (!spec || !ts.isObjectLiteralExpression(spec)) continue;
    for (const p of spec.properties) {
      if (!p.name || !ts.isIdentifier(p.name) || p.name.text !== 'compute') continue;
      if (ts.isMethodDeclaration(p)) return p;
      if (ts.isPropertyAssignment(p) && (ts.isFunctionExpression(p.initializer) || ts.isArrowFunction(p.initializer))) return p.initializer;
    }
  }
  return undefined;
}

/** Text of a node with the comments just above it and a comment ending its last line, dedented by `indent`
 * spaces, except lines that continue a template literal (their spaces are part of the string). */
function textOf(node: ts.Node, file: ts.SourceFile, indent = 0): string {
  let from = node.getFullStart();
  // What follows the previous statement on its own line is that statement's comment, not this one's.
  if (from > 0 && file.text[from - 1] !== '\n') from = Math.min(node.getStart(file), file.text.indexOf('\n', from) + 1 || from);
  const after = ts.getTrailingCommentRanges(file.text, node.getEnd())?.at(-1)?.end ?? node.getEnd();
  const templates: [number, number][] = [];
  const walk = (n: ts.Node): void => void (ts.isTemplateLiteral(n) ? templates.push([n.getStart(file), n.getEnd()]) : n.forEachChild(walk));
  walk(node);
  let at = from;
  const lines = file.text.slice(from, after).split('\n').map((l) => {
    const start = at;
    at += l.length + 1;
    if (templates.some(([s, e]) => s < start && start < e)) return l;
    return l.startsWith(' '.repeat(indent)) ? l.slice(indent) : l.trimStart();
  });
  return lines.join('\n').replace(/^\s*\n/, '').trimEnd();
}

/** An import kept with only the names the cell uses; undefined when it gives none of them. */
function keptImport(s: ts.ImportDeclaration, used: Set<string>, file: ts.SourceFile): string | undefined {
  const clause = s.importClause;
  if (!clause) return undefined;
  const from = s.moduleSpecifier.getText(file);
  const parts: string[] = [];
  if (clause.name && used.has(clause.name.text)) parts.push(clause.name.text);
  const b = clause.namedBindings;
  if (b && ts.isNamespaceImport(b) && used.has(b.name.text)) parts.push(`* as ${b.name.text}`);
  if (b && ts.isNamedImports(b)) {
    const names = b.elements.filter((e) => used.has(e.name.text)).map((e) => e.getText(file));
    if (names.length) parts.push(`{ ${names.join(', ')} }`);
  }
  if (!parts.length) return undefined;
  return `import ${clause.isTypeOnly ? 'type ' : ''}${parts.join(', ')} from ${from};`;
}

/**
 * The cell of a figure file: its compute as `export function compute(params: Params, ctx)`, after the
 * imports, constants and helpers it needs, and `paramsType` (the controls' types) as `type Params`.
 * Throws naming the file when there is no compute to lift out.
 */
export function cellSource(text: string, path: string, paramsType = 'Record<string, number | boolean | string>'): string {
  const { file, checker } = checked(path, text);
  const compute = findCompute(file);
  if (!compute || !compute.body) throw new Error(`${path}: no compute method in export default defineFigure({ … }) to put in a cell`);
  const used = { statements: new Set<ts.Node>(), imports: new Set<string>() };
  references(compute, checker, used);
  // Grow the set until nothing new is reached: a helper may use a constant declared above it.
  for (let size = -1; size !== used.statements.size;) {
    size = used.statements.size;
    for (const s of [...used.statements]) references(s, checker, used);
  }
  const imports = file.statements.filter(ts.isImportDeclaration).map((s) => keptImport(s, used.imports, file)).filter((s): s is string => !!s);
  const [first, ...rest] = compute.parameters;
  const args = [`${first ? first.name.getText(file) : '_params'}: Params`, ...rest.map((p) => p.getText(file))].join(', ');
  // Dedent by the indentation of compute's own line (in the arrow form compute starts mid-line).
  const line = file.getLineAndCharacterOfPosition(compute.getStart(file)).line;
  const indent = /^ */.exec(file.text.slice(file.getPositionOfLineAndCharacter(line, 0)))![0].length;
  const code = textOf(compute.body, file, indent).replace(/^[^\n]*/, (head) => head.trimStart());
  const body = ts.isBlock(compute.body) ? code : `{\n  return ${code};\n}`;
  const doc = ts.getLeadingCommentRanges(file.text, compute.getFullStart())?.map((r) => file.text.slice(r.pos, r.end).replace(/\n\s*/g, '\n ')).join('\n');
  return [
    imports.join('\n'),
    `/** What the controls hand compute. */\ntype Params = ${paramsType};`,
    ...file.statements.filter((s) => used.statements.has(s)).map((s) => textOf(s, file)),
    `${doc ? `${doc}\n` : ''}export function compute(${args}) ${body}`,
  ].filter(Boolean).join('\n\n') + '\n';
}

/** The TypeScript type of a figure's params, from its controls: `{ rate: number; act: 'erf' | 'tanh' }`. */
export function paramsType(controls: readonly NamedControl[]): string {
  const type = (c: NamedControl) => (c.kind === 'range' ? 'number' : c.kind === 'checkbox' ? 'boolean' : c.options.map((o) => `'${o.value.replace(/[\\']/g, '\\$&')}'`).join(' | '));
  return controls.length ? `{ ${controls.map((c) => `${c.name}: ${type(c)}`).join('; ')} }` : 'Record<string, never>';
}
