// The chapter's module Web Worker: runs escape-jobs off the main thread, streaming progress.
import { runJob, type EscapeJob } from './jobs.ts';

interface Port { onmessage: ((e: { data: { id: number; job: EscapeJob } }) => void) | null; postMessage(m: unknown): void }
const port = globalThis as unknown as Port;

port.onmessage = (e) => {
  const { id, job } = e.data;
  let last = performance.now();
  try {
    const result = runJob(job, (partial, done) => {
      const now = performance.now();
      // About 20 progress messages a second: enough to stream, few enough that cloning stays cheap.
      if (now - last > 50) {
        last = now;
        port.postMessage({ id, partial, done });
      }
    });
    port.postMessage({ id, result });
  } catch (error) {
    port.postMessage({ id, error: (error as Error).message });
  }
};
