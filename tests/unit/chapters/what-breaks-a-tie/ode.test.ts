import { describe, expect, it } from 'vitest';
import { dopri } from '../../../../src/chapters/what-breaks-a-tie/ode.ts';

describe('Dormand–Prince', () => {
  it('integrates y′ = −y and a harmonic oscillator to about its tolerance', () => {
    const { samples } = dopri((y, o) => { o[0] = -y[0]; }, Float64Array.of(1), 5, 1e-10, [0, 2.5, 5]);
    expect(samples.length).toBe(3);
    // Global error of a 5th-order method at per-step tolerance 1e-10 over a few dozen steps.
    expect(Math.abs(samples[2][0] - Math.exp(-5))).toBeLessThan(1e-9);
    const osc = dopri((y, o) => { o[0] = y[1]; o[1] = -y[0]; }, Float64Array.of(1, 0), 10, 1e-10, [10]);
    expect(Math.abs(osc.samples[0][0] - Math.cos(10))).toBeLessThan(1e-8);
  });
  it('its error shrinks with its tolerance', () => {
    const err = (tol: number) => Math.abs(dopri((y, o) => { o[0] = y[1]; o[1] = -y[0]; }, Float64Array.of(1, 0), 10, tol, [10]).samples[0][0] - Math.cos(10));
    expect(err(1e-10)).toBeLessThan(err(1e-6) / 100);
  });
});
