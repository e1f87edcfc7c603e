import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compute } from '../../../support/figures.ts';
import twoUnits from '../../../../src/chapters/prelude/figures/two-units.ts';

const mdx = readFileSync('content/prelude.mdx', 'utf8');
const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
const front = mdx.match(/^---\n([\s\S]*?)\n---\n/)![1];

describe('prelude: text', () => {
  it('scopes the bit-for-bit tie to this site’s code, not to floating point', () => {
    expect(body).toMatch(/That is a property of this code,\s+not of floating point/);
  });

  it('credits the thread with title, URL, the name its copy shows and a licence version', () => {
    expect(front).toContain('url: https://math.techqa.club/why-doesn-t-optimization-result-in-the-same-weights-for-all-neurons-in-the-same-layer-4714549');
    expect(front).toMatch(/authors: Bumbble Comm/);
    expect(front).toMatch(/— Mathematics Stack Exchange, question 4714549"/);
    expect(front).toMatch(/license: CC BY-SA 4\.0/);
  });

  it('ends with a take-away of three to five sentences and two exercises, one of them numeric', () => {
    const take = body.match(/## What to take away\n\n([\s\S]*?)\n## Exercises\n/);
    expect(take).not.toBeNull();
    const sentences = take![1].trim().split(/(?<=[.!?])\s+/).filter(Boolean);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
    const after = body.slice(body.indexOf('## Exercises'));
    expect(after.match(/<Exercise title="[^"]+">/g)).toHaveLength(2);
    expect(after).not.toMatch(/\n## /);
    expect(after).toContain('<Answer of="two-units" at="startGrad.w1">');
  });

  it('the worked answer’s arithmetic is the figure’s default start and the code’s gradient there', () => {
    const d = compute(twoUnits) as ReturnType<typeof twoUnits.compute>;
    // The answer works with w = 0.3, v = 0.5, x = 1, y = 2: f = 0.3, 2(f − y) = −3.4, ∂L/∂w₁ = −1.7.
    expect(d.start).toEqual({ w1: 0.3, w2: 0.3, v1: 0.5, v2: 0.5, x: 1, y: 2 });
    expect(d.startGrad.w1).toBeCloseTo(-1.7, 14);
    expect(d.startGrad.w2).toBe(d.startGrad.w1);
    expect(body).toMatch(/2 \\cdot 0\.5 \\cdot 0\.3 = 0\.3\$, so \$2\\,\(f - y\) = -3\.4\$/);
  });
});
