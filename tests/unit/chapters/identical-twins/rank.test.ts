import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../../src/core/datasets.ts';
import { initParams } from '../../../../src/core/init.ts';
import { linearModel } from '../../../../src/chapters/identical-twins/linear.ts';
import { mlpModel } from '../../../../src/core/mlp.ts';
import { fullLossGrad, type Dataset } from '../../../../src/core/model.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { finalLoss, paramsAt } from '../../../../src/core/trace.ts';
import { train } from '../../../../src/core/train.ts';
import { singularValues } from '../../../../src/core/linalg.ts';
import { bestRankLoss, bestRankOneLoss, endToEnd, findPlateaus, leastSquares, mapLoss, mergeIdentical, rankModes, rankOneSaddle } from '../../../../src/chapters/identical-twins/rank.ts';

// Closed-form checks on O(1) numbers: Jacobi and elimination are backward stable, so 1e-12 is ~1e4 ulps of margin.
const TIGHT = 1e-12;

describe('what identical linear units can reach', () => {
  it('closed form: with C = I and A = diag(3, 2, 1), the best rank-one loss is 2² + 1² = 5', () => {
    // X = √3·I, so C = XᵀX/n = I and loss(B) = ‖B − A‖²_F; Eckart–Young keeps the largest singular value 3.
    const s = Math.sqrt(3);
    const X = Float64Array.of(s, 0, 0, 0, s, 0, 0, 0, s);
    const data: Dataset = { n: 3, k: 3, m: 3, X, Y: Float64Array.of(3 * s, 0, 0, 0, 2 * s, 0, 0, 0, s) };
    expect(bestRankOneLoss(data)).toBeCloseTo(5, 12);
    expect(leastSquares(data).loss).toBeLessThan(TIGHT);
  });
  it('least squares is a minimum: every small move of B* raises the loss', () => {
    const data = regressionData({ m: 3, noise: 0.3 });
    const { B, loss } = leastSquares(data);
    const rng = makeRng(9);
    for (let t = 0; t < 20; t++) {
      const moved = B.map((v) => v + 1e-3 * rng.normal());
      expect(mapLoss(data, moved)).toBeGreaterThan(loss);
    }
  });
  it('L(B) = L(B*) + tr((B − B*)ᵀ C (B − B*)) for any map B', () => {
    const data = regressionData({ m: 3, noise: 0.3 });
    const { B, C, loss } = leastSquares(data);
    const rng = makeRng(10);
    for (let t = 0; t < 10; t++) {
      const D = Float64Array.from({ length: 12 }, rng.normal);
      let tr = 0;
      for (let o = 0; o < 3; o++) for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) tr += D[a * 3 + o] * C[a * 4 + b] * D[b * 3 + o];
      // Both sides are sums of O(1)–O(10) terms: 1e-10 absolute is far above their rounding.
      expect(Math.abs(mapLoss(data, B.map((v, q) => v + D[q])) - (loss + tr))).toBeLessThan(1e-10);
    }
  });
  it('no random rank-one map u vᵀ beats bestRankOneLoss (m = 3)', () => {
    const data = regressionData({ m: 3 });
    const best = bestRankOneLoss(data);
    const rng = makeRng(2);
    for (let t = 0; t < 500; t++) {
      const u = Array.from({ length: 4 }, rng.normal);
      const v = Array.from({ length: 3 }, rng.normal);
      expect(mapLoss(data, Float64Array.from({ length: 12 }, (_, q) => u[Math.floor(q / 3)] * v[q % 3]))).toBeGreaterThanOrEqual(best);
    }
  });
  it('with one output the rank-one bound costs nothing: it equals the least-squares loss', () => {
    const data = regressionData({ m: 1, noise: 0.3 });
    expect(bestRankOneLoss(data)).toBeCloseTo(leastSquares(data).loss, 12);
  });
  for (const m of [2, 3, 4]) {
    it(`identical start (d = 4, m = ${m}) plateaus at the best rank-one loss; random start goes below it`, () => {
      const data = regressionData({ m });
      const model = linearModel(data, { d: 4 });
      const same = train(model, { init: { kind: 'identical' }, lr: 0.02, steps: 3000 });
      const rand = train(model, { init: { kind: 'normal' }, lr: 0.02, steps: 3000 });
      // GD converges linearly to the rank-one optimum; after 3000 steps it is at rounding level (relative 1e-9 is loose).
      expect(Math.abs(finalLoss(same) - bestRankOneLoss(data))).toBeLessThan(1e-9 * bestRankOneLoss(data));
      expect(finalLoss(rand)).toBeLessThan(0.5 * bestRankOneLoss(data));
    });
  }
});

describe('identical units collapse to rank one', () => {
  const data = regressionData({ m: 3 });
  const model = linearModel(data, { d: 4 });
  it('W W2 = d · w vᵀ when every unit has incoming w and outgoing v', () => {
    const p = initParams(model.layout, { kind: 'identical' }, makeRng(1));
    const P = endToEnd(model.layout, p);
    const w = [0, 1, 2, 3].map((a) => p[a * 4]);
    const v = [0, 1, 2].map((o) => p[model.layout.iW2 + o]);
    for (let a = 0; a < 4; a++) for (let o = 0; o < 3; o++) expect(P[a * 3 + o]).toBeCloseTo(4 * w[a] * v[o], 14);
  });
  it('along the identical run the end-to-end map keeps one non-zero singular value; a random run gets three', () => {
    const same = train(model, { init: { kind: 'identical' }, lr: 0.02, steps: 1000 });
    const rand = train(model, { init: { kind: 'normal' }, lr: 0.02, steps: 1000 });
    for (let s = 0; s <= 1000; s += 100) {
      const sv = singularValues(endToEnd(model.layout, paramsAt(same, s)), 4, 3);
      // σ₂ of an exactly rank-one product is rounding only: ~1e-16 relative, 1e-7 leaves room for the √ of MᵀM.
      expect(sv[1]).toBeLessThan(1e-7 * sv[0]);
    }
    const sv = singularValues(endToEnd(model.layout, paramsAt(rand, 1000)), 4, 3);
    expect(sv[2]).toBeGreaterThan(0.1 * sv[0]);
  });
  for (const biases of [false, true]) {
    it(`d identical tanh units compute what one unit with d·v computes (biases ${biases})`, () => {
      const tdata = regressionData({ m: 2, teacher: 'tanh' });
      const big = mlpModel(tdata, { d: 5, activation: 'tanh', biases });
      const one = mlpModel(tdata, { d: 1, activation: 'tanh', biases });
      const run = train(big, { init: { kind: 'identical' }, lr: 0.05, steps: 200 });
      for (const s of [0, 200]) {
        const p = paramsAt(run, s);
        const a = big.predict(p, new Float64Array(tdata.n * 2));
        const b = one.predict(mergeIdentical(big.layout, p), new Float64Array(tdata.n * 2));
        // Summing d equal terms vs one term times d differs by rounding only.
        for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(TIGHT * (1 + Math.abs(a[i])));
      }
    });
  }
});

describe('the chapter’s gradient formulas, against the code that runs', () => {
  for (const m of [1, 3]) {
    it(`m = ${m}: column j of ∇W = (2/n) Xᵀ R (W2)_jᵀ and ∇(W2)_j = (2/n) (X W_{:,j})ᵀ R`, () => {
      const data = regressionData({ m, seed: 5 });
      const model = linearModel(data, { d: 3 });
      const rng = makeRng(6);
      const p = Float64Array.from({ length: model.layout.size }, rng.normal);
      const { grad } = fullLossGrad(model, p);
      const { n, k, X, Y } = data;
      const R = new Float64Array(n * m); // R = X W W2 − Y
      const P = endToEnd(model.layout, p);
      for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) {
        let s = -Y[i * m + o];
        for (let a = 0; a < k; a++) s += X[i * k + a] * P[a * m + o];
        R[i * m + o] = s;
      }
      for (let j = 0; j < 3; j++) {
        for (let a = 0; a < k; a++) {
          let s = 0;
          for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) s += X[i * k + a] * R[i * m + o] * p[model.layout.iW2 + j * m + o];
          expect(grad[a * 3 + j]).toBeCloseTo((2 / n) * s, 11);
        }
        for (let o = 0; o < m; o++) {
          let s = 0;
          for (let i = 0; i < n; i++) {
            let h = 0;
            for (let a = 0; a < k; a++) h += X[i * k + a] * p[a * 3 + j];
            s += h * R[i * m + o];
          }
          expect(grad[model.layout.iW2 + j * m + o]).toBeCloseTo((2 / n) * s, 11);
        }
      }
    });
  }
  it('equal units get bitwise-equal gradients; the all-zero start gets exactly 0', () => {
    const model = linearModel(regressionData({ m: 3 }), { d: 4 });
    const p = initParams(model.layout, { kind: 'identical' }, makeRng(8));
    const { grad } = fullLossGrad(model, p);
    for (let j = 1; j < 4; j++) {
      for (let a = 0; a < 4; a++) expect(Object.is(grad[a * 4 + j], grad[a * 4])).toBe(true);
      for (let o = 0; o < 3; o++) expect(Object.is(grad[model.layout.iW2 + j * 3 + o], grad[model.layout.iW2 + o])).toBe(true);
    }
    expect(fullLossGrad(model, new Float64Array(model.layout.size)).grad.every((g) => g === 0)).toBe(true);
  });
});

describe('best rank-r losses (Eckart–Young on the whitened map)', () => {
  // The closed-form case again: C = I and B* = diag(3, 2, 1), so the rank-r loss is the sum of the dropped s_i².
  const s3 = Math.sqrt(3);
  const diag: Dataset = { n: 3, k: 3, m: 3, X: Float64Array.of(s3, 0, 0, 0, s3, 0, 0, 0, s3), Y: Float64Array.of(3 * s3, 0, 0, 0, 2 * s3, 0, 0, 0, s3) };
  it('diag(3, 2, 1): 14, 5, 1, 0 for r = 0, 1, 2, 3', () => {
    [14, 5, 1, 0].forEach((v, r) => expect(bestRankLoss(diag, r)).toBeCloseTo(v, 12));
    expect(Array.from(rankModes(diag).lambda)).toEqual([9, 4, 1].map((v) => expect.closeTo(v, 12)));
  });
  it('no random rank-two map beats bestRankLoss(2) (m = 3)', () => {
    const data = regressionData({ m: 3 });
    const best = bestRankLoss(data, 2);
    const rng = makeRng(4);
    for (let t = 0; t < 500; t++) {
      const U = Array.from({ length: 8 }, rng.normal);
      const V = Array.from({ length: 6 }, rng.normal);
      const B = Float64Array.from({ length: 12 }, (_, q) => U[Math.floor(q / 3) * 2] * V[q % 3] + U[Math.floor(q / 3) * 2 + 1] * V[3 + (q % 3)]);
      expect(mapLoss(data, B)).toBeGreaterThanOrEqual(best);
    }
  });
  for (const r of [1, 2]) {
    it(`a linear network with d = ${r} units, from a random start, reaches the best rank-${r} loss (m = 3)`, () => {
      // Its product W W2 has rank ≤ r, and a linear network has no spurious local minima (Baldi & Hornik), so
      // gradient descent converges to the Eckart–Young value; 4000 steps bring it to 1e-9 relative.
      const data = regressionData({ m: 3 });
      const run = train(linearModel(data, { d: r }), { init: { kind: 'normal' }, lr: 0.05, steps: 4000 });
      expect(Math.abs(finalLoss(run) - bestRankLoss(data, r))).toBeLessThan(1e-9 * bestRankLoss(data, r));
    });
  }
  it('the rank-one saddle B₁ attains the best rank-one loss and has rank one', () => {
    for (const m of [2, 3, 4]) {
      const data = regressionData({ m });
      const { B1 } = rankOneSaddle(data);
      expect(Math.abs(mapLoss(data, B1) - bestRankOneLoss(data))).toBeLessThan(1e-12 * (1 + bestRankOneLoss(data)));
      const sv = singularValues(B1, 4, m);
      // σ₂ of an exactly rank-one outer product is rounding only; 1e-7 leaves room for the √ of MᵀM.
      expect(sv[1]).toBeLessThan(1e-7 * sv[0]);
    }
  });
  it('with whitened inputs (C = I) the saddle’s growth rates are the dropped singular values s₂, s₃', () => {
    // A 4×4 Hadamard matrix H has HᵀH = 4I, so X = H with n = 4 gives C = XᵀX/n = I exactly.
    const H = Float64Array.of(1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1, 1, -1, -1, 1);
    const rng = makeRng(12);
    const A = Float64Array.from({ length: 12 }, rng.normal);
    const Y = new Float64Array(12);
    for (let i = 0; i < 4; i++) for (let o = 0; o < 3; o++) for (let a = 0; a < 4; a++) Y[i * 3 + o] += H[i * 4 + a] * A[a * 3 + o];
    const data: Dataset = { n: 4, k: 4, m: 3, X: H, Y };
    const s = singularValues(A, 4, 3);
    const { rates } = rankOneSaddle(data);
    expect(rates[0]).toBeCloseTo(s[1], 10);
    expect(rates[1]).toBeCloseTo(s[2], 10);
  });
});

describe('findPlateaus', () => {
  it('finds the flat stretches of a staircase and not its geometric tail', () => {
    const loss = Array.from({ length: 300 }, (_, s) => (s < 100 ? 4 : s < 200 ? 0.5 : 0.5 * 0.8 ** (s - 200)));
    const found = findPlateaus(loss);
    // A plateau ends at its last flat step: 99 (step 100 is lower) and 200 (the decay starts after it).
    expect(found.map((p) => [p.from, p.to, p.level])).toEqual([[0, 99, 4], [100, 200, 0.5]]);
  });
  it('ignores flat stretches shorter than minLength', () => {
    const loss = Array.from({ length: 100 }, (_, s) => (s >= 40 && s < 50 ? 1 : 2 - s / 100));
    expect(findPlateaus(loss, 1e-3, 20)).toEqual([]);
  });
});

