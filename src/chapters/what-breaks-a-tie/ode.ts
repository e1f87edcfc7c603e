// An adaptive Dormand–Prince 5(4) integrator: the chapter's stand-in for gradient flow.

/** The right-hand side dy/dt = f(y), written into out. */
export type Rhs = (y: Float64Array, out: Float64Array) => void;

// The Butcher tableau (the flow is autonomous, so the stage times are not needed).
const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
// Fifth-order weights are A[6]; these are the embedded fourth-order ones, for the error estimate.
const B4 = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];

/** Integrates dy/dt = f(y) from y0 over [0, T] to relative and absolute tolerance tol; samples y at the times in `at` (ascending). */
export function dopri(f: Rhs, y0: Float64Array, T: number, tol: number, at: readonly number[]): { samples: Float64Array[]; steps: number } {
  const n = y0.length;
  let y = y0.slice(), t = 0, h = Math.min(T, 0.01), steps = 0;
  const k = Array.from({ length: 7 }, () => new Float64Array(n));
  const tmp = new Float64Array(n), y5 = new Float64Array(n);
  const samples: Float64Array[] = [];
  let next = 0;
  while (next < at.length && at[next] <= 0) (samples.push(y.slice()), next++);
  while (t < T && steps < 1_000_000) {
    // Never step past the next sample time, so samples are exact states of the integrator, not interpolants.
    const stop = next < at.length ? Math.min(T, at[next]) : T;
    h = Math.min(h, stop - t);
    for (let s = 0; s < 7; s++) {
      for (let i = 0; i < n; i++) {
        let acc = y[i];
        for (let r = 0; r < s; r++) acc += h * A[s][r] * k[r][i];
        tmp[i] = acc;
      }
      f(tmp, k[s]);
    }
    let err = 0;
    for (let i = 0; i < n; i++) {
      y5[i] = tmp[i]; // stage 7 is evaluated at the fifth-order solution (FSAL)
      let e = 0;
      for (let s = 0; s < 7; s++) e += h * (A[6][s] ?? 0) * k[s][i] - h * B4[s] * k[s][i];
      err = Math.max(err, Math.abs(e) / (tol * (1 + Math.abs(y[i]))));
    }
    if (err <= 1 || h < 1e-12) {
      t += h;
      y = y5.slice();
      steps++;
      while (next < at.length && at[next] <= t + 1e-12) (samples.push(y.slice()), next++);
    }
    h *= Math.min(5, Math.max(0.2, 0.9 * Math.pow(Math.max(err, 1e-10), -0.2)));
  }
  return { samples, steps };
}
