// The notebook cell under a figure: its compute in an editor, Run, Reset code, and the downloads.
// Loaded on the reader's first Edit (or Script) click, never with the page.
import { CodeJar } from 'codejar';
import { highlight } from '../../markdown/highlight.ts';
import type { BsFigure, Live } from '../element.ts';
import { CODE_KEY, queryKey } from '../url-state.ts';
import type { Runner } from '../worker-client.ts';
import type { Shape } from './check.ts';
import { cellRunner, type CellError } from './client.ts';
import { problemText } from './problem.ts';
import { packCode, unpackCode } from './share.ts';

interface Cell { path: string; source: string; limit: number; shape: Shape }
interface Panel {
  cell: Cell;
  jar: ReturnType<typeof CodeJar>;
  runner: ReturnType<typeof cellRunner>;
  section: HTMLElement;
  say(text: string, bad?: boolean): void;
  run(): void;
}

const panels = new WeakMap<BsFigure, Promise<Panel>>();
const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** Our own four token classes, as "show the code" draws them, rebuilt as the reader types. */
function paint(node: HTMLElement) {
  node.replaceChildren(...highlight(node.textContent ?? '').map((t) => {
    if (!t.kind) return document.createTextNode(t.text);
    const span = document.createElement('span');
    span.className = `t-${t.kind}`;
    span.textContent = t.text;
    return span;
  }));
}

/** Saves text as a file through a temporary link. */
function save(text: string, name: string, type: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

/** Puts the packed code in the address (or takes it out: shipped code, or too long for a link). */
async function share(id: string, code: string, shipped: string): Promise<boolean> {
  const packed = code === shipped ? null : await packCode(code);
  const query = new URLSearchParams(location.search);
  if (packed) query.set(queryKey(id, CODE_KEY), packed);
  else query.delete(queryKey(id, CODE_KEY));
  const text = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${text ? `?${text}` : ''}${location.hash}`);
  return packed !== null || code === shipped;
}

function button(label: string, onclick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.onclick = onclick;
  return b;
}

/** Builds a figure's cell panel once: fetches its source, makes the editor and the sandbox runner. */
async function panelOf(el: BsFigure, live: Live): Promise<Panel> {
  const name = el.dataset.name!;
  const id = el.dataset.id!;
  const res = await fetch(`${base}figures/${name}.cell.json`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const cell = (await res.json()) as Cell;
  const section = document.createElement('section');
  section.className = 'cell';
  section.setAttribute('aria-label', `The code of this figure`);
  section.hidden = true;
  const head = document.createElement('p');
  head.className = 'cell-head';
  head.append('compute from ', Object.assign(document.createElement('code'), { textContent: cell.path }),
    ': edit it, then Run (Ctrl+Enter). Its result goes to the figure’s own draw, and the controls re-run it. Tab leaves the editor.');
  const code = document.createElement('pre');
  code.className = 'source cell-code';
  code.setAttribute('role', 'textbox');
  code.setAttribute('aria-multiline', 'true');
  code.setAttribute('aria-label', `compute of figure ${id} (TypeScript)`);
  code.spellcheck = false;
  // contenteditable makes it focusable, but axe (and some readers' tools) look for a tab stop on a scrolling box.
  code.tabIndex = 0;
  const status = document.createElement('p');
  status.className = 'cell-status';
  status.setAttribute('role', 'status');
  const say = (text: string, bad = false) => {
    status.textContent = text;
    status.toggleAttribute('data-bad', bad);
  };
  let source = cell.source;
  const runner = cellRunner({ code: () => ({ source, path: cell.path, limit: cell.limit, shape: cell.shape }), progress: (done) => say(`Running in the sandbox… ${Math.round(done * 100)} %`) });
  // The runtime awaits the sandbox; this wrapper tells the reader, under the code, how each run went.
  const told: Runner = {
    run(job, onPartial) {
      const t0 = performance.now();
      say('Running in the sandbox…');
      const out = runner.run(job, onPartial);
      out.result.then(
        () => say(`Ran in the sandbox in ${Math.round(performance.now() - t0)} ms${source === cell.source ? ' (the shipped code)' : ''}.`),
        (e: CellError) => e.name !== 'AbortError' && say(e.problem ? problemText(e.problem) : e.message, true),
      );
      return out;
    },
    failed: (message) => say(`It ran, but the figure's draw could not show the result: ${message}.`, true),
  };
  const jar = CodeJar(code, paint, { tab: '  ', catchTab: false, spellcheck: false });
  jar.updateCode(cell.source);
  const run = () => {
    source = jar.toString();
    live.useCell(told);
    void share(id, source, cell.source).then((fits) => fits || say(`${status.textContent} The code is too long for a link: Download as .ts keeps it.`));
  };
  code.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  const actions = document.createElement('p');
  actions.className = 'cell-actions';
  actions.append(
    button('Run', run),
    button('Reset code', () => {
      source = cell.source;
      jar.updateCode(cell.source);
      live.useCell(undefined);
      void share(id, source, cell.source);
      say('Back to the shipped code and the shipped compute.');
    }),
    button('Download as .ts', () => save(jar.toString(), `${id}.ts`, 'text/plain')),
  );
  section.append(head, code, actions, status);
  el.querySelector('.takeaway')!.after(section);
  const panel: Panel = { cell, jar, runner, section, say, run };
  const packed = new URLSearchParams(location.search).get(queryKey(id, CODE_KEY));
  if (packed !== null) {
    try {
      jar.updateCode(await unpackCode(packed));
      section.hidden = false;
      run();
    } catch {
      say('The code in this address could not be read (a cut or altered link?): this is the shipped code.', true);
    }
  }
  return panel;
}

/** The panel, made on first need; a failed fetch is forgotten so the next click tries again. */
function panel(el: BsFigure, live: Live): Promise<Panel> {
  let hit = panels.get(el);
  if (!hit) {
    hit = panelOf(el, live);
    hit.catch(() => panels.delete(el));
    panels.set(el, hit);
  }
  return hit;
}

/** Opens the editor under the figure; a Try-it `change` replaces its text in the code and runs it. */
export async function edit(el: BsFigure, live: Live, change?: { find: string; replace: string }) {
  const p = await panel(el, live);
  p.section.hidden = false;
  el.querySelector('[data-edit]')?.setAttribute('aria-expanded', 'true');
  if (change) {
    const now = p.jar.toString();
    if (!now.includes(change.find)) p.say(`This edit looks for “${change.find}”, which the code no longer has: Reset code, then try again.`, true);
    else {
      p.jar.updateCode(now.replace(change.find, () => change.replace));
      p.run();
    }
    p.section.scrollIntoView({ block: 'nearest' });
  }
  p.section.querySelector<HTMLElement>('.cell-code')?.focus();
}

/** Downloads the figure's compute (as edited, if it is) as a node script that prints its CSV. */
export async function script(el: BsFigure, live: Live) {
  const p = await panel(el, live);
  const { values, state, inputs } = await live.context();
  try {
    save(await p.runner.script({ name: el.dataset.name!, id: el.dataset.id!, path: p.cell.path, controls: el.controls, values, state, inputs }), `${el.dataset.id}.mjs`, 'text/javascript');
  } catch (error) {
    p.section.hidden = false;
    p.say(`The script could not be written: ${problemText((error as CellError).problem ?? { kind: 'runtime', message: (error as Error).message })}`, true);
  }
}
