import { positive, positiveInt } from '../../core/errors.ts';
import { hessian } from '../../core/curvature.ts';
import { symmetricEigen } from '../../core/linalg.ts';
import { makeRng } from '../../core/random.ts';
import { fit, lossGrad, randomStart, TRAIN } from './fit.ts';
import { relabel } from './group.ts';
import { wideModel } from './wide.ts';

// Two tanh units, no weight decay: θ = (w₁, w₂, b₁, b₂, v₁, v₂, c) in core's layout (M = 2, one input, one output).
const M2 = wideModel(TRAIN, 2, 'tanh');
const M1 = wideModel(TRAIN, 1, 'tanh');
const SWAP = { perm: [1, 0], signs: [1, 1] };
/** Adam steps and rate, then damped Newton to ‖∇L‖ < 1e-11: every default run reaches it (the figure prints ‖∇L‖). */
export const SLICE_FIT = { steps: 3000, lr: 0.02, newton: 60, tol: 1e-11 };

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);
const sub = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a, (v, i) => v - b[i]);
const unit = (a: number[]) => a.map((v) => v / Math.hypot(...a));

/** The swap of the two units: the mirror whose fixed set is the tied subspace. */
export const swap = (p: Float64Array): Float64Array => relabel(M2.layout, p, SWAP);

/**
 * The tied critical point of the 2-unit net: the 1-unit minimum (w, b, v, c) duplicated as (w, w, b, b, v/2, v/2, c).
 * With free output weights every (w, w, b, b, s·v, (1−s)·v, c) is critical too (Fukumizu & Amari 2000): the line along d.
 */
export function tiedPoint(seed: number) {
  const one = fit(M1, { start: randomStart(M1.layout, seed), ...SLICE_FIT });
  const [w, b, v, c] = one.params;
  return { params: Float64Array.of(w, w, b, b, v / 2, v / 2, c), oneUnit: one };
}

/** The direction of the line of critical points through a tied point: v₁ up, v₂ down, nothing else. */
export const LINE = Float64Array.of(0, 0, 0, 0, Math.SQRT1_2, -Math.SQRT1_2, 0);

/** A trained 2-unit minimum from a seeded start, its mirror copy, the tied saddle, and the Hessian there. */
export function sliceSetup(seed: number) {
  const min = fit(M2, { start: randomStart(M2.layout, seed), ...SLICE_FIT });
  const tied = tiedPoint(seed);
  const H = hessian(M2, tied.params);
  const eig = symmetricEigen(H, 7);
  return {
    min, mirror: swap(min.params), tied: tied.params, tiedGrad: lossGrad(M2, tied.params).norm, tiedLoss: lossGrad(M2, tied.params).loss,
    eigenvalues: eig.values, unstable: eig.vectors[6],
    // θ's own smallest Hessian eigenvalue: positive means the trained point is a strict minimum, not just a stop.
    minEigTheta: symmetricEigen(hessian(M2, min.params), 7).values[6], lineCurvature: dot(LINE, Array.from({ length: 7 }, (_, q) => dot(H.subarray(q * 7, q * 7 + 7), LINE))),
  };
}

/**
 * The plane through the tied point θₛ, the minimum θ and its mirror πθ: e₁ ∝ θ − πθ (swap-odd, across the
 * mirror), e₂ ∝ (θ + πθ)/2 − θₛ (swap-even, along it), shifted by `offset`·‖θ − θₛ‖ along a seeded swap-even e₃.
 * Loss on an n×n grid over the three points' bounding box grown by `span`; x = 0 is the mirror.
 */
export function slicePlane(s: ReturnType<typeof sliceSetup>, o: { offset: number; span: number; n: number }) {
  const n = positiveInt('grid points', o.n);
  const span = positive('span', o.span);
  const e1 = unit(sub(s.min.params, s.mirror));
  const mid = Array.from(s.min.params, (v, q) => (v + s.mirror[q]) / 2);
  let e2 = sub(mid, s.tied);
  e2 = unit(sub(e2, e1.map((v) => v * dot(e1, e2))));
  const rng = makeRng(7);
  let r = Array.from({ length: 7 }, () => rng.normal());
  const rs = swap(Float64Array.from(r));
  r = r.map((v, q) => (v + rs[q]) / 2);
  for (const e of [e1, e2]) r = sub(r, e.map((v) => v * dot(e, r)));
  const e3 = unit(r);
  const rel = sub(s.min.params, s.tied);
  const [alpha, beta] = [dot(rel, e1), dot(rel, e2)];
  const radius = Math.hypot(...rel);
  const x1 = span * Math.abs(alpha);
  const [ylo, yhi] = [Math.min(0, beta), Math.max(0, beta)];
  const pad = (span - 1) * Math.max(Math.abs(alpha), yhi - ylo) + (yhi - ylo) * 0.05;
  const [y1, y2] = [ylo - pad, yhi + pad];
  const base = Array.from(s.tied, (v, q) => v + o.offset * radius * e3[q]);
  const p = new Float64Array(7);
  const g = new Float64Array(7);
  const idx = Int32Array.from({ length: TRAIN.n }, (_, i) => i);
  const values: number[] = [];
  for (let iy = 0; iy < n; iy++) for (let ix = 0; ix < n; ix++) {
    const [x, y] = [-x1 + (2 * x1 * ix) / (n - 1), y2 - ((y2 - y1) * iy) / (n - 1)];
    for (let q = 0; q < 7; q++) p[q] = base[q] + x * e1[q] + y * e2[q];
    values.push(M2.lossGrad(p, g, idx, 0, TRAIN.n));
  }
  const inPlane = (d: ArrayLike<number>) => ({ x: dot(d, e1), y: dot(d, e2) });
  // The unstable eigenvector is swap-odd in exact arithmetic (the tests check it to 1e-8); its swap-odd part drops
  // the solver's rounding, so its e₂ component, swap-even, is exactly 0 rather than 1e-12 of noise.
  const us = swap(Float64Array.from(s.unstable));
  const odd = s.unstable.map((v, q) => (v - us[q]) / 2);
  return { values, n, x1, y1, y2, alpha, beta, radius, unstable: inPlane(odd), line: inPlane(LINE) };
}
