// Not a figure: the escape chapter's figures share this runner (worker in the browser, direct at build time).
import { runJob, type EscapeJob, type JobResult } from './jobs.ts';
import { sweep } from './plateau.ts';
import type { RenderContext } from '../../figure/types.ts';

let seq = 0;

/** Runs a job: directly at build time (memoised sweeps), in this figure's own Web Worker in the browser. */
export function compute<R extends JobResult>(job: EscapeJob, ctx: RenderContext, onPartial?: (partial: R, done: number) => void): Promise<R> {
  if (!ctx.live) return Promise.resolve((job.kind === 'sweeps' ? job.specs.flatMap((s) => sweep(s)) : runJob(job)) as R);
  return new Promise<R>((resolve, reject) => {
    const state = ctx.state as { worker?: Worker };
    state.worker ??= new Worker(new URL('./escape.worker.ts', import.meta.url), { type: 'module' });
    const w = state.worker;
    const id = ++seq;
    // Newer input aborts this render: terminating the worker stops the computation at once.
    const abort = () => {
      w.terminate();
      if (state.worker === w) state.worker = undefined;
      reject(new DOMException('superseded by newer input', 'AbortError'));
    };
    if (ctx.signal?.aborted) return abort();
    ctx.signal?.addEventListener('abort', abort, { once: true });
    w.onmessage = (e: MessageEvent) => {
      const m = e.data as { id: number; partial?: R; done?: number; result?: R; error?: string };
      if (m.id !== id) return;
      if (m.partial !== undefined) return onPartial?.(m.partial, m.done ?? 0);
      ctx.signal?.removeEventListener('abort', abort);
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve(m.result as R);
    };
    w.onerror = (e) => reject(new Error(e.message || 'worker failed'));
    w.postMessage({ id, job });
  });
}

/** A number for prose and labels: 3 significant digits. */
export function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? String(+x.toPrecision(digits)) : '—';
}

/** A div holding several charts and text blocks, built without innerHTML. */
export function stack(document: Document, parts: (Element | string)[]): Element {
  const div = document.createElement('div');
  for (const p of parts) {
    if (typeof p === 'string') {
      const el = document.createElement('p');
      el.textContent = p;
      div.appendChild(el);
    } else div.appendChild(p);
  }
  return div;
}
