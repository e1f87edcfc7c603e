// Weight decay as a model, and the finite-difference Hessian of a model's analytic gradient, for the chapters that
// run restarts to a minimum and read its curvature.
import { nonNegative } from './errors.ts';
import { symmetricEigenvalues } from './linalg.ts';
import { fullBatch, type Model } from './model.ts';

/**
 * The model with weight decay: J(θ) = L(θ) + λ‖θ‖² over every parameter, biases too (ESL §11.5.2, (11.16),
 * penalises the weights α and β the same way), so ∇J = ∇L + 2λθ. Relabelling units leaves ‖θ‖ alone, so J keeps L's symmetries.
 */
export function withWeightDecay(model: Model, lambda: number): Model {
  const lam = nonNegative('weight decay λ', lambda);
  return {
    ...model,
    name: `${model.name}+decay`,
    lossGrad(p, g, idx, from, count) {
      let J = model.lossGrad(p, g, idx, from, count);
      for (let q = 0; q < p.length; q++) {
        J += lam * p[q] * p[q];
        g[q] += 2 * lam * p[q];
      }
      return J;
    },
  };
}

/** The Hessian of the model's full-data loss at p by central differences (step h) of its analytic gradient, symmetrised; row-major. */
export function hessian(model: Model, p: Float64Array, h = 1e-5): Float64Array {
  const P = p.length;
  const H = new Float64Array(P * P);
  const r = Float64Array.from(p);
  const up = new Float64Array(P);
  const down = new Float64Array(P);
  const all = fullBatch(model.data.n);
  for (let q = 0; q < P; q++) {
    r[q] = p[q] + h;
    model.lossGrad(r, up, all, 0, model.data.n);
    r[q] = p[q] - h;
    model.lossGrad(r, down, all, 0, model.data.n);
    r[q] = p[q];
    for (let u = 0; u < P; u++) H[q * P + u] = (up[u] - down[u]) / (2 * h);
  }
  for (let q = 0; q < P; q++) for (let u = q + 1; u < P; u++) H[q * P + u] = H[u * P + q] = (H[q * P + u] + H[u * P + q]) / 2;
  return H;
}

/** Smallest and largest Hessian eigenvalue at p: both > 0 means a strict local minimum. */
export function curvature(model: Model, p: Float64Array): { min: number; max: number } {
  const ev = symmetricEigenvalues(hessian(model, p), p.length);
  return { min: ev[ev.length - 1], max: ev[0] };
}
