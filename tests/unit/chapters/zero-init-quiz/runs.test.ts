import { describe, expect, it } from 'vitest';
import { QUIZ_LOSSES, quizModel, teacherData } from '../../../../src/chapters/zero-init-quiz/network.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { makeLayout } from '../../../../src/core/layout.ts';
import { idxB, idxB2, idxW, idxW2, unitsIdenticalAt } from '../../../../src/core/trace.ts';
import { collapseToOneUnit, gradientAtZero, networkState, outputSlope, quizRun, weightNorms } from '../../../../src/chapters/zero-init-quiz/runs.ts';

const data = teacherData({ n: 200, seed: 1 });
// h = 1e-6 central differences on O(1) smooth losses are good to ~1e-10; 1e-7 leaves margin yet catches any slip.
const H = 1e-6;
const TOL = 1e-7;

/** The loss of one example with every weight zero and output bias c (so o = c). */
function lossAt(loss: (typeof QUIZ_LOSSES)[number], i: number, c: number): number {
  const model = quizModel(data, { loss });
  const p = new Float64Array(model.layout.size);
  p[idxB2(model)] = c;
  return model.lossGrad(p, new Float64Array(p.length), Int32Array.of(i), 0, 1);
}

describe('ℓ′(o; y), the error signal at the output', () => {
  it('is −y/2, −y, −2y at o = 0 (logistic, hinge, squared)', () => {
    for (const y of [1, -1]) {
      expect(outputSlope('logistic', y, 0)).toBe(-y / 2);
      expect(outputSlope('hinge', y, 0)).toBe(-y);
      expect(outputSlope('squared', y, 0)).toBe(-2 * y);
    }
  });
  for (const loss of QUIZ_LOSSES) {
    it(`matches central differences of ℓ in o, and the model's own ∂ℓ/∂c (${loss})`, () => {
      const rng = makeRng(4);
      const model = quizModel(data, { loss });
      for (let t = 0; t < 20; t++) {
        const i = rng.int(data.n);
        const o = 2 * rng.normal();
        if (loss === 'hinge' && Math.abs(1 - data.Y[i] * o) < 1e-3) continue; // the hinge's kink
        const numeric = (lossAt(loss, i, o + H) - lossAt(loss, i, o - H)) / (2 * H);
        expect(Math.abs(numeric - outputSlope(loss, data.Y[i], o))).toBeLessThan(TOL);
        const p = new Float64Array(model.layout.size);
        p[idxB2(model)] = o;
        const g = new Float64Array(p.length);
        model.lossGrad(p, g, Int32Array.of(i), 0, 1);
        expect(g[idxB2(model)]).toBe(outputSlope(loss, data.Y[i], o));
      }
    });
  }
});

describe('the all-zero start', () => {
  it('has a full-data gradient of exactly 0: every weight, and c too because the labels are balanced', () => {
    for (const loss of QUIZ_LOSSES) for (const biases of [true, false]) for (const r of [0, 1] as const) {
      expect(gradientAtZero(data, loss, biases, r)).toEqual({ maxWeight: 0, dc: 0 });
    }
  });
  it('on unbalanced labels only ∂L/∂c is non-zero (mean of ℓ′(0; y))', () => {
    const skew = { ...data, Y: data.Y.map((y, i) => (i < 20 ? 1 : y)) };
    const mean = skew.Y.reduce((s, y) => s + outputSlope('logistic', y, 0), 0) / skew.n;
    const g = gradientAtZero(skew, 'logistic');
    expect(g.maxWeight).toBe(0);
    expect(g.dc).not.toBe(0);
    expect(Math.abs(g.dc - mean)).toBeLessThan(1e-15); // one rounding of a sum of ±1/2 terms
  });
  it('under SGD keeps every weight at exactly 0 and accuracy at exactly 1/2, while c moves', () => {
    const { trace, rows } = quizRun({ start: 'zero', data, epochs: 2 });
    for (let s = 0; s < trace.rows; s++) expect(weightNorms(trace, s)).toEqual({ w: 0, v: 0 });
    expect(rows.every((r) => r.accuracy === 0.5 && r.norm === 0)).toBe(true);
    expect(rows.some((r) => r.c !== 0)).toBe(true);
  });
  it('the teacher classifies every example, so its logistic loss is below log 2, the loss at zero', () => {
    const model = quizModel(data, { loss: 'logistic' });
    const all = Int32Array.from(data.Y.keys());
    const g = new Float64Array(model.layout.size);
    const teacher = model.lossGrad(data.teacher, g, all, 0, data.n);
    const atZero = model.lossGrad(new Float64Array(model.layout.size), g, all, 0, data.n);
    // log(1 + e⁰) = log 2; summing 200 equal terms rounds at most 200 half-ulps (~1e-14) away.
    expect(Math.abs(atZero - Math.LN2)).toBeLessThan(2e-14);
    expect(teacher).toBeLessThan(atZero);
  });
});

describe('identical and random starts', () => {
  it('weightNorms is the Euclidean norm of W and of v', () => {
    const { trace } = quizRun({ start: 'random', data, epochs: 1 });
    const s = 37;
    let w = 0;
    let v = 0;
    for (let l = 0; l < 10; l++) for (let j = 0; j < 10; j++) w += trace.params[s * trace.nParams + idxW(trace, l, j)] ** 2;
    for (let j = 0; j < 10; j++) v += trace.params[s * trace.nParams + idxW2(trace, j)] ** 2;
    const got = weightNorms(trace, s);
    expect(Math.abs(got.w - Math.sqrt(w))).toBeLessThan(1e-12);
    expect(Math.abs(got.v - Math.sqrt(v))).toBeLessThan(1e-12);
  });
  it('identical: the weights move but the ten units stay bitwise equal, and the net equals one unit with Σv', () => {
    const { trace, rows } = quizRun({ start: 'identical', data });
    expect(rows.at(-1)!.norm).not.toBe(rows[0].norm);
    expect(unitsIdenticalAt(trace, trace.rows - 1)).toBe(true);
    const p = trace.params.subarray((trace.rows - 1) * trace.nParams);
    const ten = quizModel(data, { loss: 'logistic' }).predict(p, new Float64Array(data.n));
    const one = quizModel(data, { loss: 'logistic', d: 1 }).predict(collapseToOneUnit(trace.layout, p), new Float64Array(data.n));
    // Σⱼ vⱼh versus (Σⱼ vⱼ)h: the same sum in another order, so only a few roundings apart.
    for (let i = 0; i < data.n; i++) expect(Math.abs(ten[i] - one[i])).toBeLessThan(1e-12);
  });
  it('collapsing non-identical units changes the outputs (the equivalence needs identical units)', () => {
    const { trace } = quizRun({ start: 'random', data, epochs: 1 });
    const p = trace.params.subarray(0, trace.nParams);
    const ten = quizModel(data, { loss: 'logistic' }).predict(p, new Float64Array(data.n));
    const one = quizModel(data, { loss: 'logistic', d: 1 }).predict(collapseToOneUnit(trace.layout, p), new Float64Array(data.n));
    expect(Math.max(...ten.map((o, i) => Math.abs(o - one[i])))).toBeGreaterThan(0.01);
  });
  it('a random start fits the teacher data better than the identical start on the default data', () => {
    const id = quizRun({ start: 'identical', data }).rows.at(-1)!;
    const rnd = quizRun({ start: 'random', data }).rows.at(-1)!;
    expect(rnd.accuracy).toBeGreaterThan(id.accuracy);
    expect(id.accuracy).toBeGreaterThan(0.5);
  });
});

describe('networkState: the flat parameters in the network mark\'s shape', () => {
  it('puts W[i, j] at weights[0][j][i], W2[j][o] at weights[1][o][j], and b, b2 in biases', () => {
    for (const biases of [true, false]) {
      const L = makeLayout(3, 4, 2, biases);
      const t = { layout: L };
      const p = Float64Array.from({ length: L.size }, (_, q) => q + 1); // every entry different, none 0
      const { weights, biases: b } = networkState(L, p);
      expect([weights[0].length, weights[0][0].length, weights[1].length, weights[1][0].length]).toEqual([4, 3, 2, 4]);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) expect(weights[0][j][i]).toBe(p[idxW(t, i, j)]);
      for (let j = 0; j < 4; j++) for (let o = 0; o < 2; o++) expect(weights[1][o][j]).toBe(p[idxW2(t, j, o)]);
      if (!biases) expect(b).toBeUndefined();
      else {
        expect(b![0]).toEqual([0, 1, 2, 3].map((j) => p[idxB(t, j)]));
        expect(b![1]).toEqual([0, 1].map((o) => p[idxB2(t, o)]));
      }
      // Every parameter lands somewhere exactly once.
      expect([...weights.flat(2), ...(b ?? []).flat()].sort((x, y) => x - y)).toEqual(Array.from(p));
    }
  });
});
