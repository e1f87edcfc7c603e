import { describe, expect, it } from 'vitest';
import { logAxis, logExtent, logFormat, logTicks, pow10 } from '../../../src/figure/axes.ts';

describe('one axis language', () => {
  it('writes powers of ten with superscripts and other numbers plainly', () => {
    expect([1e-5, 1e-12, 1, 10, 1000].map(pow10)).toEqual(['10⁻⁵', '10⁻¹²', '10⁰', '10¹', '10³']);
    expect(pow10(0.5)).toBe('0.5');
    expect(pow10(2e-7)).toBe('2.00e-7');
  });
  it('ticks a wide log axis at powers of ten only, thinned to a handful', () => {
    expect(logTicks(1e-5, 1)).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
    const long = logTicks(1e-16, 10);
    expect(long.length).toBeLessThanOrEqual(6);
    expect(long.every((t) => /^10/.test(pow10(t)))).toBe(true);
    expect(long[0]).toBe(1e-16);
  });
  it('adds 2s and 5s only where fewer than two powers fall inside', () => {
    expect(logTicks(0.15, 0.9)).toEqual([0.2, 0.5]);
    expect(logTicks(3, 60)).toEqual([5, 10, 20, 50]);
    expect(logFormat(logTicks(3, 60))(20)).toBe('20');
    expect(logFormat(logTicks(1e-4, 1))(1e-4)).toBe('10⁻⁴');
  });
  it('gives Plot a log scale with its ticks and format', () => {
    const a = logAxis('loss', [1e-6, 1e-1], { grid: true });
    expect(a).toMatchObject({ type: 'log', label: 'loss', domain: [1e-6, 1e-1], grid: true });
    expect(a.ticks.map(a.tickFormat)).toEqual(['10⁻⁶', '10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹']);
  });
  it('reads a log domain off data, skipping zeros and non-finite values', () => {
    expect(logExtent([0, 3, Infinity, 1e-4, NaN, -2])).toEqual([1e-4, 3]);
    expect(logExtent([])).toEqual([1e-3, 1]);
  });
});
