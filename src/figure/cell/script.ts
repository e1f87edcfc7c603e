import { decode, encode } from './codec.ts';
import { requireFrom } from './modules.ts';
import type { NamedControl, Values } from '../types.ts';

/** What a downloaded script needs besides the code: whose cell it is and what it was run with. */
export interface ScriptMeta {
  /** The figure's name (the CSV's first line names it) and the page's id for it (the file name). */
  name: string;
  id: string;
  path: string;
  controls: NamedControl[];
  /** The values on the page when it was downloaded: the script's defaults. */
  values: Values;
  state: unknown;
  inputs: unknown;
}

/**
 * A standalone ES module that prints the figure's CSV with `node <id>.mjs`, each control a flag
 * (`--rate 0.1`): the numerics bundle, the cell (already stripped to JavaScript) and a small command line.
 */
export function standaloneScript(numerics: string, cell: string, meta: ScriptMeta): string {
  const flags = meta.controls.map((c) => `--${c.name} <${c.kind === 'checkbox' ? '0|1' : c.kind === 'select' ? c.options.map((o) => o.value).join('|') : 'number'}>`).join(' ');
  return `#!/usr/bin/env node
// ${meta.id}.mjs: the compute of figure "${meta.name}" (${meta.path}) from Broken Symmetry, with the site's numerics.
// Usage: node ${meta.id}.mjs ${flags}
// Prints the figure's data as CSV; a flag left out keeps the value the page had.
${numerics}
;(() => {
const decode = (${decode.toString()});
const meta = decode(${JSON.stringify(encode(meta))});
const modules = globalThis.__numerics;
const { parseValue } = modules['src/figure/parse.ts'];
const { csvFile, provenance } = modules['src/figure/export.ts'];
const params = { ...meta.values };
const args = process.argv.slice(2);
const usage = 'usage: node ' + meta.id + '.mjs ' + ${JSON.stringify(flags)};
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--help' || args[i] === '-h') { console.log(usage); process.exit(0); }
  const m = /^--([^=]+)(?:=(.*))?$/.exec(args[i]);
  const c = m && meta.controls.find((x) => x.name === m[1]);
  if (!c) { console.error('unknown argument ' + args[i] + '\\n' + usage); process.exit(2); }
  // A checkbox flag alone (--biases, or followed by another flag) means on.
  const bare = m[2] === undefined && c.kind === 'checkbox' && (args[i + 1] === undefined || args[i + 1].startsWith('--'));
  const parsed = parseValue(c, bare ? '1' : m[2] ?? args[++i] ?? '');
  if ('error' in parsed) { console.error('--' + c.name + ': ' + parsed.error); process.exit(2); }
  params[c.name] = parsed.value;
}
const exports = {};
const require = (${requireFrom.toString()})(modules, meta.path);
(function (exports, require) {
${cell}
})(exports, require);
const memo = new Map();
const data = exports.compute(params, { live: true, state: meta.state, inputs: meta.inputs, memo: (k, make) => (memo.has(k) || memo.set(k, make()), memo.get(k)), progress: () => undefined });
process.stdout.write(csvFile(data.rows, provenance(meta.name, params)));
})();
`;
}
