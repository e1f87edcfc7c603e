import { oneOf } from '../../core/errors.ts';
import { makeLayout } from '../../core/layout.ts';
import { checkData, type Dataset, type Model } from '../../core/model.ts';

/**
 * core/mlp.ts's network for one input and one output, f(x) = Σ_j v_j σ(w_j x + b_j) + c with L = mean (y − f)²,
 * written unit-major so a 256-unit net trains in a fraction of a second: same layout, same loss, same gradient.
 */
export function wideModel(data: Dataset, M: number, act: 'tanh' | 'relu'): Model {
  const L = makeLayout(1, M, 1, true);
  checkData(data, 1, 1);
  const relu = oneOf('activation σ', act, ['tanh', 'relu'] as const) === 'relu';
  const { ib, iW2, ib2 } = L;
  const h = new Float64Array(M);
  const out = (p: Float64Array, x: number) => {
    let f = p[ib2];
    for (let j = 0; j < M; j++) {
      const z = p[j] * x + p[ib + j];
      const a = relu ? (z > 0 ? z : 0) : Math.tanh(z);
      h[j] = a;
      f += p[iW2 + j] * a;
    }
    return f;
  };
  return {
    name: 'wide',
    layout: L,
    data,
    lossGrad(p, g, idx, from, count) {
      g.fill(0);
      let loss = 0;
      for (let t = from; t < from + count; t++) {
        const i = idx[t];
        const x = data.X[i];
        const e = data.Y[i] - out(p, x);
        loss += e * e;
        const d = -2 * e; // ∂L/∂f
        g[ib2] += d;
        for (let j = 0; j < M; j++) {
          const a = h[j];
          g[iW2 + j] += d * a;
          // ∂L/∂z_j = d · v_j · σ′(z_j): σ′ = 1 − h² for tanh, 1 on z > 0 for ReLU (0 at z = 0, as core's default).
          const dz = d * p[iW2 + j] * (relu ? (a > 0 ? 1 : 0) : 1 - a * a);
          g[j] += dz * x;
          g[ib + j] += dz;
        }
      }
      const inv = 1 / count;
      for (let q = 0; q < g.length; q++) g[q] *= inv;
      return loss * inv;
    },
    predict(p, res) {
      for (let i = 0; i < data.n; i++) res[i] = out(p, data.X[i]);
      return res;
    },
  };
}
