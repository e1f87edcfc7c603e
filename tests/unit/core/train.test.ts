import { describe, expect, it } from 'vitest';
import { regressionData } from '../../../src/core/datasets.ts';
import { linearModel } from '../../../src/chapters/identical-twins/linear.ts';
import { mlpModel } from '../../../src/core/mlp.ts';
import { quizModel, teacherData } from '../../../src/chapters/zero-init-quiz/network.ts';
import { LOSS_BOUND, train, type Trace } from '../../../src/core/train.ts';

const bytes = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && bytes(a).every((v, i) => v === bytes(b)[i]);
const arrays = (t: Trace) => [t.params, t.loss, t.gradNorm, t.gradNormIn, t.gradNormOut, t.gapIn, t.gapOut];
const allFinite = (t: Trace) => arrays(t).every((a) => a.every(Number.isFinite));

const data = regressionData({ n: 32, k: 2, teacher: 'tanh', seed: 1 });
const model = mlpModel(data, { d: 3, activation: 'tanh' });

describe('train', () => {
  for (const optimizer of ['gd', 'sgd'] as const) {
    it(`same seed ⇒ bitwise-identical trace (${optimizer})`, () => {
      const o = { init: { kind: 'normal' as const }, optimizer, lr: 0.05, steps: 400, seed: 9 };
      const a = train(model, o);
      const b = train(mlpModel(data, { d: 3, activation: 'tanh' }), o);
      arrays(a).forEach((x, i) => expect(sameBits(x, arrays(b)[i])).toBe(true));
      const c = train(model, { ...o, seed: 10 });
      expect(sameBits(a.params, c.params)).toBe(false);
    });
  }
  it('records steps + 1 rows, step-major, starting from the initial parameters', () => {
    const t = train(model, { init: { kind: 'constant', c: 0.25 }, lr: 0.05, steps: 7 });
    expect(t.rows).toBe(8);
    expect(t.params.length).toBe(8 * t.nParams);
    expect(t.params.subarray(0, t.nParams).every((v) => v === 0.25)).toBe(true);
    expect(t.loss.length).toBe(8);
    expect(t.loss[7]).toBeLessThan(t.loss[0]);
  });
  it('SGD: epochs × ⌈n / batch⌉ steps, and with monitor "full" the same loss as gd at the start', () => {
    const t = train(model, { init: { kind: 'normal' }, optimizer: 'sgd', epochs: 3, batchSize: 5, monitor: 'full' });
    expect(t.rows).toBe(3 * 7 + 1);
    const g = train(model, { init: { kind: 'normal' }, steps: 1 });
    expect(t.loss[0]).toBe(g.loss[0]);
    expect(t.gradNorm[0]).toBe(g.gradNorm[0]);
    const b = train(model, { init: { kind: 'normal' }, optimizer: 'sgd', epochs: 3, batchSize: 5 });
    expect(sameBits(b.params, t.params)).toBe(true); // monitoring never changes the run
    expect(b.loss[0]).not.toBe(t.loss[0]); // default sgd monitor: the loss of the first batch
    expect(b.loss[21]).toBe(t.loss[21]); // the last row is always full-data
  });
  it('a huge learning rate stops with "diverged at step k" and an all-finite trace', () => {
    for (const lr of [5, 50, 1e6]) {
      const t = train(linearModel(regressionData({}), { d: 4 }), { init: { kind: 'normal' }, lr, steps: 300 });
      expect(t.diverged).not.toBeNull();
      expect(t.diverged!.message).toBe(`diverged at step ${t.diverged!.step}`);
      expect(t.rows).toBe(t.diverged!.step);
      expect(t.params.length).toBe(t.rows * t.nParams);
      expect(allFinite(t)).toBe(true);
      expect(t.loss.every((l) => l <= LOSS_BOUND)).toBe(true);
    }
  });
  it('a stable run reports no divergence', () => {
    expect(train(model, { init: { kind: 'normal' }, lr: 0.05 }).diverged).toBeNull();
  });
  it('rejects bad options with messages naming the field', () => {
    const init = { kind: 'normal' as const };
    expect(() => train(model, { init, lr: NaN })).toThrow('learning rate η must be a positive finite number (got NaN)');
    expect(() => train(model, { init, lr: -0.1 })).toThrow(/learning rate η/);
    expect(() => train(model, { init, steps: 1.5 })).toThrow('steps must be a positive integer (got 1.5)');
    expect(() => train(model, { init, optimizer: 'adam' as never })).toThrow("optimizer must be one of gd, sgd (got 'adam')");
    expect(() => train(model, { init, optimizer: 'sgd', batchSize: 33 })).toThrow(/batch size must be at most/);
    expect(() => train(model, { init, seed: 0.5 })).toThrow('seed must be an integer (got 0.5)');
    expect(() => train(model, { init, epochs: 2, steps: 3 })).toThrow(/steps cannot be given together with epochs/);
    expect(() => train(model, { init: new Float64Array(3) })).toThrow(/init vector must have 13 entries/);
    expect(() => train(model, { init, monitor: 'some' as never })).toThrow(/monitor must be one of full, batch/);
  });
  it('rejects data that does not fit the network', () => {
    const q = teacherData({ n: 10 });
    expect(() => quizModel({ ...q, m: 2 }, { loss: 'hinge' })).toThrow("data m must equal the network's outputs m = 1 (got 2)");
    expect(() => quizModel({ ...q, Y: q.Y.map((y) => (y + 1) / 2) }, { loss: 'hinge' })).toThrow(/data Y labels must be −1 or \+1 \(got 0\)/);
    expect(() => mlpModel({ ...q, Y: q.Y.subarray(1) }, { d: 2, activation: 'tanh' })).toThrow(/data Y must have n·m = 10 entries/);
    expect(() => mlpModel({ ...q, X: q.X.map((v, i) => (i === 3 ? NaN : v)) }, { d: 2, activation: 'tanh' })).toThrow('data X must be finite (got NaN)');
  });
});
