// The cell worker: QuickJS (WebAssembly) with the site's numerics loaded, running the reader's compute.
import release from '@jitl/quickjs-wasmfile-release-sync';
import wasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core';
import numericsUrl from './numerics.ts?worker&url';
import { createSandbox, type CellJob } from './sandbox.ts';
import { standaloneScript, type ScriptMeta } from './script.ts';
import { toScript } from './transpile.ts';

/** What the page asks of this worker: run a cell, or write it out as a script for node. */
export type CellRequest =
  | { id: number; kind: 'run'; source: string; path: string; job: CellJob; limit: number }
  | { id: number; kind: 'script'; source: string; meta: ScriptMeta };

const port = self as unknown as { onmessage: ((e: MessageEvent<CellRequest>) => void) | null; postMessage(m: unknown): void };
const numerics = fetch(numericsUrl).then((r) => {
  if (!r.ok) throw new Error(`could not load the numerics (HTTP ${r.status})`);
  return r.text();
});
const sandbox = Promise.all([newQuickJSWASMModuleFromVariant(newVariant(release, { wasmLocation: wasmUrl })), numerics]).then(([q, n]) => createSandbox(q, n));
let loaded: string | undefined;

port.onmessage = async ({ data: m }) => {
  try {
    if (m.kind === 'script') {
      const script = toScript(m.source);
      return port.postMessage('problem' in script ? { id: m.id, problem: script.problem } : { id: m.id, script: standaloneScript(await numerics, script.code, m.meta) });
    }
    let box: Awaited<typeof sandbox>;
    try {
      box = await sandbox;
    } catch (error) {
      return port.postMessage({ id: m.id, problem: { kind: 'start', message: `The sandbox could not start: ${(error as Error).message}. Check the connection, then Run again.` } });
    }
    // From here the run's own limit applies: the page's clock for it starts now.
    port.postMessage({ id: m.id, started: true });
    const key = `${m.path}\n${m.source}`;
    if (loaded !== key) {
      loaded = undefined;
      const problem = box.load(m.source, m.path, m.limit);
      if (problem) return port.postMessage({ id: m.id, problem });
      loaded = key;
    }
    const out = box.run(m.job, m.limit, (partial, done) => port.postMessage({ id: m.id, partial, done }));
    // A stopped or failed run may leave the VM half-way through compute: load afresh next time.
    if ('problem' in out) loaded = undefined;
    port.postMessage({ id: m.id, ...out });
  } catch (error) {
    port.postMessage({ id: m.id, problem: { kind: 'runtime', message: (error as Error).message } });
  }
};
