import type { Control, FigureModule, Params, Rendered } from './types.ts';
import { displayValue, fromInput, inputText } from './controls.ts';

type Runtime = typeof import('./runtime.ts');
let runtime: Promise<Runtime> | undefined;
/** Everything beyond wiring the form loads on first need, once for all figures on the page. */
const rt = () => (runtime ??= import('./runtime.ts'));

/** <bs-figure>: upgrades a build-time chart into a live one that re-computes on input. */
class BsFigure extends HTMLElement {
  private controls: Control[] = [];
  private module?: Promise<FigureModule>;
  private state: Record<string, unknown> = {};
  private frame = 0;
  private action?: string;
  private running?: AbortController;
  private urls: string[] = [];

  connectedCallback() {
    this.controls = JSON.parse(this.dataset.controls || '[]') as Control[];
    const form = this.querySelector('form')!;
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', (e) => this.changed(e.target));
    form.addEventListener('change', (e) => this.changed(e.target));
    form.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button');
      if (button?.hasAttribute('data-reset')) this.reset();
      else if (button) this.schedule(button.name);
    });
    // Plot and the numerics (~85 KB gzip) load on the reader's first sign of intent, never on page
    // load: a figure in the first screen would otherwise blow the 5 KB budget before any input.
    const intent = () => void this.load().catch(() => undefined);
    for (const type of ['pointerenter', 'focusin', 'touchstart']) this.addEventListener(type, intent, { once: true, passive: true });
    void this.restore();
  }

  /** Starts loading the figure's code (Plot and the numerics come with it). */
  load(): Promise<FigureModule> {
    this.module ??= rt().then((r) => r.loadFigure(this.dataset.name!));
    return this.module;
  }

  /** Current params, read from the form's inputs. */
  params(): Params {
    const out: Params = {};
    for (const c of this.controls) {
      const input = c.kind === 'button' ? null : this.input(c.name);
      if (input) out[c.name] = fromInput(c, input.value, input.checked);
    }
    if (this.action) out.action = this.action;
    return out;
  }

  private input(name: string) {
    return this.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
  }

  /** Sets the inputs to values (from the URL or the defaults) and shows them beside the sliders. */
  private set(values: Params) {
    for (const c of this.controls) {
      const input = c.kind === 'button' ? null : this.input(c.name);
      if (!input || !(c.name in values)) continue;
      if (c.kind === 'checkbox') input.checked = values[c.name] === true;
      else input.value = inputText(c, values[c.name]);
      this.show(c, input);
    }
  }

  /** Applies this figure's values from a shared URL; a bad value is named and the default kept. */
  private async restore() {
    if (!location.search.includes(`${this.dataset.id}.`)) return;
    const { values, errors } = (await rt()).readQuery(location.search, this.dataset.id!, this.controls);
    if (errors.length) this.note(`Ignored from the address: ${errors.join('; ')}. Using the default instead.`);
    if (Object.keys(values).length === 0) return;
    this.set(values);
    this.schedule();
  }

  private reset() {
    this.set(Object.fromEntries(this.controls.flatMap((c) => (c.kind === 'button' ? [] : [[c.name, c.value]]))));
    this.state = {};
    this.schedule();
  }

  private show(c: Control, input: HTMLInputElement) {
    const output = input.parentElement?.querySelector('output');
    if (output) output.textContent = displayValue(c, fromInput(c, input.value, input.checked));
  }

  private changed(target: EventTarget | null) {
    const input = target as HTMLInputElement;
    const c = this.controls.find((x) => x.name === input?.name);
    if (c && input) this.show(c, input);
    this.schedule();
  }

  private schedule(action?: string) {
    if (action) this.action = action;
    if (!this.frame) this.frame = requestAnimationFrame(() => void this.update());
  }

  private note(text: string) {
    this.querySelector('.note')!.textContent = text;
  }

  private async update() {
    this.running?.abort();
    const run = (this.running = new AbortController());
    try {
      const [mod, r] = await Promise.all([this.load(), rt()]);
      const params = this.params();
      this.action = undefined;
      this.frame = 0;
      const query = r.writeQuery(location.search, this.dataset.id!, this.controls, params);
      if (query !== location.search) history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
      const t0 = performance.now();
      const show = (out: Rendered) => !run.signal.aborted && this.swap(r, out);
      const update = () => this.schedule();
      const out = await mod.render(params, document, { state: this.state, live: true, signal: run.signal, show, update });
      if (run.signal.aborted) return;
      this.swap(r, out);
      const ms = performance.now() - t0;
      this.dispatchEvent(new CustomEvent('rendered', { bubbles: true, detail: { ms } }));
      this.exports(r, out);
    } catch (error) {
      this.frame = 0;
      if (!run.signal.aborted) this.note(`This figure could not be updated: ${(error as Error).message}`);
    }
  }

  /** Puts a rendered chart, its text alternative and its note on the page. */
  private swap(r: Runtime, out: Rendered) {
    const chart = this.querySelector('.chart')!;
    chart.replaceChildren(r.accessible(out.node, out.alt));
    const alt = document.getElementById(chart.getAttribute('aria-describedby') || '');
    if (alt) alt.textContent = out.alt;
    this.note(out.note ?? '');
  }

  /** Points the download links at the data and chart now on screen. */
  private exports(r: Runtime, out: Rendered) {
    for (const url of this.urls) URL.revokeObjectURL(url);
    const files = { csv: [r.toCsv(out.rows), 'text/csv'], svg: [r.toSvg(out.node, document), 'image/svg+xml'] };
    this.urls = Object.entries(files).map(([kind, [text, type]]) => {
      const url = URL.createObjectURL(new Blob([text], { type }));
      this.querySelector<HTMLAnchorElement>(`a[data-export="${kind}"]`)?.setAttribute('href', url);
      return url;
    });
  }
}

if (!customElements.get('bs-figure')) customElements.define('bs-figure', BsFigure);
