import { fullBatch, type Model } from './model.ts';

/** Result of comparing a hand-derived gradient with central finite differences. */
export interface GradCheck {
  /** Largest |analytic − numeric| / max(|analytic| + |numeric|, floor) over all parameters. */
  maxRelErr: number;
  /** Parameter index where maxRelErr occurs. */
  worst: number;
  analytic: Float64Array;
  numeric: Float64Array;
}

/**
 * Checks model.lossGrad at p against (L(p + h e_q) − L(p − h e_q)) / 2h over the full data.
 * h = 1e-5 balances truncation error (∝ h²) against rounding (∝ 1e-16/h); the floor keeps
 * components that are (almost) zero from dividing by (almost) zero.
 */
export function gradCheck(model: Model, p: Float64Array, h = 1e-5, floor = 1e-3): GradCheck {
  const P = model.layout.size;
  const idx = fullBatch(model.data.n);
  const n = model.data.n;
  const analytic = new Float64Array(P);
  const scratch = new Float64Array(P);
  model.lossGrad(p, analytic, idx, 0, n);
  const q = Float64Array.from(p);
  const numeric = new Float64Array(P);
  let maxRelErr = 0;
  let worst = -1;
  for (let i = 0; i < P; i++) {
    q[i] = p[i] + h;
    const up = model.lossGrad(q, scratch, idx, 0, n);
    q[i] = p[i] - h;
    const down = model.lossGrad(q, scratch, idx, 0, n);
    q[i] = p[i];
    numeric[i] = (up - down) / (2 * h);
    const err = Math.abs(analytic[i] - numeric[i]) / Math.max(Math.abs(analytic[i]) + Math.abs(numeric[i]), floor);
    if (err > maxRelErr) {
      maxRelErr = err;
      worst = i;
    }
  }
  return { maxRelErr, worst, analytic, numeric };
}

/** Smallest |z| over all examples and hidden units, from the model's own forward: how far p is from any ReLU kink. */
export function minPreActivation(model: Model, p: Float64Array): number {
  if (!model.preActivations) throw new Error(`minPreActivation: the ${model.name} model exposes no pre-activations`);
  const z = new Float64Array(model.layout.d);
  let min = Infinity;
  for (let i = 0; i < model.data.n; i++) for (const v of model.preActivations(p, i, z)) min = Math.min(min, Math.abs(v));
  return min;
}
