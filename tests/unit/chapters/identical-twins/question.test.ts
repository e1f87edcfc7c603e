import { describe, expect, it } from 'vitest';
import { gradCheck } from '../../../../src/core/gradcheck.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { paramAt } from '../../../../src/core/trace.ts';
import { train } from '../../../../src/core/train.ts';
import { questionData, questionModel } from '../../../../src/chapters/identical-twins/question.ts';

// As for the linear network: h = 1e-5 central differences are good to ~1e-10 absolute on these O(1) losses,
// and gradCheck floors the denominator at 1e-3, so a relative 1e-6 has margin yet fails on any wrong factor.
const TOL = 1e-6;

describe('the question’s network σ(σ(XW + b)W₂ + b₂): gradient = central finite differences', () => {
  const data = questionData();
  for (const activation of ['sigmoid', 'tanh', 'identity'] as const) for (const biases of [false, true]) {
    it(`σ = ${activation}, biases ${biases}`, () => {
      const model = questionModel(data, { d: 3, activation, biases });
      const rng = makeRng(3);
      for (let t = 0; t < 4; t++) {
        const p = Float64Array.from({ length: model.layout.size }, () => 0.7 * rng.normal());
        expect(gradCheck(model, p).maxRelErr).toBeLessThan(TOL);
      }
    });
  }
  it('its targets lie strictly between 0 and 1 (a sigmoid teacher)', () => {
    expect(data.Y.every((y) => y > 0 && y < 1)).toBe(true);
  });
});

describe('from all-zero weights', () => {
  const data = questionData();
  const mean = data.Y.reduce((s, y) => s + y, 0) / data.n;
  const eta = 0.25;
  it('sigmoid: step 1 sets every (W₂)_j to η(ȳ − ½)/4 and b₂ to η(ȳ − ½)/2; W and b move only from step 2', () => {
    const model = questionModel(data, { d: 4, activation: 'sigmoid', biases: true });
    const L = model.layout;
    const t = train(model, { init: { kind: 'zero' }, lr: eta, steps: 2 });
    // ∂L/∂(W₂)_j = 2σ(0)σ′(0)(σ(0) − ȳ) = (½ − ȳ)/4 and ∂L/∂b₂ = 2σ′(0)(σ(0) − ȳ) = (½ − ȳ)/2. The code sums 32
    // examples first, so the two agree to a few ulps of these O(0.01) numbers: 1e-15 absolute.
    for (let j = 0; j < 4; j++) expect(Math.abs(paramAt(t, 1, L.iW2 + j) - (eta * (mean - 0.5)) / 4)).toBeLessThan(1e-15);
    expect(Math.abs(paramAt(t, 1, L.ib2) - (eta * (mean - 0.5)) / 2)).toBeLessThan(1e-15);
    for (let q = 0; q < L.iW2; q++) expect(paramAt(t, 1, q)).toBe(0);
    for (let q = 0; q < L.iW2; q++) expect(paramAt(t, 2, q)).not.toBe(0);
  });
  for (const activation of ['identity', 'tanh'] as const) {
    it(`${activation} (σ(0) = 0): W, b and W₂ stay exactly 0 for 500 steps; only b₂ moves`, () => {
      const model = questionModel(data, { d: 4, activation, biases: true });
      const L = model.layout;
      const t = train(model, { init: { kind: 'zero' }, lr: eta, steps: 500 });
      for (let s = 0; s < t.rows; s++) for (let q = 0; q < L.ib2; q++) expect(paramAt(t, s, q)).toBe(0);
      expect(paramAt(t, 500, L.ib2)).not.toBe(0);
    });
  }
  it('identity without biases: nothing moves at all', () => {
    const t = train(questionModel(data, { d: 4, activation: 'identity', biases: false }), { init: { kind: 'zero' }, steps: 100 });
    expect(t.params.every((v) => v === 0)).toBe(true);
  });
});
