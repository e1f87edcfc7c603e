// The notebook cell under a figure: its compute in an editor, Run, Stop, Reset code, and the downloads.
// Loaded on the reader's first Edit (or Script) click, never with the page.
import { CodeJar } from 'codejar';
import type { BsFigure, Live } from '../element.ts';
import { CODE_KEY, queryKey } from '../url-state.ts';
import type { Runner } from '../worker-client.ts';
import type { Shape } from './check.ts';
import { cellRunner, type CellError } from './client.ts';
import { problemText } from './problem.ts';
import { packCode, unpackCode } from './share.ts';
import { button, element, paint, save } from './ui.ts';

interface Cell { path: string; source: string; limit: number; shape: Shape }
interface Panel { cell: Cell; jar: ReturnType<typeof CodeJar>; runner: ReturnType<typeof cellRunner>; section: HTMLElement; say(text: string, bad?: boolean): void; run(): void }

const panels = new WeakMap<BsFigure, Promise<Panel>>();
const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** Builds a figure's cell panel once: fetches its source, makes the editor and the sandbox runner. */
async function panelOf(el: BsFigure, live: Live): Promise<Panel> {
  const [name, id] = [el.dataset.name!, el.dataset.id!];
  const res = await fetch(`${base}figures/${name}.cell.json`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const cell = (await res.json()) as Cell;
  const code = element('pre', 'source cell-code');
  code.setAttribute('role', 'textbox');
  code.setAttribute('aria-multiline', 'true');
  code.setAttribute('aria-label', `compute of figure ${id} (TypeScript)`);
  // contenteditable makes it focusable, but axe (and some readers' tools) look for a tab stop on a scrolling box.
  code.tabIndex = 0;
  const status = element('p', 'cell-status');
  status.setAttribute('role', 'status');
  const say = (text: string, bad = false) => {
    status.textContent = text;
    status.toggleAttribute('data-bad', bad);
  };
  // What runs now: the shipped compute (no cell in force) or `source` in the sandbox; `round` counts Runs and
  // Resets, so a late answer (a run's result, a link being written) from an earlier round says nothing.
  let source = cell.source;
  let active = false;
  let round = 0;
  let decile = -1;
  const runner = cellRunner({
    code: () => ({ source, path: cell.path, limit: cell.limit, shape: cell.shape }),
    // Tenths only: a live region read out twenty times a second helps no one.
    progress: (done) => Math.floor(done * 10) !== decile && say(`Running in the sandbox… ${(decile = Math.floor(done * 10)) * 10} %`),
  });
  const told: Runner = {
    run(job, onPartial) {
      const [mine, t0] = [round, performance.now()];
      decile = -1;
      say('Running in the sandbox…');
      const out = runner.run(job, onPartial);
      const now = () => active && mine === round;
      out.result.then(
        () => now() && say(`Ran in the sandbox in ${Math.round(performance.now() - t0)} ms${source === cell.source ? ' (the shipped code)' : ''}.`),
        (e: CellError) => now() && e.name !== 'AbortError' && say(e.problem ? problemText(e.problem) : e.message, true),
      );
      return out;
    },
    failed: (message) => active && say(`It ran, but the figure's draw could not show the result: ${message}.`, true),
  };
  /** Puts the packed code in the address, or takes it out (shipped code, too long for a link); false when too long. */
  const share = async (): Promise<boolean> => {
    const mine = round;
    const packed = !active || source === cell.source ? null : await packCode(source);
    if (mine !== round) return true;
    const query = new URLSearchParams(location.search);
    if (packed) query.set(queryKey(id, CODE_KEY), packed);
    else query.delete(queryKey(id, CODE_KEY));
    const text = query.toString();
    history.replaceState(history.state, '', `${location.pathname}${text ? `?${text}` : ''}${location.hash}`);
    return packed !== null || !active || source === cell.source;
  };
  const jar = CodeJar(code, paint, { tab: '  ', catchTab: false, spellcheck: false });
  jar.updateCode(cell.source);
  const run = () => {
    [source, active] = [jar.toString(), true];
    round++;
    live.useCell(told);
    void share().then((fits) => fits || say(`${status.textContent} The code is too long for a link: Download as .ts keeps it.`));
  };
  code.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  const actions = element('p', 'cell-actions',
    button('Run', run),
    button('Stop', () => {
      runner.stop();
      if (active) say('Stopped. The chart shows the last run that finished.');
    }),
    button('Reset code', () => {
      [source, active] = [cell.source, false];
      round++;
      runner.stop();
      jar.updateCode(cell.source);
      live.useCell(undefined);
      void share();
      say('Back to the shipped code and the shipped compute.');
    }),
    button('Download as .ts', () => save(jar.toString(), `${id}.ts`, 'text/plain')),
  );
  const head = element('p', 'cell-head', 'compute from ', element('code', '', cell.path),
    ': edit it, then Run (Ctrl+Enter). Its result goes to the figure’s own draw, and the controls re-run it. Tab leaves the editor.');
  const section = element('section', 'cell', head, code, actions, status);
  section.setAttribute('aria-label', `The code of figure ${id}`);
  section.hidden = true;
  el.querySelector('.takeaway')!.after(section);
  const packed = new URLSearchParams(location.search).get(queryKey(id, CODE_KEY));
  if (packed !== null) {
    try {
      jar.updateCode(await unpackCode(packed));
      section.hidden = false;
      el.querySelector('[data-edit]')?.setAttribute('aria-expanded', 'true');
      run();
    } catch (error) {
      say(`The code in this address could not be read (${(error as Error).message}): this is the shipped code.`, true);
    }
  }
  return { cell, jar, runner, section, say, run };
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

/**
 * Opens the editor under the figure (a second click closes it); a Try-it `change` replaces its text in the code
 * and runs it. `auto` (a link with code, on load) opens it without taking the reader's focus or scroll.
 */
export async function edit(el: BsFigure, live: Live, change?: { find: string; replace: string }, auto = false) {
  const p = await panel(el, live);
  const open = !p.section.hidden && !change && !auto ? false : true;
  p.section.hidden = !open;
  el.querySelector('[data-edit]')?.setAttribute('aria-expanded', String(open));
  if (!open || auto) return;
  if (change) {
    const now = p.jar.toString();
    // Search past the `type Params` line, as the build's check of the prompt does.
    const at = now.indexOf(change.find, now.search(/^type Params = .*$/m) + 1);
    if (at < 0) p.say(`This edit looks for “${change.find}”, which the code no longer has: Reset code, then try again.`, true);
    else {
      p.jar.updateCode(now.slice(0, at) + change.replace + now.slice(at + change.find.length));
      p.run();
    }
    p.section.scrollIntoView({ block: 'nearest' });
  }
  p.section.querySelector<HTMLElement>('.cell-code')?.focus({ preventScroll: !!change });
}

/** Downloads the figure's compute (as last run, edited or not) as a node script that prints its CSV. */
export async function script(el: BsFigure, live: Live) {
  const p = await panel(el, live);
  const { values, state, inputs } = await live.context();
  try {
    save(await p.runner.script({ name: el.dataset.name!, id: el.dataset.id!, path: p.cell.path, controls: el.controls, values, state, inputs }), `${el.dataset.id}.mjs`, 'text/javascript');
  } catch (error) {
    if ((error as Error).name === 'AbortError') return;
    p.section.hidden = false;
    p.say(`The script could not be written: ${problemText((error as CellError).problem ?? { kind: 'runtime', message: (error as Error).message })}`, true);
  }
}
