import { shouldInterruptAfterDeadline, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import { decode, encode } from './codec.ts';
import { requireFrom } from './modules.ts';
import type { CellProblem } from './problem.ts';
import { toScript } from './transpile.ts';

// Reader code runs in QuickJS, a JavaScript engine compiled to WebAssembly: no eval (the CSP forbids it),
// and nothing of the page, the network or storage exists in there. Only two functions cross, for progress.

/** What one run of a cell reads: the controls' values, the figure's state and its build-time inputs. */
export interface CellJob {
  params: Record<string, unknown>;
  state: unknown;
  inputs: unknown;
}

// A runaway allocation ends the run with an error instead of taking the tab with it.
const MEMORY_BYTES = 512 * 1024 * 1024;
const STACK_BYTES = 1024 * 1024;
// About 20 partial results a second, as the figure worker streams them.
const PARTIAL_MS = 50;

/** The script that turns the numerics bundle into `require` and runs compute with the figure's context. */
const prelude = (path: string) => `(() => {
  // The two host functions go into this closure and out of the global scope the reader's code sees.
  const __wants = globalThis.__wants, __partial = globalThis.__partial;
  delete globalThis.__wants;
  delete globalThis.__partial;
  const encode = (${encode.toString()});
  const decode = (${decode.toString()});
  const memo = new Map();
  globalThis.exports = {};
  globalThis.require = (${requireFrom.toString()})(globalThis.__numerics || {}, ${JSON.stringify(path)});
  globalThis.__run = (text) => {
    const job = decode(text);
    const compute = globalThis.exports.compute;
    if (typeof compute !== 'function') throw new TypeError('the cell must export function compute(params, ctx)');
    const ctx = {
      live: true, state: job.state, inputs: job.inputs,
      memo: (key, make) => (memo.has(key) || memo.set(key, make()), memo.get(key)),
      progress: (done, partial) => { if (__wants(done)) __partial(done, encode(partial())); },
    };
    return encode(compute(job.params, ctx));
  };
})();`;

/** A QuickJS error, placed in the cell's lines when its stack passes through them. */
function problemOf(dumped: unknown, limitMs: number): CellProblem {
  const e = (dumped && typeof dumped === 'object' ? dumped : { message: String(dumped) }) as { name?: string; message?: string; stack?: string };
  if (e.name === 'InternalError' && e.message === 'interrupted') {
    return { kind: 'timeout', message: `Stopped after ${limitMs / 1000} s: compute ran too long (a loop that never ends?). Edit it and Run again.` };
  }
  const at = /cell\.ts:(\d+)/.exec(e.stack ?? '');
  const kind = e.name === 'SyntaxError' ? 'syntax' : /cannot import/.test(e.message ?? '') ? 'import' : 'runtime';
  // Lines are the reader's (sucrase keeps them); columns are not (stripped types shift them), so none is given.
  return { kind, message: `${e.name ?? 'Error'}: ${e.message ?? ''}`, line: at ? Number(at[1]) : undefined };
}

/** A sandbox for one figure's cell: load code once, run it for many control values; its memo lives until the next load. */
export function createSandbox(quickjs: QuickJSWASMModule, numerics: string) {
  let runtime: QuickJSRuntime | undefined;
  let vm: QuickJSContext | undefined;
  let onPartial: (partial: unknown, done: number) => void = () => undefined;
  let last = 0;

  /** Evaluates code in the VM within the deadline; a problem, or the value as a host string. */
  function evaluate(code: string, file: string, limitMs: number): { problem: CellProblem } | { text: string } {
    runtime!.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limitMs));
    const r = vm!.evalCode(code, file);
    if (r.error) {
      const problem = problemOf(vm!.dump(r.error), limitMs);
      r.error.dispose();
      return { problem };
    }
    const text = vm!.typeof(r.value) === 'string' ? vm!.getString(r.value) : '';
    r.value.dispose();
    return { text };
  }

  const host = (name: string, f: (...args: QuickJSHandle[]) => QuickJSHandle | undefined) => {
    const fn = vm!.newFunction(name, f);
    vm!.setProp(vm!.global, name, fn);
    fn.dispose();
  };

  return {
    /** Compiles and loads a cell (TypeScript) for the figure file at `path`; a problem when it does not load. */
    load(source: string, path: string, limitMs: number): CellProblem | null {
      const script = toScript(source);
      vm?.dispose();
      runtime?.dispose();
      vm = runtime = undefined;
      // A cell that does not compile leaves no cell loaded: a run must never answer with the code before it.
      if ('problem' in script) return script.problem;
      runtime = quickjs.newRuntime();
      runtime.setMemoryLimit(MEMORY_BYTES);
      runtime.setMaxStackSize(STACK_BYTES);
      vm = runtime.newContext();
      host('__wants', () => (Date.now() - last < PARTIAL_MS ? vm!.false : vm!.true));
      // The throttle is here, not only in __wants: reader code could call __partial itself in a loop.
      host('__partial', (done, text) => {
        const now = Date.now();
        if (now - last >= PARTIAL_MS) {
          last = now;
          onPartial(decode(vm!.getString(text)), vm!.getNumber(done));
        }
        return undefined;
      });
      for (const [code, file] of [[numerics, 'numerics.js'], [prelude(path), 'prelude.js'], [script.code, 'cell.ts']] as const) {
        const out = evaluate(code, file, limitMs);
        if ('problem' in out) return out.problem;
      }
      return null;
    },
    /** Runs the loaded cell's compute; its decoded result, or the problem that stopped it. */
    run(job: CellJob, limitMs: number, partial: (value: unknown, done: number) => void = () => undefined): { value: unknown } | { problem: CellProblem } {
      if (!vm) return { problem: { kind: 'runtime', message: 'no cell is loaded' } };
      onPartial = partial;
      last = Date.now();
      const text = vm.newString(encode(job));
      vm.setProp(vm.global, '__job', text);
      text.dispose();
      const out = evaluate('__run(__job)', 'run.js', limitMs);
      return 'problem' in out ? out : { value: decode(out.text) };
    },
    dispose() {
      vm?.dispose();
      runtime?.dispose();
      vm = runtime = undefined;
    },
  };
}
