import { describe, expect, it } from 'vitest';
import { seedCounts, trainRules } from '../../../../src/chapters/how-big-a-random-start/training.ts';

const spec = { L: 12, n: 10, act: 'relu' as const, steps: 400, lr: 0.03, B: 10, sigma2: 1, seed: 1, examples: 100 };

describe('trainRules', () => {
  it('a start 1000× too small stays on its plateau and one 6× too large diverges; losses are finite', () => {
    const [he] = trainRules(spec, ['he'], 20);
    const [tiny] = trainRules({ ...spec, sigma2: 2e-3 }, ['free'], 20);
    // 12 layers each scaling the mean square by 1e-3: the output's RMS starts near 1e-18, so SGD cannot move in 400 steps.
    expect(tiny.outcome).toBe('plateau');
    // σ² = 12 multiplies a ReLU layer's mean square by 6: the output starts ~6⁶ ≈ 5e4 times larger in RMS.
    const [huge] = trainRules({ ...spec, sigma2: 12 }, ['free'], 20);
    expect(huge.outcome).toBe('diverges');
    for (const r of [he, tiny, huge]) for (const p of r.losses) expect(Number.isFinite(p.loss)).toBe(true);
  });

  it('reports progress after each rule and draws the same weights for every rule (LeCun and deeplearning.ai’s “Xavier” give one run)', () => {
    const seen: number[] = [];
    const [a, b] = trainRules({ ...spec, steps: 60 }, ['lecun', 'dlai'], 20, (done) => seen.push(done));
    expect(seen).toEqual([0.5, 1]);
    expect(b.losses).toEqual(a.losses);
  });

  it('seedCounts counts each seed’s outcome once per rule, as trainRules gives it seed by seed', () => {
    const s = { ...spec, steps: 60 };
    const counts = seedCounts(s, ['he', 'free'], 3);
    for (const c of counts) expect(c.trains + c.plateau + c.diverges).toBe(3);
    const direct = [1, 2, 3].flatMap((seed) => trainRules({ ...s, seed }, ['he', 'free'], 60));
    expect(counts[0].trains).toBe(direct.filter((r) => r.rule === 'he' && r.outcome === 'trains').length);
    expect(counts[1].plateau).toBe(direct.filter((r) => r.rule === 'free' && r.outcome === 'plateau').length);
  });
});
