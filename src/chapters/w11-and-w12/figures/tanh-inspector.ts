import * as Plot from '@observablehq/plot';
import { mlpModel, paramsAt, regressionData, startParams, train } from '../../../core/index.ts';
import { defineFigure } from '../../../figure/define.ts';
import { row, stack, table } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { network } from '../../../figure/network.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { chainFactors, exampleCentralDiff, mirrorStart } from '../inspect.ts';

const data = regressionData({ n: 32, k: 2, teacher: 'tanh' });
const model = mlpModel(data, { d: 2, activation: 'tanh' });
const L = model.layout;
const SEED = 3;
const SUB = ['₁', '₂'];
const NET_W = 220;
// The inspector shows four significant digits: enough to see two gradients agree to the last one.
const fmt4 = (x: number) => fmt(x, 4);

/** Gradient inspector: ∂L/∂W₁₁ and ∂L/∂W₁₂ factor by factor, stepped through SGD one example at a time. */
export default defineFigure({
  code: ['chapters/w11-and-w12/inspect.ts#chainFactors', 'chapters/w11-and-w12/inspect.ts#exampleCentralDiff', 'chapters/w11-and-w12/inspect.ts#mirrorStart',
    'core/mlp.ts#mlpModel'],
  controls: {
    start: { kind: 'select', label: 'Start', value: 'identical', options: [
      { value: 'identical', label: 'identical units' }, { value: 'random', label: 'random units' },
      { value: 'mirror', label: 'mirror: unit 2 = −unit 1 (W, b), V₂ = V₁' }] },
    lr: { kind: 'range', label: 'Learning rate η', min: 0.01, max: 0.5, step: 0.01, value: 0.1 },
  },
  // The reader's SGD steps so far: the button is the only thing that changes it.
  state: () => ({ steps: 0 }),
  actions: {
    step: { label: 'Step one example', apply: (state) => ({ steps: state.steps + 1 }) },
  },
  compute({ start, lr }, { state }) {
    // The mirror start is the random start with unit 2 replaced by −unit 1 (incoming weights and bias), V₂ = V₁.
    const init = start === 'mirror' ? mirrorStart(L, startParams(model, { kind: 'normal' }, SEED))
      : start === 'random' ? ({ kind: 'normal' } as const) : ({ kind: 'identical' } as const);
    // SGD, batch 1, no shuffle: step s uses example s mod n, so the state after s steps is reproducible.
    const t = state.steps > 0 ? train(model, { init, optimizer: 'sgd', batchSize: 1, shuffle: false, lr, steps: state.steps, seed: SEED }) : null;
    const s = t ? t.rows - 1 : 0;
    const p = t ? Float64Array.from(paramsAt(t, s)) : startParams(model, init, SEED);
    const e = s % data.n;
    const factors = [0, 1].map((j) => chainFactors(L, data, p, e, 0, j));
    const numeric = [0, 1].map((j) => exampleCentralDiff(model, p, e, L.iW + j));
    const W = [0, 1].map((j) => p[L.iW + j]);
    const next = factors.map((g, j) => W[j] - lr * g.chain);
    // Bitwise equal W gradients; and "same": the units themselves are equal too (W, b and V).
    const gradsEqual = Object.is(factors[0].chain, factors[1].chain);
    const same = gradsEqual && Object.is(W[0], W[1]) && Object.is(p[L.iW + 2], p[L.iW + 3]) && Object.is(p[L.ib], p[L.ib + 1]) && Object.is(p[L.iW2], p[L.iW2 + 1]);
    // W₁₁ and W₁₂ after every step so far, and where the next step puts them.
    const hist: { step: number; unit: number; w: number }[] = [];
    for (let r = 0; r <= s; r++) for (const j of [0, 1]) hist.push({ step: r, unit: j + 1, w: t ? t.params[r * L.size + L.iW + j] : p[L.iW + j] });
    const nextRows = next.map((w, j) => ({ step: s + 1, unit: j + 1, w }));
    const col = (get: (j: number) => string) => [get(0), get(1)];
    const factorRows: [string, string[]][] = [
      ['W₁ⱼ now', col((j) => fmt4(W[j]))],
      ['hⱼ = tanh(zⱼ)', col((j) => fmt4(factors[j].h))],
      ['∂L/∂o = −2(t − o)', col((j) => fmt4(factors[j].dLdo))],
      ['∂o/∂hⱼ = Vⱼ', col((j) => fmt4(factors[j].dodh))],
      ['∂hⱼ/∂zⱼ = 1 − hⱼ²', col((j) => fmt4(factors[j].dhdz))],
      ['∂zⱼ/∂W₁ⱼ = x₁', col((j) => fmt4(factors[j].dzdW))],
      ['∂L/∂W₁ⱼ = product', col((j) => fmt4(factors[j].chain))],
      ['W₁ⱼ − η·∂L/∂W₁ⱼ', col((j) => `${fmt4(W[j])} − ${lr}·(${fmt4(factors[j].chain)}) = ${fmt4(next[j])}`)],
      ['∂L/∂Vⱼ = −2(t − o)·hⱼ', col((j) => fmt4(factors[j].dLdV))],
    ];
    return {
      rows: factorRows.map(([factor, [u1, u2]]) => ({ factor, unit1: u1, unit2: u2 })),
      steps: s,
      example: e,
      x2: data.X[2 * e + 1],
      factors,
      numeric,
      W,
      next,
      same,
      gradsEqual,
      hist,
      nextRows,
      lr,
      // The whole network now, in the network mark's shape (weights[l][j][i]: unit i of layer l to unit j of l+1).
      net: {
        weights: [[0, 1].map((j) => [p[L.iW + j], p[L.iW + L.d + j]]), [[p[L.iW2], p[L.iW2 + 1]]]],
        biases: [[p[L.ib], p[L.ib + 1]], [p[L.ib2]]],
      },
      alt: `Gradient inspector after ${s} SGD steps from ${start === 'mirror' ? 'the mirror start' : `${start} units`}: ∂L/∂W₁₁ = ${fmt4(factors[0].chain)} and ∂L/∂W₁₂ = ${fmt4(factors[1].chain)}` +
        ` from the chain rule, against central differences ${fmt4(numeric[0])} and ${fmt4(numeric[1])}; ` +
        (same ? 'the two units are identical.'
          : gradsEqual ? `the units differ (W₁₁ = ${fmt4(W[0])}, W₁₂ = ${fmt4(W[1])}, h₁ = ${fmt4(factors[0].h)}, h₂ = ${fmt4(factors[1].h)}, V₁ = V₂ = ${fmt4(factors[0].V)}) ` +
            `yet the two W gradients are equal, bit for bit; the V gradients are opposite: ∂L/∂V₁ = ${fmt4(factors[0].dLdV)}, ∂L/∂V₂ = ${fmt4(factors[1].dLdV)}.`
            : 'the two units differ, and so do their gradients.'),
      note: t?.diverged ? `${t.diverged.message}: showing the last finite state; lower the learning rate.` : undefined,
    };
  },
  draw({ rows, steps: s, example: e, x2, factors: f, numeric: num, same, gradsEqual, hist, nextRows, lr, net }, document, view) {
    const head = `After ${s} SGD step${s === 1 ? '' : 's'}. Next example #${e}: x₁ = ${fmt4(f[0].x)}, x₂ = ${fmt4(x2)}, ` +
      `t = ${fmt4(f[0].t)}; the network outputs o = ${fmt4(f[0].o)}, so t − o = ${fmt4(f[0].t - f[0].o)}.`;
    const tbl = table(document, { head: ['factor', 'unit 1: W₁₁', 'unit 2: W₁₂'], rows: rows.map((r) => [r.factor, r.unit1, r.unit2]), rowHeads: true });
    tbl.setAttribute('style', 'font-size: 0.9em; font-variant-numeric: tabular-nums');
    for (const tr of tbl.querySelectorAll('tr')) tr.firstElementChild?.setAttribute('style', 'white-space: nowrap; text-align: left');
    // The thread's formula with today's numbers, beside the loss-only estimate.
    const formulas = f.map((g, j) => `∂L/∂W₁${SUB[j]} = 2·V${SUB[j]}·(t − o)·x₁·(h${SUB[j]}² − 1) = ` +
      `2·(${fmt4(g.V)})·(${fmt4(g.t - g.o)})·(${fmt4(g.x)})·(${fmt4(g.h * g.h)} − 1) = ${fmt4(g.answer)}; ` +
      `central difference [L(W₁${SUB[j]} + ε) − L(W₁${SUB[j]} − ε)] / 2ε with ε = 10⁻⁵: ${fmt4(num[j])} (they differ by ${fmt(Math.abs(num[j] - g.answer), 1)}).`);
    const verdict = same
      ? 'Unit 1 and unit 2 hold the same numbers in every row, bit for bit (this page computes each unit in its own scalar loop, in the same order): W₁₁ and W₁₂ get the same update.'
      : gradsEqual
        ? `The units differ (W₁₂ = −W₁₁, h₂ = −h₁), yet ∂L/∂W₁₁ = ∂L/∂W₁₂ bit for bit: V₁ = V₂ and 1 − h² does not see the sign of h. ` +
          `The V gradients are opposite (${fmt4(f[0].dLdV)} and ${fmt4(f[1].dLdV)}), so after this step V₁ ≠ V₂ and the W gradients part.`
        : `The columns differ because Vⱼ and hⱼ differ; the two updates differ by ${fmt4(lr * Math.abs(f[0].chain - f[1].chain))}.`;
    const stroke = (r: { unit: number }) => palette[r.unit - 1];
    // The network beside the trace on a wide screen, under it on a phone.
    const netW = view.width < 600 ? view.width : NET_W;
    // The next points' labels go right of them while there is room; at s ≥ 9 the next step is the frame's right edge.
    const anchor = s + 1 < 7 ? 'start' as const : 'end' as const;
    const dx = anchor === 'start' ? 9 : -9;
    const chart = plot(document, {
      width: view.width < 600 ? view.width : view.width - NET_W - 16, height: 220, marginLeft: 56, marginRight: 16,
      ariaLabel: `W11 and W12 over ${s} SGD steps`,
      x: { label: 'SGD step (one example each)', domain: [0, Math.max(10, s + 1)] },
      y: { label: 'incoming weight W₁ⱼ (from x₁)', grid: true, inset: 10 },
      marks: [
        Plot.line(hist.filter((r) => r.unit === 1), { x: 'step', y: 'w', stroke: palette[0], strokeWidth: 2 }),
        Plot.line(hist.filter((r) => r.unit === 2), { x: 'step', y: 'w', stroke: palette[1], strokeWidth: 2, strokeDasharray: '5 4' }),
        Plot.dot(hist, { x: 'step', y: 'w', fill: stroke, r: 2 }),
        Plot.dot(nextRows, { x: 'step', y: 'w', stroke, r: 5, symbol: (r: { unit: number }) => (r.unit === 1 ? 'circle' : 'triangle') }),
        labels(same ? [{ text: 'W₁₁ = W₁₂ next', x: nextRows[0].step, y: nextRows[0].w, anchor, dx }]
          : nextRows.map((r, j) => ({ text: `W₁${SUB[j]} next`, x: r.step, y: r.w, anchor, dx, dy: r.w >= nextRows[1 - j].w ? -14 : 14, fill: ink(j) }))),
      ],
    });
    const drawing = network(document, {
      layers: [L.k, L.d, 1], ...net, width: netW, height: 150, labels: [['x₁', 'x₂'], ['h₁', 'h₂'], ['o']],
      title: `The network now: ${same ? 'units 1 and 2 tied' : 'units 1 and 2 differ'}; edge width and colour show each weight`,
    });
    return stack(document, [head, tbl, ...formulas, verdict, row(document, [chart, drawing])]);
  },
});
