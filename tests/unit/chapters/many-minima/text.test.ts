import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataValue } from '../../../../src/figure/value.ts';
import { compute } from '../../../support/figures.ts';
import barrier from '../../../../src/chapters/many-minima/figures/minima-barrier.ts';
import count from '../../../../src/chapters/many-minima/figures/minima-count.ts';
import restarts from '../../../../src/chapters/many-minima/figures/minima-restarts.ts';
import slice from '../../../../src/chapters/many-minima/figures/minima-slice.ts';

// The chapter's text as the build reads it: whom it credits, which numbers it takes from which figure, what it claims.
const mdx = readFileSync('content/many-minima.mdx', 'utf8');
const [, front, body] = mdx.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/)!;
const text = body.replace(/\s+/g, ' ');
const figures = { 'minima-barrier': barrier, 'minima-count': count, 'minima-restarts': restarts, 'minima-slice': slice };
const data = Object.fromEntries(Object.entries(figures).map(([name, fig]) => [name, compute(fig)]));

describe('many-minima: sources and numbers', () => {
  it('is chapter 6 and credits the papers, the package’s algorithm and the thread it answers', () => {
    expect(front).toMatch(/^order: 6$/m);
    for (const needle of ['arxiv.org/abs/2110.06296', 'arxiv.org/abs/2209.04836', 'doi.org/10.1137/0105003', '10.1162/neco.1993.5.6.910',
      '10.1016/S0893-6080(05)80037-1', '10.1016/S0893-6080(00)00009-5', 'stats.stackexchange.com/questions/220729', 'CC BY-SA 3.0', 'munkres npm package']) {
      expect(front).toContain(needle);
    }
  });
  it('takes every number from a figure of its own, and each is a finite number there', () => {
    const values = [...body.matchAll(/<Value of="([^"]+)" at="([^"]+)"/g)].map((m) => [m[1], m[2]] as const);
    expect(values.length).toBeGreaterThan(25);
    for (const [of, at] of values) {
      expect(Object.keys(figures)).toContain(of);
      expect(Number.isFinite(dataValue(data[of], at, of))).toBe(true);
    }
    // Every figure it shows is its own and has a caption.
    const shown = [...body.matchAll(/<Figure name="([^"]+)" caption="[^"]+"/g)].map((m) => m[1]);
    expect(shown.sort()).toEqual(Object.keys(figures).sort());
  });
});

describe('many-minima: what the prose claims holds in the figures’ data', () => {
  it('sign flips and rescaling by 4 are exact; a permutation and rescaling by 3 round', () => {
    const inv = data['minima-count'].invariance as Record<string, number>;
    expect(text).toContain('the outputs agree to the last bit');
    expect([inv.flip, inv.rescale4]).toEqual([0, 0]);
    // "agree only to rounding": nonzero, and a few ulps of outputs of order 1 at most.
    expect(inv.perm).toBeGreaterThan(0);
    expect(inv.perm).toBeLessThan(1e-14);
    expect(inv.rescale3).toBeGreaterThan(0);
    expect(inv.rescale3).toBeLessThan(1e-14);
  });
  it('calls the tied point a saddle only here, credits the dichotomy, and θ is a strict minimum', () => {
    expect(text).toContain('so here it is a saddle');
    expect(text).toMatch(/Fukumizu and Amari \(2000\) show that .{0,120}can hold local minima/);
    expect(front).toContain('holds local minima or only saddles');
    const d = data['minima-slice'] as unknown as { minEig: number; zeroEig: number; thetaEig: number };
    expect(d.minEig).toBeLessThan(0);
    expect(Math.abs(d.zeroEig)).toBeLessThan(1e-8);
    expect(d.thetaEig).toBeGreaterThan(0);
  });
  it('never says zero or coinciding units give fewer weight vectors with the function', () => {
    expect(text).not.toMatch(/fewer (distinct )?weight vectors/);
    expect(text).toContain('infinitely many weight vectors with the function');
    expect(text).toContain('no two units have $(w_i, b_i) = \\pm(w_j, b_j)$');
  });
  it('states the paper’s conjecture without a width claim, and ours as a small check, not a reproduction', () => {
    expect(text).toMatch(/Entezari et al\. \(2022\) conjectured that, once permutation invariance is taken into account/);
    expect(text + front).not.toMatch(/observ\w* that the barrier/);
    expect(text).toContain('not a reproduction of their numbers');
    expect(text).not.toMatch(/(prove[sd]?|showed) that .{0,40}(zero|no) barrier/);
    // "small but not zero" at 256 units, and smaller than at 4.
    const w = data['minima-barrier'].byWidth as { after: number }[];
    expect(text).toContain('at <Value of="minima-barrier" at="widths.3" /> units it is small but not zero');
    expect(data['minima-barrier'].widths).toEqual([4, 16, 64, 256]);
    // "From lowersFrom units on … lowered the barrier of every pair" and "raised the barrier in N": both numbers from the data.
    expect(text).toContain('From <Value of="minima-barrier" at="lowersFrom" /> units on, matching lowered the barrier of every pair');
    expect(text).toContain('matching raised the barrier in <Value of="minima-barrier" at="byWidth.0.raised" />');
    expect(w[3].after).toBeGreaterThan(0);
    expect(w[3].after).toBeLessThan(w[0].after);
  });
  it('says which paper defines the barrier which way, and which one the numbers use', () => {
    expect(text).toMatch(/Entezari et al\. \(2022\) take the largest rise of the loss above the straight line between the end losses/);
    expect(text).toMatch(/Ainsworth et al\. \(2023\) take the highest loss on the path minus the mean of the two ends' losses/);
    expect(text).toContain('Every number below uses the second, the highest loss minus the mean of the ends; the CSV has both.');
    expect(front).toContain('github.com/samuela/git-re-basin');
  });
  it('types no setup constant: the decay, tolerance, threshold, training set and test grid come from the code', () => {
    const setup = data['minima-restarts'].setup as Record<string, number>;
    expect(setup).toEqual({ decay: 1e-4, tol: 1e-11, sameFunction: 1e-6, trainN: 40, trainLo: -2, trainHi: 2, testN: 201, testLo: -2.5, testHi: 2.5 });
    for (const key of Object.keys(setup)) expect(text).toContain(`<Value of="minima-restarts" at="setup.${key}"`);
    for (const typed of ['10^{-4}', '10^{-11}', '10^{-6}', '201 test', '40 points', '[-2.5, 2.5]', '[-2, 2]', 'M \\le 5', 'on 50 random']) expect(text).not.toContain(typed);
  });
  it('says what ReLU shows in the restarts: no flips, balance by the decay, kinks on inputs, split units', () => {
    expect(text).toContain('at a minimum of $J$ every unit is balanced');
    expect(text).toContain('one unit split in two');
    expect(text).toContain('reports the smallest subgradient');
  });
  it('uses the munkres package for the assignment, not a hand-written Hungarian algorithm', () => {
    const match = readFileSync('src/chapters/many-minima/match.ts', 'utf8');
    expect(match).toMatch(/from 'munkres'/);
    expect(text).toContain('which the `munkres` package solves by the Hungarian algorithm');
  });
});
