import type { NamedControl, Value, Values } from './types.ts';
import { displayValue, fromInput, inputText } from './controls.ts';
import { hasKeys } from './has-keys.ts';

type Runtime = typeof import('./runtime.ts');
/** A started figure: what runtime.start gives. */
export type Live = Awaited<ReturnType<Runtime['start']>>;
let runtime: Promise<Runtime> | undefined;
/** Everything beyond wiring the form loads on first need, once for all figures on the page; a failed load is forgotten. */
const rt = () => (runtime ??= import('./runtime.ts').catch((error) => {
  runtime = undefined;
  throw error;
}));

/** <bs-figure>: upgrades a build-time chart into a live one that re-computes on input. */
export class BsFigure extends HTMLElement {
  controls: NamedControl[] = [];
  private live?: Promise<Live>;
  private frame = 0;
  private presses: { name: string; payload?: unknown }[] = [];

  connectedCallback() {
    this.controls = JSON.parse(this.dataset.controls || '[]') as NamedControl[];
    this.querySelector('[data-retry]')?.addEventListener('click', () => this.schedule());
    this.querySelector('.takeaway')?.addEventListener('click', (e) => {
      const b = (e.target as Element).closest('[data-edit], [data-script]');
      if (b) void this.cell(b.hasAttribute('data-script') ? 'script' : 'edit');
    });
    const form = this.querySelector('form');
    if (!form) return;
    form.querySelector('fieldset')?.removeAttribute('disabled');
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', (e) => this.changed(e.target));
    form.addEventListener('change', (e) => this.changed(e.target));
    form.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button');
      if (button?.hasAttribute('data-reset')) this.reset();
      else if (button?.hasAttribute('data-play')) void this.load().then((live) => live.play(), () => undefined);
      else if (button?.hasAttribute('data-step')) void this.load().then((live) => live.step(), () => undefined);
      else if (button?.dataset.action) this.press(button.dataset.action);
    });
    // Plot and the numerics (~85 KB gzip) load on the reader's first sign of intent, never on page
    // load: a figure in the first screen would otherwise blow the 5 KB budget before any input.
    const intent = () => void this.load().catch(() => undefined);
    for (const type of ['pointerenter', 'focusin', 'touchstart']) this.addEventListener(type, intent, { once: true, passive: true });
    if (hasKeys(location.search, this.dataset.id!)) void this.load().then((live) => live.restore() && this.schedule(), () => undefined);
  }

  /** Starts loading the figure's code (Plot and the numerics come with it); says so meanwhile; a failure is retried next time. */
  load(): Promise<Live> {
    if (!this.live) {
      this.busy(true, 'Loading the figure’s code…');
      this.live = rt().then((r) => r.start(this)).then(
        (live) => {
          this.busy(false, '');
          return live;
        },
        (error: Error) => {
          this.live = undefined;
          this.busy(false, `This figure could not load its code (${error.message}). Check the connection, then retry.`, true);
          throw error;
        },
      );
    }
    return this.live;
  }

  /** Opens the code editor or downloads the cell as a node script (the sandbox's chunk loads on first use); `change` is a Try-it edit, `auto` a link's code. */
  cell(what: 'edit' | 'script', change?: { find: string; replace: string }, auto?: boolean) {
    return Promise.all([this.load(), import('./cell/editor.ts')]).then(
      ([live, m]) => m[what](this, live, change, auto),
      (error: Error) => this.busy(false, `This figure could not load its code (${error.message}). Check the connection, then retry.`),
    );
  }

  /** The loading state: aria-busy and a status line; a failure offers Retry. */
  private busy(on: boolean, text: string, retry = false) {
    if (on) this.setAttribute('aria-busy', 'true');
    else this.removeAttribute('aria-busy');
    const note = this.querySelector('.note');
    // Only the loader's own messages are replaced: a chart's note from the build stays until a new render.
    if (note && (text || note.hasAttribute('data-loading'))) {
      note.textContent = text;
      note.toggleAttribute('data-loading', text !== '');
    }
    const button = this.querySelector<HTMLButtonElement>('[data-retry]');
    if (button) button.hidden = !retry;
  }

  /** Current values, read from the form's inputs. */
  values(): Values {
    const out: Values = {};
    for (const c of this.controls) {
      const input = this.input(c.name);
      if (input) out[c.name] = fromInput(c, input.value, input.checked);
    }
    return out;
  }

  /** Sets inputs to values (from the URL, a click on the chart, the defaults) and shows them beside the sliders. */
  set(values: Values) {
    for (const c of this.controls) {
      const input = this.input(c.name);
      if (!input || !(c.name in values)) continue;
      if (c.kind === 'checkbox') input.checked = values[c.name] === true;
      else input.value = inputText(c, values[c.name] as Value);
      this.show(c, input);
    }
  }

  /** Queues an action; every press counts, in order, even while the code is still loading. */
  press(name: string, payload?: unknown) {
    this.presses.push({ name, payload });
    this.schedule();
  }

  /** Shows where a timeline is: Play or Pause on its button, the step in the counter. */
  timeline(playing: boolean, step: number, total: number, unit: string) {
    const button = this.querySelector('[data-play]');
    if (button) button.textContent = playing ? 'Pause' : 'Play';
    const counter = this.querySelector('[data-counter]');
    if (counter) counter.textContent = `${unit} ${step} of ${total}`;
  }

  /** Asks for a render with the current values at the next frame. */
  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => void this.update());
  }

  private input(name: string) {
    return this.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
  }

  private reset() {
    this.set(Object.fromEntries(this.controls.map((c) => [c.name, c.value])));
    this.presses = [];
    void this.load().then((live) => live.reset(), () => undefined);
    this.schedule();
  }

  private show(c: NamedControl, input: HTMLInputElement) {
    const output = input.parentElement?.querySelector('output');
    if (output) output.textContent = displayValue(c, fromInput(c, input.value, input.checked));
  }

  private changed(target: EventTarget | null) {
    const input = target as HTMLInputElement;
    const c = this.controls.find((x) => x.name === input?.name);
    if (!c) return;
    this.show(c, input);
    this.schedule();
  }

  private async update() {
    let live: Live;
    try {
      live = await this.load();
    } catch {
      // load() has said what failed and offers Retry; the presses stay queued for when it works.
      this.frame = 0;
      return;
    }
    this.frame = 0;
    live.update(this.values(), this.presses.splice(0));
  }
}

if (!customElements.get('bs-figure')) customElements.define('bs-figure', BsFigure);

// A chapter's "Try it" buttons (shown by CSS once bs-figure is defined): each makes its edit in its figure and runs it.
document.addEventListener('click', (e) => {
  const b = (e.target as Element).closest<HTMLElement>('[data-try]');
  if (b) void document.getElementById(b.dataset.try!)?.querySelector<BsFigure>('bs-figure')?.cell('edit', { find: b.dataset.find!, replace: b.dataset.replace! });
});
