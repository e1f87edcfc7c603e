// The bench's hands inside the page: installed as an init script, so it is serialised and must stay self-contained.

/** One input and the chart it brought: wall time from just before the input event, and the figure's own split. */
export interface Sample {
  wait: number;
  ms: number;
  compute: number;
  draw: number;
}

/** What one figure gave: the control moved (null: it has none), its first input (null: timed out), then the warm steps. */
export interface Steps {
  control: string | null;
  first: Sample | null;
  warm: (Sample | null)[];
}

/** A simulated drag of one slider, from its first input event to the chart for its last value. */
export interface Drag {
  control: string;
  ms: number;
  final: number | null;
  renders: number;
  longest: number;
  over50: number;
  blocking: number;
  supported: boolean;
}

/** The API `install` puts on window.bsBench. */
export interface Bench {
  steps(id: string, n: number): Promise<Steps>;
  drag(id: string, name: string, events: number, gapMs: number): Promise<Drag>;
}

/** Defines window.bsBench; runs before the page's own scripts, whose figures it then drives. */
export function install(): void {
  // Heavy figures compute in a worker for a second or more: past this a render counts as lost.
  const LIMIT = 30_000;
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));
  // Discrete key presses, not a held key: each step starts once the last chart has painted and the page is quiet,
  // so its time is its own and not the tail of the previous frame's layout and paint.
  const settle = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100)));
  const figure = (id: string) => document.querySelector<HTMLElement>(`bs-figure[data-id="${CSS.escape(id)}"]`)!;
  // The first range input, else the first select or checkbox: the control a reader most likely reaches for.
  const control = (host: HTMLElement) => {
    const form = host.querySelector('form');
    return (form?.querySelector('input[type="range"]') ?? form?.querySelector('select, input[type="checkbox"]') ?? null) as HTMLInputElement | HTMLSelectElement | null;
  };
  const label = (el: HTMLInputElement | HTMLSelectElement) => `${el.name} (${el instanceof HTMLSelectElement ? 'select' : el.type})`;
  const direction = new WeakMap<Element, number>();

  /** One press of an arrow key: a step up (turning back at the end), the next option, or a toggle. */
  const move = (el: HTMLInputElement | HTMLSelectElement) => {
    let dir = direction.get(el) ?? 1;
    if (el instanceof HTMLSelectElement) {
      if (el.selectedIndex + dir < 0 || el.selectedIndex + dir >= el.options.length) dir = -dir;
      el.selectedIndex = Math.max(0, Math.min(el.options.length - 1, el.selectedIndex + dir));
    } else if (el.type === 'checkbox') el.checked = !el.checked;
    else {
      const before = el.value;
      if (dir > 0) el.stepUp();
      else el.stepDown();
      if (el.value === before) {
        dir = -dir;
        if (dir > 0) el.stepUp();
        else el.stepDown();
      }
    }
    direction.set(el, dir);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    if (el instanceof HTMLSelectElement) el.dispatchEvent(new Event('change', { bubbles: true }));
  };

  /**
   * The first render of `host` that started after `since` (a stale one from an earlier input is skipped),
   * or null after LIMIT ms. 'rendered' fires synchronously at the update's end, so now − ms is its start.
   */
  const rendered = (host: HTMLElement, since: number) =>
    new Promise<Sample | null>((resolve) => {
      const on = (e: Event) => {
        const now = performance.now();
        const d = (e as CustomEvent<{ ms: number; compute: number; draw: number }>).detail;
        if (e.target !== host || now - d.ms < since - 1) return;
        clearTimeout(timer);
        host.removeEventListener('rendered', on);
        resolve({ wait: now - since, ms: d.ms, compute: d.compute, draw: d.draw });
      };
      const timer = setTimeout(() => {
        host.removeEventListener('rendered', on);
        resolve(null);
      }, LIMIT);
      host.addEventListener('rendered', on);
    });

  const once = (host: HTMLElement, el: HTMLInputElement | HTMLSelectElement) => {
    const next = rendered(host, performance.now());
    move(el);
    return next;
  };

  const bench: Bench = {
    async steps(id, n) {
      const host = figure(id);
      const el = control(host);
      if (!el) return { control: null, first: null, warm: [] };
      host.scrollIntoView({ block: 'center' });
      await settle();
      const first = await once(host, el);
      const warm: (Sample | null)[] = [];
      // A lost render would be answered late and confuse the next step: stop at the first.
      for (let i = 0; first && i < n && (i === 0 || warm[i - 1]); i++) {
        await settle();
        warm.push(await once(host, el));
      }
      return { control: label(el), first, warm };
    },

    async drag(id, name, events, gapMs) {
      const host = figure(id);
      const el = host.querySelector<HTMLInputElement>(`form [name="${CSS.escape(name)}"]`)!;
      host.scrollIntoView({ block: 'center' });
      await settle();
      const supported = PerformanceObserver.supportedEntryTypes.includes('longtask');
      const tasks: PerformanceEntry[] = [];
      const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
      if (supported) observer.observe({ type: 'longtask' });
      let renders = 0;
      const count = () => renders++;
      host.addEventListener('rendered', count);
      const t0 = performance.now();
      let final: Promise<Sample | null> = Promise.resolve(null);
      for (let i = 0; i < events; i++) {
        // Paced by the clock, not by the previous wait: a blocked main thread delays events as it would a pointer's.
        await sleep(t0 + i * gapMs - performance.now());
        if (i === events - 1) final = once(host, el);
        else move(el);
      }
      const last = await final;
      const ms = performance.now() - t0;
      // Long-task entries arrive after the task: give the observer a moment before reading it.
      await sleep(200);
      tasks.push(...observer.takeRecords());
      observer.disconnect();
      host.removeEventListener('rendered', count);
      const durations = tasks.map((t) => t.duration);
      return {
        control: label(el), ms, final: last?.wait ?? null, renders, supported,
        longest: Math.max(0, ...durations), over50: durations.filter((d) => d > 50).length,
        blocking: durations.reduce((s, d) => s + Math.max(0, d - 50), 0),
      };
    },
  };
  (window as unknown as { bsBench: Bench }).bsBench = bench;
}
