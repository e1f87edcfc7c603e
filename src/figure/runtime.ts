// What <bs-figure> needs only once the reader acts: loaded lazily so the first-load script stays small.
import type { BsFigure } from './element.ts';
import { csvFile, fileName, provenance, toSvg } from './export.ts';
import { loadFigure } from './registry.ts';
import { computeFigure, drawFigure, initialState, type Memo } from './run.ts';
import { liveWidth } from './sizes.ts';
import { player } from './timeline.ts';
import type { AnyFigure, Computed, Values, View } from './types.ts';
import { CODE_KEY, queryKey, readQuery, rejectedNote, writeQuery } from './url-state.ts';
import { workerRunner, type Runner } from './worker-client.ts';

const inputsCache = new Map<string, Promise<unknown>>();
// Writing the address costs a few ms and the browser throttles it: once the reader pauses is enough.
const URL_DELAY_MS = 250;

/** A prepared figure's build-time inputs, fetched once per page from beside it; a failed fetch is retried next time. */
function inputsOf(name: string, fig: AnyFigure): Promise<unknown> {
  if (!fig.prepare) return Promise.resolve(undefined);
  let hit = inputsCache.get(name);
  if (!hit) {
    hit = fetch(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}figures/${name}.json`).then((res) => {
      if (!res.ok) throw new Error(`could not load its data (HTTP ${res.status})`);
      return res.json();
    });
    hit.catch(() => inputsCache.delete(name));
    inputsCache.set(name, hit);
  }
  return hit;
}

const idle = (f: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 200));

/** Starts the live side of one <bs-figure>: its figure, state, memo, worker, player and URL notes. */
export async function start(el: BsFigure) {
  const name = el.dataset.name!;
  const id = el.dataset.id!;
  const fig = await loadFigure(name);
  let state = initialState(fig);
  const memo: Memo = new Map();
  let urlNote = '';
  let run = 0;
  let cancel: (() => void) | undefined;
  let shown: { data: Computed; notes: string[]; values: Values } | undefined;
  let exported = true;
  let pending: 'toggle' | 'step1' | undefined;
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  const urls: string[] = [];
  const worker = fig.worker ? workerRunner() : undefined;
  // The reader's edited compute, when one is in force: it runs in the sandbox instead of the shipped one.
  let cell: Runner | undefined;
  const chart = el.querySelector<HTMLElement>('.chart')!;
  let width = liveWidth(chart.clientWidth);
  const play = fig.timeline ? player({
    total: () => (shown ? fig.timeline!.steps(shown.data) : 0),
    draw: () => shown && show(shown.data, shown.notes),
    frame: (f) => requestAnimationFrame(f),
    cancel: (i) => cancelAnimationFrame(i),
    reduced: () => matchMedia('(prefers-reduced-motion: reduce)').matches,
    changed: (playing, step, total) => el.timeline(playing, step, total, fig.timeline!.unit ?? 'step'),
  }) : undefined;
  const view: View<Values, string> = {
    live: true,
    get width() { return width; },
    get step() { return play?.step; },
    act: (a, payload) => el.press(a, payload),
    set: (values) => (el.set(values as Values), el.schedule()),
  };
  const retry = el.querySelector<HTMLButtonElement>('[data-retry]');
  /** The status line; a failure that another try may mend offers Retry. */
  const note = (text: string, failed = false) => {
    el.querySelector('.note')!.textContent = text;
    if (retry) retry.hidden = !failed;
  };

  /** Puts a computed result on the page: the chart (at the current width and step), its text alternative, every note. */
  function show(data: Computed, notes: string[]) {
    chart.replaceChildren(drawFigure(fig, data, document, view));
    const alt = document.getElementById(chart.getAttribute('aria-describedby') || '');
    if (alt) alt.textContent = data.alt;
    note([urlNote, ...notes, data.note ?? ''].filter(Boolean).join(' '));
  }

  /** Points the download links at the data and chart now on screen, each file and its name saying which values made it. */
  function exports() {
    if (exported || !shown) return;
    exported = true;
    for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    const node = chart.firstElementChild;
    const about = provenance(name, shown.values);
    const files = { csv: [csvFile(shown.data.rows, about), 'text/csv'], svg: [node ? toSvg(node, document, about) : '', 'image/svg+xml'] } as const;
    const start = Object.fromEntries(el.controls.map((c) => [c.name, c.value]));
    for (const [kind, [text, type]] of Object.entries(files)) {
      const url = URL.createObjectURL(new Blob([text], { type }));
      urls.push(url);
      const link = el.querySelector<HTMLAnchorElement>(`a[data-export="${kind}"]`);
      link?.setAttribute('href', url);
      link?.setAttribute('download', fileName(id, shown.values, start, kind as 'csv' | 'svg'));
    }
  }
  // Files are made when the reader reaches for them or the page is idle, not on every input.
  for (const type of ['pointerenter', 'focusin', 'click']) el.querySelector('.takeaway')?.addEventListener(type, exports, { capture: true });

  new ResizeObserver(() => {
    const next = liveWidth(chart.clientWidth);
    if (next === width || !shown) return;
    width = next;
    show(shown.data, shown.notes);
  }).observe(chart);

  return {
    /** Applies this figure's values from the address; a bad value is named and the default kept. Returns whether any applied. */
    restore(): boolean {
      const { values, errors } = readQuery(location.search, id, el.controls);
      // A link with edited code opens the editor, which reads the code and runs it.
      if (new URLSearchParams(location.search).has(queryKey(id, CODE_KEY))) void el.cell('edit', undefined, true);
      urlNote = rejectedNote(errors);
      note(urlNote);
      el.set(values);
      return Object.keys(values).length > 0;
    },
    reset() {
      state = initialState(fig);
      play?.rest();
    },
    /** Play, Pause and Step (figures with a timeline); before the first live run, once it has drawn. */
    play: () => (shown ? play?.toggle() : ((pending = 'toggle'), el.schedule())),
    step: () => (shown ? play?.step1() : ((pending = 'step1'), el.schedule())),
    /** Runs the reader's edited compute from now on (undefined: the shipped one again), and redraws. */
    useCell(runner: Runner | undefined) {
      cell = runner;
      el.schedule();
    },
    /** What a run of compute reads now, for a script that reproduces it. */
    context: async () => ({ values: el.values(), state, inputs: await inputsOf(name, fig) }),
    /** Applies the presses in order, then computes (here or in the worker) and draws. */
    async update(values: Values, presses: { name: string; payload?: unknown }[]) {
      const mine = ++run;
      cancel?.();
      const notes: string[] = [];
      for (const p of presses) {
        const next = fig.actions?.[p.name]?.apply(state, values, p.payload);
        if (typeof next === 'string') notes.push(next);
        else if (next !== undefined) state = next;
      }
      clearTimeout(urlTimer);
      urlTimer = setTimeout(() => {
        const query = writeQuery(location.search, id, el.controls, values);
        if (query !== location.search) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
      }, URL_DELAY_MS);
      const t0 = performance.now();
      try {
        const inputs = await inputsOf(name, fig);
        let data: Computed;
        const runner = cell ?? worker;
        if (runner) {
          // Off the main thread: the old chart dims until the new one arrives, so it never passes for the new value.
          chart.toggleAttribute('data-updating', true);
          const job = runner.run({ name, params: values, state, inputs }, (partial) => mine === run && show(partial, notes));
          cancel = job.cancel;
          data = await job.result;
        } else data = computeFigure(fig, values, { live: true, state, inputs, memo });
        if (mine !== run) return;
        const t1 = performance.now();
        // Shown only once drawn: data that draw cannot take (edited code) must not become the chart to fall back on.
        show(data, notes);
        shown = { data, notes, values };
        chart.removeAttribute('data-updating');
        if (play && pending) play[pending]();
        pending = undefined;
        if (play) el.timeline(play.playing, Math.min(play.step ?? Infinity, fig.timeline!.steps(data)), fig.timeline!.steps(data), fig.timeline!.unit ?? 'step');
        const t2 = performance.now();
        el.dispatchEvent(new CustomEvent('rendered', { bubbles: true, detail: { ms: t2 - t0, compute: t1 - t0, draw: t2 - t1 } }));
        exported = false;
        idle(exports);
      } catch (error) {
        // A run stopped by the reader (Stop, Reset code) ends here too: nothing newer will undim the chart.
        if (mine === run) chart.removeAttribute('data-updating');
        if (mine === run && (error as Error).name !== 'AbortError') {
          // Partial results of a run that then failed must not stay up as if they were its answer.
          if (cell && shown) show(shown.data, shown.notes);
          // The editor says what went wrong with edited code, where the reader is looking.
          if (cell && (error as Error).name !== 'CellError') cell.failed?.((error as Error).message);
          if (cell) note('The chart still shows the last run that worked: see the message under the code.');
          else note(`This figure could not be updated: ${(error as Error).message}. Retry, or move a control.`, true);
        }
      }
    },
  };
}
