/** The smallest network with a symmetry: f(x) = v1·w1·x + v2·w2·x, squared loss on one example. */
export interface TwoUnits {
  w1: number;
  w2: number;
  v1: number;
  v2: number;
}

/** Loss L = (f(x) − y)² and its gradient, the backward rule written under the forward one. */
export function twoUnitsGrad(p: TwoUnits, x: number, y: number) {
  const h1 = p.w1 * x; // forward: hidden unit 1
  const h2 = p.w2 * x; // forward: hidden unit 2
  const f = p.v1 * h1 + p.v2 * h2; // forward: output
  const r = f - y;
  const loss = r * r;
  const dF = 2 * r; // ∂L/∂f
  return {
    loss,
    v1: dF * h1, // ∂L/∂v1 = ∂L/∂f · h1
    v2: dF * h2,
    w1: dF * p.v1 * x, // ∂L/∂w1 = ∂L/∂f · v1 · x
    w2: dF * p.v2 * x,
  };
}

/** Gradient descent from a start; returns one row per step (the start included). */
export function twoUnitsRun(start: TwoUnits, x: number, y: number, rate: number, steps: number) {
  const rows: (TwoUnits & { step: number; loss: number })[] = [];
  let p = { ...start };
  for (let step = 0; step <= steps; step++) {
    const g = twoUnitsGrad(p, x, y);
    if (!Number.isFinite(g.loss) || g.loss > 1e12) return { rows, diverged: step };
    rows.push({ step, loss: g.loss, ...p });
    p = { w1: p.w1 - rate * g.w1, w2: p.w2 - rate * g.w2, v1: p.v1 - rate * g.v1, v2: p.v2 - rate * g.v2 };
  }
  return { rows, diverged: null };
}
