// What <bs-figure> needs only once the reader acts: loaded lazily so the first-load script stays small.
import type { BsFigure } from './element.ts';
import { csvFile, fileName, provenance, toSvg } from './export.ts';
import { loadFigure } from './registry.ts';
import { computeFigure, drawFigure, initialState, type Memo } from './run.ts';
import type { AnyFigure, Computed, Values, View } from './types.ts';
import { readQuery, rejectedNote, writeQuery } from './url-state.ts';
import { workerRunner } from './worker-client.ts';

const inputsCache = new Map<string, Promise<unknown>>();

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

/** Starts the live side of one <bs-figure>: its figure, state, memo, worker and URL notes. */
export async function start(el: BsFigure) {
  const name = el.dataset.name!;
  const id = el.dataset.id!;
  const fig = await loadFigure(name);
  let state = initialState(fig);
  const memo: Memo = new Map();
  let urlNote = '';
  let run = 0;
  let cancel: (() => void) | undefined;
  const urls: string[] = [];
  const worker = fig.worker ? workerRunner() : undefined;
  const view: View<Values, string> = { live: true, act: (a, payload) => el.press(a, payload), set: (values) => (el.set(values as Values), el.schedule()) };
  const chart = el.querySelector('.chart')!;
  const retry = el.querySelector<HTMLButtonElement>('[data-retry]');
  /** The status line; a failure that another try may mend offers Retry. */
  const note = (text: string, failed = false) => {
    el.querySelector('.note')!.textContent = text;
    if (retry) retry.hidden = !failed;
  };

  /** Puts a computed result on the page: the chart, its text alternative, every note. */
  function show(data: Computed, notes: string[]) {
    chart.replaceChildren(drawFigure(fig, data, document, view));
    const alt = document.getElementById(chart.getAttribute('aria-describedby') || '');
    if (alt) alt.textContent = data.alt;
    note([urlNote, ...notes, data.note ?? ''].filter(Boolean).join(' '));
  }

  /** Points the download links at the data and chart now on screen, each file and its name saying which values made it. */
  function exports(data: Computed, values: Values) {
    for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    const node = chart.firstElementChild;
    const about = provenance(name, values);
    const files = { csv: [csvFile(data.rows, about), 'text/csv'], svg: [node ? toSvg(node, document, about) : '', 'image/svg+xml'] } as const;
    const start = Object.fromEntries(el.controls.map((c) => [c.name, c.value]));
    for (const [kind, [text, type]] of Object.entries(files)) {
      const url = URL.createObjectURL(new Blob([text], { type }));
      urls.push(url);
      const link = el.querySelector<HTMLAnchorElement>(`a[data-export="${kind}"]`);
      link?.setAttribute('href', url);
      link?.setAttribute('download', fileName(id, values, start, kind as 'csv' | 'svg'));
    }
  }

  return {
    /** Applies this figure's values from the address; a bad value is named and the default kept. Returns whether any applied. */
    restore(): boolean {
      const { values, errors } = readQuery(location.search, id, el.controls);
      urlNote = rejectedNote(errors);
      note(urlNote);
      el.set(values);
      return Object.keys(values).length > 0;
    },
    reset() {
      state = initialState(fig);
    },
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
      const query = writeQuery(location.search, id, el.controls, values);
      if (query !== location.search) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
      const t0 = performance.now();
      try {
        const inputs = await inputsOf(name, fig);
        let data: Computed;
        if (worker) {
          const job = worker.run({ name, params: values, state, inputs }, (partial) => mine === run && show(partial, notes));
          cancel = job.cancel;
          data = await job.result;
        } else data = computeFigure(fig, values, { live: true, state, inputs, memo });
        if (mine !== run) return;
        show(data, notes);
        el.dispatchEvent(new CustomEvent('rendered', { bubbles: true, detail: { ms: performance.now() - t0 } }));
        exports(data, values);
      } catch (error) {
        if (mine === run && (error as Error).name !== 'AbortError') note(`This figure could not be updated: ${(error as Error).message}. Retry, or move a control.`, true);
      }
    },
  };
}
