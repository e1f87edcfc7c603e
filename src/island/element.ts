import type { Control, FigureModule, Params, Rendered } from './types.ts';
import { displayValue, fromInput } from './controls.ts';
import { accessible } from './accessible.ts';

// One lazy chunk per figure: nothing below loads until the figure nears the viewport or is touched.
const loaders = import.meta.glob<FigureModule>('../figures/*.ts', { import: 'default' });

/** <bs-figure>: upgrades a build-time chart into a live one that re-computes on input. */
class BsFigure extends HTMLElement {
  private controls: Control[] = [];
  private module?: Promise<FigureModule>;
  private state: Record<string, unknown> = {};
  private frame = 0;
  private action?: string;
  private running?: AbortController;

  connectedCallback() {
    this.controls = JSON.parse(this.dataset.controls || '[]') as Control[];
    const form = this.querySelector('form')!;
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', (e) => this.changed(e.target));
    form.addEventListener('change', (e) => this.changed(e.target));
    form.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button');
      if (button) this.schedule(button.name);
    });
    // Plot and the numerics (~85 KB gzip) load on the reader's first sign of intent, never on page
    // load: a figure in the first screen would otherwise blow the 5 KB budget before any input.
    const intent = () => void this.load().catch(() => undefined);
    for (const type of ['pointerenter', 'focusin', 'touchstart']) this.addEventListener(type, intent, { once: true, passive: true });
  }

  /** Starts loading the figure's code (Plot and the numerics come with it). */
  load(): Promise<FigureModule> {
    const loader = loaders[`../figures/${this.dataset.name}.ts`];
    this.module ??= loader ? loader() : Promise.reject(new Error(`no figure module "${this.dataset.name}"`));
    return this.module;
  }

  /** Current params, read from the form's inputs. */
  params(): Params {
    const out: Params = {};
    for (const c of this.controls) {
      if (c.kind === 'button') continue;
      const input = this.querySelector<HTMLInputElement>(`[name="${c.name}"]`);
      if (input) out[c.name] = fromInput(c, input.value, input.checked);
    }
    if (this.action) out.action = this.action;
    return out;
  }

  private changed(target: EventTarget | null) {
    const input = target as HTMLInputElement;
    const c = this.controls.find((x) => x.name === input?.name);
    const output = input?.parentElement?.querySelector('output');
    if (c && output) output.textContent = displayValue(c, fromInput(c, input.value, input.checked));
    this.schedule();
  }

  private schedule(action?: string) {
    if (action) this.action = action;
    if (!this.frame) this.frame = requestAnimationFrame(() => void this.update());
  }

  private async update() {
    const note = this.querySelector('.note')!;
    this.running?.abort();
    const run = (this.running = new AbortController());
    try {
      const mod = await this.load();
      const params = this.params();
      this.action = undefined;
      this.frame = 0;
      const t0 = performance.now();
      const show = (out: Rendered) => !run.signal.aborted && this.swap(out, note);
      const update = () => this.schedule();
      const out = await mod.render(params, document, { state: this.state, live: true, signal: run.signal, show, update });
      if (run.signal.aborted) return;
      this.swap(out, note);
      const ms = performance.now() - t0;
      this.dispatchEvent(new CustomEvent('rendered', { bubbles: true, detail: { ms } }));
    } catch (error) {
      this.frame = 0;
      if (!run.signal.aborted) note.textContent = `This figure could not be updated: ${(error as Error).message}`;
    }
  }

  /** Puts a rendered chart, its text alternative and its note on the page. */
  private swap(out: Rendered, note: Element) {
    const chart = this.querySelector('.chart')!;
    chart.replaceChildren(accessible(out.node, out.alt));
    const alt = document.getElementById(chart.getAttribute('aria-describedby') || '');
    if (alt) alt.textContent = out.alt;
    note.textContent = out.note ?? '';
  }
}

if (!customElements.get('bs-figure')) customElements.define('bs-figure', BsFigure);
