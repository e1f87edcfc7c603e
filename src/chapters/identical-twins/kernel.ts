import { makeLayout } from '../../core/layout.ts';
import { checkData, defineModel, type Dataset, type Model } from '../../core/model.ts';

/**
 * The chapter's linear network f(X) = X W W2 with one change: hidden unit j adds up its k products
 * x_l W_lj starting at input j mod k and wrapping round, so the order of the additions depends on the
 * unit's position, as it can in a blocked matrix kernel (BLAS, GPU) that hands rows to different lanes,
 * tiles or threads. In exact arithmetic this is the same network with the same gradient; in floating point
 * two tied units can get sums that differ in the last bit.
 */
export function positionOrderModel(data: Dataset, cfg: { d: number }): Model {
  const L = makeLayout(data?.k, cfg?.d, data?.m, false);
  checkData(data, L.k, L.m);
  const { k, d, m, iW2 } = L;
  const { X, Y } = data;
  const a = new Float64Array(d);
  const yhat = new Float64Array(m);
  const r = new Float64Array(m);
  const da = new Float64Array(d);

  function forward(p: Float64Array, i: number): number {
    const x = i * k;
    for (let j = 0; j < d; j++) {
      let s = 0;
      // The one difference from linear.ts: the summation order starts at input j mod k.
      for (let t = 0; t < k; t++) {
        const l = (t + j) % k;
        s += X[x + l] * p[l * d + j];
      }
      a[j] = s;
    }
    let loss = 0;
    for (let o = 0; o < m; o++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += a[j] * p[iW2 + j * m + o];
      yhat[o] = s;
      r[o] = s - Y[i * m + o];
      loss += r[o] * r[o];
    }
    return loss;
  }

  function backward(p: Float64Array, i: number, g: Float64Array) {
    const x = i * k;
    for (let j = 0; j < d; j++) for (let o = 0; o < m; o++) g[iW2 + j * m + o] += 2 * a[j] * r[o];
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let o = 0; o < m; o++) s += r[o] * p[iW2 + j * m + o];
      da[j] = 2 * s;
    }
    for (let l = 0; l < k; l++) for (let j = 0; j < d; j++) g[l * d + j] += X[x + l] * da[j];
  }

  return defineModel('linear (position-dependent sums)', L, data, { forward, backward, output: (out, i) => out.set(yhat, i * m) });
}
