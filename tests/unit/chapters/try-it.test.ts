import { globSync, readFileSync } from 'node:fs';
import release from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resultProblem } from '../../../src/figure/cell/check.ts';
import { cellSource, paramsType } from '../../../src/figure/cell/extract.ts';
import { createSandbox } from '../../../src/figure/cell/sandbox.ts';
import { controlList, defaults } from '../../../src/figure/define.ts';
import { figurePath, loadFigure } from '../../../src/figure/registry.ts';
import { drawFigure, initialState } from '../../../src/figure/run.ts';
import type { AnyFigure, Computed } from '../../../src/figure/types.ts';
import { occurrences } from '../../../src/markdown/try-it.ts';
import { serverDocument } from '../../support/figures.ts';
import { numericsScript } from '../../support/numerics.ts';
import { CLAIMS } from './try-it-claims.ts';

// Every "Try it" prompt of the chapters, made as the reader's button makes it: the edit applied to the figure's
// cell, the cell run in the page's QuickJS sandbox at the figure's defaults, and the prompt's claim checked on
// what came back. The prompts are read with the parser the build's check uses (remark-parse, remark-mdx and
// remark-math), so attribute text is exactly what the page's button holds.

/** One <TryIt>: where it stands, the figure id it names and that figure's name, and its edit. */
interface Prompt {
  path: string;
  line: number;
  figure: string;
  name: string | undefined;
  find: string;
  replace: string;
}

interface Jsx { type: string; name: string | null; attributes: { type: string; name?: string; value?: unknown }[]; position?: { start: { line: number } } }

/** Every <TryIt> in content/*.mdx, its figure id resolved through the page's <Figure> elements (id defaults to name). */
function prompts(): Prompt[] {
  return globSync('content/*.mdx').sort().flatMap((path) => {
    // The frontmatter is the loader's, not MDX: blanked, keeping its lines so the line numbers hold.
    const text = readFileSync(path, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, (front) => front.replace(/[^\n]/g, ''));
    const ids = new Map<string, string>();
    const found: Omit<Prompt, 'name'>[] = [];
    visit(unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(text), (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const el = node as unknown as Jsx;
      const attr = (k: string) => String(el.attributes.find((a) => a.name === k)?.value);
      if (el.name === 'Figure') ids.set(el.attributes.some((a) => a.name === 'id') ? attr('id') : attr('name'), attr('name'));
      if (el.name === 'TryIt') found.push({ path, line: el.position?.start.line ?? 0, figure: attr('figure'), find: attr('find'), replace: attr('replace') });
    });
    return found.map((p) => ({ ...p, name: ids.get(p.figure) }));
  });
}

const all = prompts();
const key = (p: Prompt) => `${p.figure}:${p.find}`;

// The reader's limit is the figure's own (2 s unless it declares more); this test checks claims, not speed,
// so it allows far more and a slow machine cannot fail it (tests/bench measures the cells' run times).
const LIMIT_MS = 600_000;

let box: ReturnType<typeof createSandbox>;
beforeAll(async () => {
  box = createSandbox(await newQuickJSWASMModuleFromVariant(release), await numericsScript());
});
afterAll(() => box.dispose());

/** The figure's cell as the page shows it, with the controls' own Params type. */
async function pageCell(name: string): Promise<{ fig: AnyFigure; path: string; cell: string }> {
  const fig = await loadFigure(name);
  const path = figurePath(name)!;
  return { fig, path, cell: cellSource(readFileSync(path, 'utf8'), path, paramsType(controlList(fig.controls))) };
}

/** Runs a cell in the sandbox at the figure's defaults, as Run does; throws the problem that stopped it. */
function run(fig: AnyFigure, source: string, path: string): Computed & Record<string, unknown> {
  const loaded = box.load(source, path, LIMIT_MS);
  if (loaded) throw new Error(`the cell does not load: ${loaded.message} (line ${loaded.line})`);
  const inputs = fig.prepare ? JSON.parse(JSON.stringify(fig.prepare((_k, make) => make()))) : undefined;
  const out = box.run({ params: defaults(fig.controls), state: initialState(fig), inputs }, LIMIT_MS);
  if ('problem' in out) throw new Error(`the cell stopped: ${out.problem.message} (line ${out.problem.line})`);
  return out.value as Computed & Record<string, unknown>;
}

test('the chapters have prompts, at least one in every chapter, each naming a figure on its page', () => {
  const chapters = globSync('content/*.mdx');
  for (const path of chapters) expect(all.filter((p) => p.path === path).length, path).toBeGreaterThanOrEqual(1);
  for (const p of all) expect(p.name, `${p.path}:${p.line}: <TryIt figure="${p.figure}">`).toBeDefined();
});

test('every claim in the map belongs to a prompt, so none is left over from an edit that was changed', () => {
  expect(Object.keys(CLAIMS).filter((k) => !all.some((p) => key(p) === k))).toEqual([]);
});

describe.each(all)('$path:$line, $figure: $find → $replace', (p) => {
  test('its find occurs exactly once in the cell the page shows', async () => {
    const { cell } = await pageCell(p.name!);
    expect(occurrences(cell, p.find)).toBe(1);
  });

  test('the edited cell runs in the sandbox, draws, and does what the prompt says', async () => {
    const claim = CLAIMS[key(p)];
    expect(claim, `no claim checks the prompt at ${p.path}:${p.line}: add one to try-it-claims.ts under "${key(p)}"`).toBeDefined();
    const { fig, path, cell } = await pageCell(p.name!);
    const edited = run(fig, cell.replace(p.find, () => p.replace), path);
    expect(resultProblem(edited)).toBeNull();
    // The figure's own draw must show it: the reader sees a chart, not an error.
    expect(() => drawFigure(fig, edited, serverDocument())).not.toThrow();
    let reference: (Computed & Record<string, unknown>) | undefined;
    claim(edited, () => (reference ??= run(fig, cell, path)));
    // Two sandbox runs of a sweep (the edited cell and the reference), each up to ~25 s in QuickJS on a loaded CI machine.
  }, 300_000);
});
