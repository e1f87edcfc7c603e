import { describe, expect, it } from 'vitest';
import { SETUP, tieData } from '../../../../src/chapters/what-breaks-a-tie/mechanisms.ts';
import { lossGrad, size, unitGap } from '../../../../src/chapters/what-breaks-a-tie/net.ts';
import { predictedThreshold, retieSweep, unit } from '../../../../src/chapters/what-breaks-a-tie/retie.ts';
import { flipGap, UNTIED, untiedRun, untiedStarts } from '../../../../src/chapters/what-breaks-a-tie/untied.ts';

const s = { k: SETUP.k, d: SETUP.d };
const data = tieData();
const loss = (p: Float64Array) => lossGrad('tanh', s, p, { X: data.X, Y: data.Y, rows: Int32Array.from({ length: data.n }, (_, i) => i) }, new Float64Array(size(s)));

describe('untied starts under weight decay', () => {
  it('negating a tanh unit leaves the loss unchanged, so a point with unit₂ = −unit₁ is a tie in disguise', () => {
    for (const p of untiedStarts()) {
      const q = p.slice();
      unit(1).forEach((i) => (q[i] = -p[i]));
      // tanh(−z) = −tanh(z) exactly in our tanh and (−v)(−h) = vh exactly: the loss is equal bit for bit.
      expect(loss(q)).toBe(loss(p));
    }
  });
  const threshold = predictedThreshold(retieSweep())!;
  it('well above the threshold every untied start ends on one of the two ties, to rounding; both kinds occur', () => {
    const runs = untiedStarts().map((p) => untiedRun(0.1, p, 3000));
    expect(0.1).toBeGreaterThan(threshold);
    for (const r of runs) expect(Math.min(r.gap, r.flip)).toBeLessThan(UNTIED.tieGap);
    expect(new Set(runs.map((r) => r.verdict))).toEqual(new Set(['tie', 'flipped tie']));
  });
  it('below the threshold no start ends on a tie and no unit dies: both units keep a size near 1', () => {
    const runs = untiedStarts().map((p) => untiedRun(0.04, p, 3000));
    expect(0.04).toBeLessThan(threshold);
    for (const r of runs) {
      expect(r.verdict).toBe('apart');
      // A dead unit would end at size ~0; these keep most of a size-1 unit.
      expect(r.smallestUnit).toBeGreaterThan(0.5);
    }
  });
  it('just below the threshold the distinct minimum sits nearer a tie than further below', () => {
    const p = untiedStarts()[0];
    const near = (r: { gap: number; flip: number }) => Math.min(r.gap, r.flip);
    expect(near(untiedRun(threshold - 0.001, p, 3000))).toBeLessThan(near(untiedRun(0.04, p, 3000)) / 2);
  });
  it('flipGap is 0 exactly for a negated copy, and unitGap for a copy', () => {
    const p = untiedStarts()[1], q = p.slice(), c = p.slice();
    unit(1).forEach((i, a) => ((q[i] = -p[unit(0)[a]]), (c[i] = p[unit(0)[a]])));
    expect(flipGap(q)).toBe(0);
    expect(unitGap(s, c)).toBe(0);
  });
});
