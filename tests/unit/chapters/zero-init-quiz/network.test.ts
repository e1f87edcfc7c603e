import { describe, expect, it } from 'vitest';
import { gradCheck, minPreActivation } from '../../../../src/core/gradcheck.ts';
import { fullLossGrad } from '../../../../src/core/model.ts';
import { accuracy, QUIZ_LOSSES, quizModel, teacherData } from '../../../../src/chapters/zero-init-quiz/network.ts';
import { makeRng } from '../../../../src/core/random.ts';
import { idxB2, unitsIdenticalAt } from '../../../../src/core/trace.ts';
import { train } from '../../../../src/core/train.ts';

// h = 1e-5 central differences are good to ~1e-10 on these O(1) losses; relative to gradients floored
// at 1e-3 that is ≤ 1e-7, so 1e-6 has margin and still catches a wrong factor or sign.
const TOL = 1e-6;
const H = 1e-5;

describe('quiz network (10 → 10 ReLU → 1)', () => {
  const data = teacherData({ n: 200, seed: 3 });
  const small = teacherData({ n: 10, seed: 4 });

  it('teacher data is balanced and realised by the teacher itself', () => {
    expect(data.Y.filter((y) => y === 1).length).toBe(100);
    expect(data.Y.filter((y) => y === -1).length).toBe(100);
    const model = quizModel(data, { loss: 'hinge' });
    expect(accuracy(data, model.predict(data.teacher, new Float64Array(200)))).toBe(1);
  });

  it('teacher data stay bit for bit what they were before the teacher ran through quizModel', () => {
    // Fingerprints of the data the chapter's figures use, recorded from the earlier hand-copied teacher
    // forward: any change in the draws, the forward's summation order or the rejection rule changes them.
    const fingerprint = (a: Float64Array) => a.reduce((s, v, i) => s + v * (i + 1), 0);
    const one = teacherData({ n: 200, seed: 1 });
    expect([fingerprint(one.X), fingerprint(one.teacher), one.X[0], one.X[1999]]).toEqual([18778.96887930757, -546.8520866080934, -0.0064318086367050175, 1.0967791491095522]);
    expect(Array.from(one.Y.subarray(0, 16))).toEqual([-1, 1, 1, 1, 1, -1, -1, 1, 1, 1, -1, 1, 1, 1, 1, 1]);
    const other = teacherData({ n: 10, k: 3, d: 4, biases: false, seed: 7 });
    expect(fingerprint(other.X)).toBe(-61.11375745306563);
    expect(Array.from(other.Y)).toEqual([-1, 1, 1, 1, 1, 1, -1, -1, -1, -1]);
  });

  it('labels every example by the sign of a teacher forward written out by hand', () => {
    for (const [opts, L] of [[{ n: 200, seed: 3 }, { k: 10, d: 10, biases: true }], [{ n: 20, k: 3, d: 4, biases: false, seed: 7 }, { k: 3, d: 4, biases: false }]] as const) {
      const { X, Y, teacher, n } = teacherData(opts);
      const { k, d, biases } = L;
      const iv = k * d + (biases ? d : 0);
      for (let i = 0; i < n; i++) {
        let o = biases ? teacher[iv + d] : 0;
        for (let j = 0; j < d; j++) {
          let s = biases ? teacher[k * d + j] : 0;
          for (let l = 0; l < k; l++) s += X[i * k + l] * teacher[l * d + j];
          o += Math.max(0, s) * teacher[iv + j];
        }
        expect(o === 0 ? 0 : Math.sign(o)).toBe(Y[i]);
      }
    }
  });

  it('exposes its pre-activations z = xW + b, for minPreActivation', () => {
    const model = quizModel(small, { loss: 'logistic' });
    const rng = makeRng(8);
    const p = Float64Array.from({ length: model.layout.size }, () => rng.normal());
    let min = Infinity;
    for (let i = 0; i < small.n; i++) {
      const z = model.preActivations!(p, i, new Float64Array(10));
      for (let j = 0; j < 10; j++) {
        let s = p[100 + j];
        for (let l = 0; l < 10; l++) s += small.X[i * 10 + l] * p[l * 10 + j];
        expect(z[j]).toBe(s); // the same sum in the same order: bit for bit
        min = Math.min(min, Math.abs(s));
      }
    }
    expect(minPreActivation(model, p)).toBe(min);
  });

  for (const loss of QUIZ_LOSSES) for (const biases of [true, false]) for (const r0 of [0, 1] as const) {
    it(`gradient = central differences: ${loss}, biases ${biases}, ReLU′(0) = ${r0}`, () => {
      const model = quizModel(small, { loss, biases, reluPrimeAtZero: r0 });
      const rng = makeRng(21);
      let checked = 0;
      for (let tries = 0; checked < 4 && tries < 200; tries++) {
        const p = Float64Array.from({ length: model.layout.size }, () => 0.5 * rng.normal());
        // Away from kinks: every ReLU input and, for hinge, every margin y·o must be ≫ h from its kink.
        if (minPreActivation(model, p) < 100 * H) continue;
        const o = model.predict(p, new Float64Array(small.n));
        if (loss === 'hinge' && o.some((v, i) => Math.abs(1 - small.Y[i] * v) < 1e-3)) continue;
        expect(gradCheck(model, p, H).maxRelErr).toBeLessThan(TOL);
        checked++;
      }
      expect(checked).toBe(4);
    });
  }

  for (const loss of QUIZ_LOSSES) for (const biases of [true, false]) for (const r0 of [0, 1] as const) {
    it(`all-zero start: weight gradients exactly 0, only c can move (${loss}, biases ${biases}, ReLU′(0) = ${r0})`, () => {
      const model = quizModel(data, { loss, biases, reluPrimeAtZero: r0 });
      const { grad } = fullLossGrad(model, new Float64Array(model.layout.size));
      const c = idxB2({ layout: model.layout });
      for (let q = 0; q < grad.length; q++) if (q !== c) expect(grad[q] === 0).toBe(true);
      const t = train(model, { init: { kind: 'zero' }, optimizer: 'sgd', epochs: 2, lr: 0.1, seed: 5 });
      expect(t.rows).toBe(401);
      const last = t.params.subarray(400 * t.nParams);
      for (let q = 0; q < t.nParams; q++) if (q !== c) expect(last[q] === 0).toBe(true);
      if (biases) expect(t.params.some((v, i) => i % t.nParams === c && v !== 0)).toBe(true);
      // So the network never fits: every example gets the same output c and accuracy stays at 1/2.
      expect(accuracy(data, model.predict(last, new Float64Array(200)))).toBe(0.5);
    });
  }

  it('identical start keeps the hidden units bitwise equal under SGD', () => {
    const t = train(quizModel(data, { loss: 'logistic' }), { init: { kind: 'identical' }, optimizer: 'sgd', epochs: 10, lr: 0.05 });
    expect(unitsIdenticalAt(t, t.rows - 1)).toBe(true);
  });
  it('a random start learns the teacher’s labels better than chance', () => {
    const model = quizModel(data, { loss: 'logistic' });
    const t = train(model, { init: { kind: 'he' }, optimizer: 'sgd', epochs: 20, lr: 0.05 });
    const last = t.params.subarray((t.rows - 1) * t.nParams);
    expect(accuracy(data, model.predict(last, new Float64Array(200)))).toBeGreaterThan(0.8);
    expect(t.gapIn[t.rows - 1]).toBeGreaterThan(0);
  });
  it('rejects an unknown loss or odd n, naming the field', () => {
    expect(() => quizModel(data, { loss: 'l1' as never })).toThrow("loss must be one of logistic, hinge, squared (got 'l1')");
    expect(() => teacherData({ n: 7 })).toThrow(/samples n must be even/);
  });
});
