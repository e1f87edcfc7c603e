import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

// What the chapter's text says, read from the MDX: each test fails on the text before the correctness pass.
const mdx = readFileSync('content/escaping-the-symmetric-subspace.mdx', 'utf8');
const end = mdx.indexOf('\n---', 3);
const front = mdx.slice(0, end);
const body = mdx.slice(end + 4);
/** The caption of a figure in the body. */
const caption = (name: string) => body.match(new RegExp(`<Figure name="${name}" caption="([^"]*)"`))?.[1] ?? '';
/** A section's text, from its heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const at = body.indexOf(heading);
  if (at < 0) return '';
  const level = heading.match(/^#+/)![0].length;
  const rest = body.slice(at + heading.length);
  const next = rest.search(new RegExp(`\\n#{1,${level}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

describe('escaping the symmetric subspace: the text', () => {
  test('item 14: no claim that every earlier chapter ends on one sentence', () => {
    expect(body).not.toMatch(/Every earlier chapter ends on the same sentence/);
    expect(body).toMatch(/The earlier chapters show that units which start equal get equal updates and stay equal/);
  });

  test('item 3: bitwise equality is scoped to this code, with matrix kernels named as the exception', () => {
    expect(body).toMatch(/\*\*Exact in arithmetic, bit for bit only in code that computes both units alike\.\*\*/);
    expect(body).toMatch(/a matrix kernel \(BLAS on a CPU, a GPU library\) may sum two tied rows\s+in different orders/);
    expect(caption('escape-trajectory')).toMatch(/bit-for-bit equal for the whole run in this code; with unit 2's field summed in reverse order they need not/);
    expect(caption('escape-regime')).toMatch(/exact comparison of the doubles in this site's per-unit loops/);
    expect(front).toMatch(/pytorch\.org\/docs\/stable\/notes\/numerical_accuracy\.html/);
  });

  test('item 4: the ReLU power is printed from the fit where the wait dominates, with medians and quartiles', () => {
    const relu = section('### ReLU breaks ties differently');
    expect(relu).not.toMatch(/0\.56/);
    expect(relu).toMatch(/<Value of="escape-relu" at="pEscape" digits=\{2\} \/>/);
    expect(relu).toMatch(/we report medians and quartiles/);
    expect(relu).toMatch(/<Aside type="correction" title="Why a fit over every ε gives a smaller power">/);
    expect(caption('escape-relu')).toMatch(/12 seeds per ε/);
  });

  test('items 5 and 6: the window is defined from the run; the printed 1/λ comes from the ODE and from the plateau', () => {
    expect(body).toMatch(/\*\*Measuring λ on the plateau only\.\*\*/);
    expect(body).toMatch(/<Value of="escape-trajectory" at="inverse" digits=\{3\} \/> against the ODE's\s+<Value of="escape-trajectory" at="predictedInverse"/);
    expect(body).toMatch(/The theory predicts\s+\$1\/\\lambda = \$ <Value of="escape-plateau" at="theorySlope" \/>/);
    expect(body).toMatch(/\\frac\{1\}\{2\\lambda\}\\ln N/);
    expect(caption('escape-plateau')).not.toMatch(/measured on the plateau of the runs with ε ≤ 1e-6/);
  });

  test('item 7: no line of critical points with a fixed second layer; no offset claim for Biehl, Riegler and Wöhler', () => {
    expect(body).not.toMatch(/as Biehl, Riegler and Wöhler found/);
    expect(body).not.toMatch(/it moves the offset, not the slope/);
    expect(body).toMatch(/With six seeds we cannot say that the init scale moves the offset at all\./);
    expect(body).toMatch(/<Aside type="note" title="With the second layer fixed, there is no line">/);
    expect(body).toMatch(/so an all-zero start is not stuck/);
  });

  test('item 12: fields h_k and u_n (λ is only the growth rate), the model named, ε_g defined before use, ε* derived', () => {
    expect(body).not.toMatch(/\\lambda_k|\\lambda_1 - \\lambda_2|\\lambda_l|y_n/);
    expect(body).toMatch(/h_k = w_k\\cdot x\/\\sqrt N/);
    expect(body).toMatch(/u_n = B_n\\cdot x\/\\sqrt N/);
    expect(body).toMatch(/the \*\*soft committee machine\*\*/);
    const defined = body.indexOf('The quantity we watch is the **generalisation error**');
    expect(defined).toBeGreaterThan(0);
    const firstUse = Math.min(...['\\varepsilon_g', 'ε_g'].map((t) => body.indexOf(t)).filter((i) => i >= 0));
    expect(firstUse).toBeGreaterThan(defined);
    expect(body).not.toMatch(/numerically\s+lands on/);
    expect(body).toMatch(/that is \$t = \\tfrac14\$/);
    expect(body).toMatch(/One unit of \$\\alpha\$ is \$N\$ steps/);
  });

  test('item 13: every source has a link, and every paper its venue and year in the title', () => {
    const titles = [...front.matchAll(/- title: "?([^\n]*?)"?\n/g)].map((m) => m[1]);
    const urls = [...front.matchAll(/\n\s+url: (\S+)/g)].map((m) => m[1]);
    expect(titles).toHaveLength(7);
    expect(urls).toHaveLength(7);
    for (const t of titles.slice(0, 6)) expect(t).toMatch(/\((Physical Review|Journal of Physics A|Neural Networks|Proceedings of the 38th International Conference on Machine Learning).*(19|20)\d\d\)$/);
  });

  test('item 15: "What to take away" in three to five sentences, then two or three exercises, one checked numerically', () => {
    const take = section('## What to take away').trim();
    const sentences = take.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((x) => x.trim().length > 0);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
    const exercises = section('## Exercises');
    const n = (exercises.match(/<Exercise /g) ?? []).length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(3);
    expect(exercises).toMatch(/<Answer of="escape-plateau" at="perDecade" tolerance=\{0\.02\}>/);
    expect(body.indexOf('## What to take away')).toBeLessThan(body.indexOf('## Exercises'));
  });
});
