// The numerics a cell may import, bundled by Vite into one classic script (imported as `?worker&url`)
// that the sandbox evaluates before the cell. Keys are paths from the repository root, as `require` asks.
const found = import.meta.glob(['../../core/*.ts', '../../chapters/*/*.ts', '../format.ts', '../axes.ts', '../palette.ts', '../timeline.ts', '../export.ts', '../controls.ts', '../parse.ts'], { eager: true });

(globalThis as { __numerics?: unknown }).__numerics = Object.fromEntries(
  Object.entries(found).map(([key, mod]) => [key.replace(/^\.\.\/\.\.\//, 'src/').replace(/^\.\.\//, 'src/figure/'), mod]),
);
