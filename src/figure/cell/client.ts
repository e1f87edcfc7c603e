// The page's side of the cell worker: runs the reader's code for the figure runtime, one job at a time.
import type { CellRequest } from './cell.worker.ts';
import { resultProblem, shapeProblem, type Shape } from './check.ts';
import type { ScriptMeta } from './script.ts';
import type { CellProblem } from './problem.ts';
import type { Computed } from '../types.ts';
import type { Job } from '../worker-client.ts';

/** A run of edited code that failed: the problem says where and why, for the line under the editor. */
export class CellError extends Error {
  readonly problem: CellProblem;
  constructor(problem: CellProblem) {
    super(problem.message);
    this.problem = problem;
    this.name = 'CellError';
  }
}

// The sandbox stops compute at its deadline; the page waits this much longer for the worker before giving up on it.
const GRACE_MS = 3000;

/** What the editor hands the runner: the code now in force and what to say while it runs. */
export interface CellHooks {
  code(): { source: string; path: string; limit: number; shape: Shape };
  progress(done: number): void;
}

/** A request without its id (the runner numbers them). */
type Request = CellRequest extends infer R ? (R extends CellRequest ? Omit<R, 'id'> : never) : never;

type Reply = { id: number; partial?: Computed; done?: number; value?: unknown; problem?: CellProblem; script?: string };

/** A runner with the figure worker's interface (run → result, cancel), over QuickJS in its own worker. */
export function cellRunner(hooks: CellHooks) {
  let worker: Worker | undefined;
  let seq = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let newest = 0;

  const drop = () => {
    worker?.terminate();
    worker = undefined;
  };

  /** Sends one request; partials go to onPartial; the final reply settles the promise. */
  function ask(req: Request, limit: number, onPartial: (p: Computed, done: number) => void = () => undefined): Promise<Reply> {
    const w = (worker ??= new Worker(new URL('./cell.worker.ts', import.meta.url), { type: 'module' }));
    const id = ++seq;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        drop();
        reject(new CellError({ kind: 'timeout', message: `Stopped after ${limit / 1000} s: the sandbox did not answer. Edit the code and Run again.` }));
      }, limit + GRACE_MS);
      w.onmessage = (e: MessageEvent<Reply>) => {
        if (e.data.id !== id) return;
        if (e.data.partial) return onPartial(e.data.partial, e.data.done ?? 0);
        clearTimeout(timer);
        resolve(e.data);
      };
      w.onerror = (e) => {
        clearTimeout(timer);
        if (worker === w) drop();
        reject(new CellError({ kind: 'runtime', message: e.message || 'the sandbox failed to start' }));
      };
      w.postMessage({ ...req, id } as CellRequest);
    });
  }

  async function exec(job: Job, onPartial: (p: Computed, done: number) => void): Promise<Computed> {
    const { source, path, limit, shape } = hooks.code();
    const partial = (p: Computed, done: number) => {
      hooks.progress(done);
      if (!resultProblem(p) && !shapeProblem(p, hooks.code().shape)) onPartial(p, done);
    };
    const reply = await ask({ kind: 'run', source, path, job: { params: job.params, state: job.state, inputs: job.inputs }, limit }, limit, partial);
    if (reply.problem) {
      // A stopped run is the one case where the worker is replaced: the next Run gets a fresh one.
      if (reply.problem.kind === 'timeout') drop();
      throw new CellError(reply.problem);
    }
    const problem = resultProblem(reply.value) ?? shapeProblem(reply.value, shape);
    if (problem) throw new CellError({ kind: 'result', message: problem });
    return reply.value as Computed;
  }

  return {
    /** Queues a run; a run still waiting when a newer one arrives is dropped (superseded, as the runtime expects). */
    run(job: Job, onPartial: (p: Computed, done: number) => void) {
      const mine = ++newest;
      const result = queue.then(() => {
        if (mine !== newest) throw new DOMException('superseded by newer input', 'AbortError');
        return exec(job, onPartial);
      });
      queue = result.catch(() => undefined);
      // A run already in the sandbox finishes (the runtime ignores its result); stopping it would cost a new worker.
      return { result, cancel: () => undefined };
    },
    /** The cell as a standalone node script. */
    async script(meta: ScriptMeta): Promise<string> {
      const reply = await ask({ kind: 'script', source: hooks.code().source, meta }, 10_000);
      if (reply.problem) throw new CellError(reply.problem);
      return reply.script!;
    },
    dispose: drop,
  };
}
