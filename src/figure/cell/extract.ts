import ts from 'typescript';
import type { NamedControl } from '../types.ts';

// A figure file holds compute and draw side by side; a cell is compute alone, with exactly the imports,
// constants and helpers it reaches, in the file's own words, so the reader edits the code that runs.

/** The names a statement declares at the top level of a module. */
function declared(s: ts.Statement): string[] {
  const names: string[] = [];
  const bind = (n: ts.BindingName) => {
    if (ts.isIdentifier(n)) names.push(n.text);
    else for (const e of n.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bind(d.name);
  else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) names.push(s.name.text);
  return names;
}

/** A name that is a key, not a reference: `a.key`, `{ key: v }`, a method or a member's name. */
const isKey = (n: ts.Identifier) => {
  const p = n.parent;
  if (ts.isPropertyAccessExpression(p)) return p.name === n;
  if (ts.isBindingElement(p)) return p.propertyName === n;
  if (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p)) return p.name === n;
  return false;
};

/** Every identifier a node refers to (a local that shadows a top-level name counts too, which only keeps more). */
function mentioned(node: ts.Node, into: Set<string>) {
  const walk = (n: ts.Node) => {
    if (ts.isIdentifier(n) && !isKey(n)) into.add(n.text);
    n.forEachChild(walk);
  };
  walk(node);
}

/** Names declared inside a node (locals, parameters, inner functions): such a name shadows an import of it. */
function locals(node: ts.Node, into: Set<string>) {
  const bind = (n: ts.BindingName) => {
    if (ts.isIdentifier(n)) into.add(n.text);
    else for (const e of n.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  const walk = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) || ts.isParameter(n)) bind(n.name);
    else if (ts.isFunctionDeclaration(n) && n.name && n !== node) into.add(n.name.text);
    n.forEachChild(walk);
  };
  node.forEachChild(walk);
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

/** Text of a node with the comments just above it and a comment ending its last line, dedented by `indent` spaces. */
function textOf(node: ts.Node, file: ts.SourceFile, indent = 0): string {
  let from = node.getFullStart();
  // What follows the previous statement on its own line is that statement's comment, not this one's.
  if (from > 0 && file.text[from - 1] !== '\n') from = Math.min(node.getStart(file), file.text.indexOf('\n', from) + 1 || from);
  const after = ts.getTrailingCommentRanges(file.text, node.getEnd())?.at(-1)?.end ?? node.getEnd();
  const lines = file.text.slice(from, after).replace(/^\s*\n/, '').split('\n');
  return lines.map((l) => (l.startsWith(' '.repeat(indent)) ? l.slice(indent) : l.trimStart())).join('\n').trimEnd();
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
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const compute = findCompute(file);
  if (!compute || !compute.body) throw new Error(`${path}: no compute method in export default defineFigure({ … }) to put in a cell`);
  const used = new Set<string>();
  mentioned(compute, used);
  const top = file.statements.filter((s) => !ts.isImportDeclaration(s) && !ts.isExportAssignment(s));
  const keep = new Set<ts.Statement>();
  // Grow the set until nothing new is reached: a helper may use a constant declared above it.
  for (let grew = true; grew;) {
    grew = false;
    for (const s of top) {
      if (keep.has(s) || !declared(s).some((n) => used.has(n))) continue;
      keep.add(s);
      mentioned(s, used);
      grew = true;
    }
  }
  const shadowed = new Set<string>();
  for (const n of [compute, ...keep]) locals(n, shadowed);
  for (const n of shadowed) used.delete(n);
  const imports = file.statements.filter(ts.isImportDeclaration).map((s) => keptImport(s, used, file)).filter((s): s is string => !!s);
  const [first, ...rest] = compute.parameters;
  const args = [`${first ? first.name.getText(file) : '_params'}: Params`, ...rest.map((p) => p.getText(file))].join(', ');
  const column = file.getLineAndCharacterOfPosition(compute.getStart(file)).character;
  const body = textOf(compute.body, file, column).replace(/^[^\n]*/, (first) => first.trimStart());
  const doc = ts.getLeadingCommentRanges(file.text, compute.getFullStart())?.map((r) => file.text.slice(r.pos, r.end).replace(/\n\s*/g, '\n ')).join('\n');
  return [
    imports.join('\n'),
    `/** What the controls hand compute. */\ntype Params = ${paramsType};`,
    ...top.filter((s) => keep.has(s)).map((s) => textOf(s, file)),
    `${doc ? `${doc}\n` : ''}export function compute(${args}) ${body}`,
  ].filter(Boolean).join('\n\n') + '\n';
}

/** The TypeScript type of a figure's params, from its controls: `{ rate: number; act: 'erf' | 'tanh' }`. */
export function paramsType(controls: readonly NamedControl[]): string {
  const type = (c: NamedControl) => (c.kind === 'range' ? 'number' : c.kind === 'checkbox' ? 'boolean' : c.options.map((o) => JSON.stringify(o.value).replaceAll('"', "'")).join(' | '));
  return controls.length ? `{ ${controls.map((c) => `${c.name}: ${type(c)}`).join('; ')} }` : 'Record<string, never>';
}
