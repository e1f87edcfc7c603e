// The figure worker: runs a heavy figure's compute off the main thread and streams partial results.
import { loadFigure } from './registry.ts';
import { computeFigure, type Memo } from './run.ts';
import type { Job } from './worker-client.ts';

// About 20 partial results a second: enough to watch, few enough that building and cloning them stays cheap.
const PARTIAL_MS = 50;
const memo: Memo = new Map();
const port = self as unknown as { onmessage: ((e: MessageEvent<{ id: number; job: Job }>) => void) | null; postMessage(m: unknown): void };

port.onmessage = async (e) => {
  const { id, job } = e.data;
  try {
    const fig = await loadFigure(job.name);
    let last = performance.now();
    const progress = (done: number, partial: () => unknown) => {
      const now = performance.now();
      if (now - last < PARTIAL_MS) return;
      last = now;
      port.postMessage({ id, done, partial: partial() });
    };
    port.postMessage({ id, result: computeFigure(fig, job.params, { live: true, state: job.state, inputs: job.inputs, memo, progress }) });
  } catch (error) {
    port.postMessage({ id, error: (error as Error).message });
  }
};
