import type { Computed, Values } from './types.ts';

/** What the page hands the figure worker: which figure, and everything its compute reads. */
export interface Job {
  name: string;
  params: Values;
  state: unknown;
  inputs: unknown;
}

/** What runs a figure's compute away from the main thread: the figure worker, or the sandbox for edited code. */
export interface Runner {
  run(job: Job, onPartial: (partial: Computed, done: number) => void): { result: Promise<Computed>; cancel: () => void };
  /** Told when a result it gave could not be drawn (edited code can return what draw cannot read). */
  failed?(message: string): void;
}

/** One figure's worker: runs its compute off the main thread; a cancelled run terminates it and the next starts afresh. */
export function workerRunner(): Runner {
  let worker: Worker | undefined;
  let seq = 0;
  return {
    run(job: Job, onPartial: (partial: Computed, done: number) => void): { result: Promise<Computed>; cancel: () => void } {
      const w = (worker ??= new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module' }));
      const id = ++seq;
      let settled = false;
      let reject: (e: Error) => void = () => undefined;
      const result = new Promise<Computed>((resolve, rej) => {
        reject = rej;
        w.onmessage = (e: MessageEvent) => {
          const m = e.data as { id: number; partial?: Computed; done?: number; result?: Computed; error?: string };
          if (m.id !== id) return;
          if (m.partial) return onPartial(m.partial, m.done ?? 0);
          settled = true;
          if (m.error !== undefined) rej(new Error(m.error));
          else resolve(m.result!);
        };
        w.onerror = (e) => {
          settled = true;
          // A worker that failed to start is dropped, so the next run tries a fresh one.
          if (worker === w) worker = undefined;
          rej(new Error(e.message || 'the figure worker failed to start'));
        };
        w.postMessage({ id, job });
      });
      const cancel = () => {
        // A finished run keeps its worker (and the worker's memo); a running one is stopped at once,
        // the only way to stop a synchronous compute, and what it cached goes with it.
        if (settled) return;
        settled = true;
        w.terminate();
        if (worker === w) worker = undefined;
        reject(new DOMException('superseded by newer input', 'AbortError'));
      };
      return { result, cancel };
    },
  };
}
