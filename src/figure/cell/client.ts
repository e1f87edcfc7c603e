// The page's side of the cell worker: runs the reader's code for the figure runtime, one job at a time.
import type { CellRequest } from './cell.worker.ts';
import { resultProblem, shapeProblem, type Shape } from './check.ts';
import type { CellProblem } from './problem.ts';
import type { ScriptMeta } from './script.ts';
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
// Before a run starts the worker may still be fetching and compiling QuickJS (~230 KB of wasm) on a slow line.
const START_MS = 30_000;

/** What the editor hands the runner: the code now in force and what to say while it runs. */
export interface CellHooks {
  code(): { source: string; path: string; limit: number; shape: Shape };
  progress(done: number): void;
}

/** A request without its id (the runner numbers them). */
type Request = CellRequest extends infer R ? (R extends CellRequest ? Omit<R, 'id'> : never) : never;
type Reply = { id: number; started?: true; partial?: Computed; done?: number; value?: unknown; problem?: CellProblem; script?: string };
interface Pending { resolve(r: Reply): void; reject(e: Error): void; partial(p: Computed, done: number): void; arm(ms: number): void }

const aborted = () => new DOMException('superseded by newer input', 'AbortError');

/** A runner with the figure worker's interface (run → result, cancel), over QuickJS in its own worker. */
export function cellRunner(hooks: CellHooks) {
  let worker: Worker | undefined;
  let seq = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let newest = 0;
  const pending = new Map<number, Pending>();

  /** Ends the worker and every request waiting on it: a stopped run, a stuck or broken worker, Reset code. */
  const stop = (why: Error = aborted()) => {
    worker?.terminate();
    worker = undefined;
    for (const p of pending.values()) p.reject(why);
    pending.clear();
  };

  /** The worker, started on first need; one handler for all replies, routed by id. */
  function live(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./cell.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<Reply>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      if (e.data.started) return p.arm(hooks.code().limit + GRACE_MS);
      if (e.data.partial) return p.partial(e.data.partial, e.data.done ?? 0);
      pending.delete(e.data.id);
      p.resolve(e.data);
    };
    w.onerror = (e) => {
      if (worker === w) stop(new CellError({ kind: 'start', message: e.message || 'the sandbox failed to start' }));
    };
    return (worker = w);
  }

  /** Sends one request; it fails if the worker neither starts it within START_MS nor ends it within its limit. */
  function ask(req: Request, onPartial: (p: Computed, done: number) => void = () => undefined): Promise<Reply> {
    const w = live();
    const id = ++seq;
    return new Promise<Reply>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => worker === w && stop(new CellError({ kind: 'timeout', message: `Stopped after ${Math.round(ms / 1000)} s: the sandbox did not answer. Edit the code and Run again.` })), ms);
      };
      const settle = <T>(f: (x: T) => void) => (x: T) => (clearTimeout(timer), f(x));
      pending.set(id, { resolve: settle(resolve), reject: settle(reject), partial: onPartial, arm });
      arm(START_MS);
      w.postMessage({ ...req, id } as CellRequest);
    });
  }

  async function exec(job: Job, onPartial: (p: Computed, done: number) => void): Promise<Computed> {
    const { source, path, limit, shape } = hooks.code();
    const partial = (p: Computed, done: number) => {
      hooks.progress(done);
      if (!resultProblem(p) && !shapeProblem(p, shape, 'result', true)) onPartial(p, done);
    };
    const reply = await ask({ kind: 'run', source, path, job: { params: job.params, state: job.state, inputs: job.inputs }, limit }, partial);
    if (reply.problem) {
      // A stopped run, or a sandbox that could not start, leaves a worker not worth keeping: the next Run gets a fresh one.
      if (reply.problem.kind === 'timeout' || reply.problem.kind === 'start') stop();
      throw new CellError(reply.problem);
    }
    const problem = resultProblem(reply.value) ?? shapeProblem(reply.value, shape);
    if (problem) throw new CellError({ kind: 'result', message: problem });
    return reply.value as Computed;
  }

  /** Queues work behind what is running; a queued run dropped when a newer one arrives. */
  function queued<T>(mine: number, work: () => Promise<T>): Promise<T> {
    const result = queue.then(() => {
      if (mine !== newest) throw aborted();
      return work();
    });
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    /** Queues a run; cancel stops it, in the queue or in the sandbox (the worker is replaced). */
    run(job: Job, onPartial: (p: Computed, done: number) => void) {
      const mine = ++newest;
      const result = queued(mine, () => exec(job, onPartial));
      let done = false;
      result.then(() => (done = true), () => (done = true));
      return { result, cancel: () => { if (!done && mine === newest) { newest++; stop(); } } };
    },
    /** The cell as a standalone node script, written after whatever is running. */
    script(meta: ScriptMeta): Promise<string> {
      return queued(newest, async () => {
        const reply = await ask({ kind: 'script', source: hooks.code().source, meta });
        if (reply.problem) throw new CellError(reply.problem);
        return reply.script!;
      });
    },
    /** Stops whatever runs and lets the worker go (Stop, Reset code). */
    stop: () => {
      newest++;
      stop();
    },
  };
}
