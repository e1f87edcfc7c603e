// How a cell's imports find the bundled numerics: the same function in the sandbox and in the node script
// (both evaluate its source text, so it is self-contained).

/** A `require` for the cell of the figure file at `path`, over modules keyed by their path from the repository root. */
export function requireFrom(modules: Record<string, unknown>, path: string): (spec: string) => unknown {
  const near = (spec: string) => {
    const at = path.split('/').slice(0, -1);
    for (const part of spec.split('/')) {
      if (part === '..') at.pop();
      else if (part !== '.') at.push(part);
    }
    return at.join('/');
  };
  return (spec: string) => {
    const hit = modules[spec.startsWith('.') ? near(spec) : spec];
    if (hit) return hit;
    throw new Error(`cannot import "${spec}" in a cell: it may import src/core, the chapters' maths, and format, axes, palette, timeline, export, controls and parse from src/figure`);
  };
}
