import * as Plot from '@observablehq/plot';
import type { FigureModule } from '../../../figure/types.ts';
import { palette } from '../../../figure/palette.ts';
import { mlpModel, paramsAt, regressionData, startParams, train } from '../../../core/index.ts';
import { chainFactors, exampleCentralDiff, type ChainFactors } from '../inspect.ts';

const data = regressionData({ n: 32, k: 2, teacher: 'tanh' });
const model = mlpModel(data, { d: 2, activation: 'tanh' });
const L = model.layout;
const SEED = 3;

// Helpers live here, not in a shared file: every .ts in src/figures is treated as a figure.
const fmt = (x: number, digits = 4) => {
  const a = Math.abs(x);
  const s = a !== 0 && (a < 1e-3 || a >= 1e4) ? a.toExponential(digits - 1) : String(+a.toPrecision(digits));
  return x < 0 ? `−${s}` : s;
};
function table(document: Document, head: string[], rows: [string, string[]][]): HTMLTableElement {
  const t = document.createElement('table');
  const tr = (cells: string[], tag: 'th' | 'td') => {
    const row = document.createElement('tr');
    cells.forEach((c, i) => {
      const cell = document.createElement(i === 0 || tag === 'th' ? 'th' : 'td');
      if (i === 0 && tag === 'td') cell.setAttribute('scope', 'row');
      if (i === 0) cell.setAttribute('style', 'white-space: nowrap; text-align: left');
      if (tag === 'th') cell.setAttribute('scope', 'col');
      cell.textContent = c;
      row.append(cell);
    });
    return row;
  };
  const thead = document.createElement('thead');
  thead.append(tr(head, 'th'));
  const body = document.createElement('tbody');
  for (const [label, cells] of rows) body.append(tr([label, ...cells], 'td'));
  t.append(thead, body);
  return t;
}

/** Gradient inspector: ∂L/∂W₁₁ and ∂L/∂W₁₂ factor by factor, stepped through SGD one example at a time. */
const figure: FigureModule = {
  code: ['chapters/w11-and-w12/inspect.ts#chainFactors', 'chapters/w11-and-w12/inspect.ts#exampleCentralDiff', 'core/mlp.ts#mlpModel'],
  controls: [
    { kind: 'select', name: 'start', label: 'Start', value: 'identical', options: [
      { value: 'identical', label: 'identical units' }, { value: 'random', label: 'random units' }] },
    { kind: 'range', name: 'lr', label: 'Learning rate α', min: 0.01, max: 0.5, step: 0.01, value: 0.1 },
    { kind: 'button', name: 'step', label: 'Step one example' },
  ],
  render(params, document, ctx) {
    let steps = Number(ctx.state.steps ?? 0);
    if (params.action === 'step') steps++;
    ctx.state.steps = steps;
    const lr = Number(params.lr);
    const init = params.start === 'random' ? ({ kind: 'normal' } as const) : ({ kind: 'identical' } as const);
    // SGD, batch 1, no shuffle: step s uses example s mod n, so the state after s steps is reproducible.
    const t = steps > 0 ? train(model, { init, optimizer: 'sgd', batchSize: 1, shuffle: false, lr, steps, seed: SEED }) : null;
    const s = t ? t.rows - 1 : 0;
    const p = t ? Float64Array.from(paramsAt(t, s)) : startParams(model, init, SEED);
    const e = s % data.n;
    const f = [0, 1].map((j) => chainFactors(L, data, p, e, 0, j));
    const num = [0, 1].map((j) => exampleCentralDiff(model, p, e, L.iW + j));
    const next = f.map((g, j) => p[L.iW + j] - lr * g.chain);
    const same = Object.is(f[0].chain, f[1].chain) && Object.is(p[L.iW], p[L.iW + 1]);

    const node = document.createElement('div');
    const para = (text: string) => {
      const el = document.createElement('p');
      el.textContent = text;
      return el;
    };
    const head = para(`After ${s} SGD step${s === 1 ? '' : 's'}. Next example #${e}: x₁ = ${fmt(f[0].x)}, x₂ = ${fmt(data.X[2 * e + 1])}, ` +
      `t = ${fmt(f[0].t)}; the network outputs o = ${fmt(f[0].o)}, so t − o = ${fmt(f[0].t - f[0].o)}.`);
    const col = (get: (g: ChainFactors, j: number) => string) => f.map(get);
    const rows: [string, string[]][] = [
      ['W₁ⱼ now', col((_, j) => fmt(p[L.iW + j]))],
      ['hⱼ = tanh(zⱼ)', col((g) => fmt(g.h))],
      ['∂L/∂o = −2(t − o)', col((g) => fmt(g.dLdo))],
      ['∂o/∂hⱼ = Vⱼ', col((g) => fmt(g.dodh))],
      ['∂hⱼ/∂zⱼ = 1 − hⱼ²', col((g) => fmt(g.dhdz))],
      ['∂zⱼ/∂W₁ⱼ = x₁', col((g) => fmt(g.dzdW))],
      ['∂L/∂W₁ⱼ = product', col((g) => fmt(g.chain))],
      ['W₁ⱼ − α·∂L/∂W₁ⱼ', col((g, j) => `${fmt(p[L.iW + j])} − ${lr}·(${fmt(g.chain)}) = ${fmt(next[j])}`)],
    ];
    // The thread's formula with today's numbers, beside the loss-only estimate.
    const sub = ['₁', '₂'];
    const formulas = f.map((g, j) => para(`∂L/∂W₁${sub[j]} = 2·V${sub[j]}·(t − o)·x₁·(h${sub[j]}² − 1) = ` +
      `2·(${fmt(g.V)})·(${fmt(g.t - g.o)})·(${fmt(g.x)})·(${fmt(g.h * g.h)} − 1) = ${fmt(g.answer)}; ` +
      `central difference [L(W₁${sub[j]} + ε) − L(W₁${sub[j]} − ε)] / 2ε with ε = 10⁻⁵: ${fmt(num[j])} (they differ by ${fmt(Math.abs(num[j] - g.answer), 1)}).`));
    const verdict = para(same
      ? 'Unit 1 and unit 2 hold the same numbers in every row, bit for bit: W₁₁ and W₁₂ get the same update.'
      : `The columns differ because Vⱼ and hⱼ differ; the two updates differ by ${fmt(lr * Math.abs(f[0].chain - f[1].chain))}.`);

    const hist = [];
    for (let r = 0; r <= s; r++) for (const j of [0, 1]) hist.push({ step: r, unit: j + 1, w: t ? t.params[r * L.size + L.iW + j] : p[L.iW + j] });
    const nextRows = next.map((w, j) => ({ step: s + 1, unit: j + 1, w }));
    const stroke = (r: { unit: number }) => palette[r.unit - 1];
    const chart = Plot.plot({
      document, width: 640, height: 170, marginLeft: 50, marginRight: 110,
      ariaLabel: `W11 and W12 over ${s} SGD steps`,
      x: { label: 'SGD step', domain: [0, Math.max(10, s + 1)] },
      y: { label: 'W₁ⱼ', grid: true },
      marks: [
        Plot.line(hist.filter((r) => r.unit === 1), { x: 'step', y: 'w', stroke: palette[0], strokeWidth: 2 }),
        Plot.line(hist.filter((r) => r.unit === 2), { x: 'step', y: 'w', stroke: palette[1], strokeWidth: 2, strokeDasharray: '5 4' }),
        Plot.dot(hist, { x: 'step', y: 'w', fill: stroke, r: 2 }),
        Plot.dot(nextRows, { x: 'step', y: 'w', stroke, r: 5, symbol: (r: { unit: number }) => (r.unit === 1 ? 'circle' : 'triangle') }),
        Plot.text(nextRows.slice(same ? 1 : 0), { x: 'step', y: 'w', dx: 9, textAnchor: 'start',
          text: (r) => (same ? 'W₁₁ = W₁₂ next' : `W₁${sub[r.unit - 1]} next`) }),
      ],
    }) as unknown as Element;
    const tbl = table(document, ['factor', 'unit 1: W₁₁', 'unit 2: W₁₂'], rows);
    tbl.setAttribute('style', 'font-size: 0.9em; font-variant-numeric: tabular-nums');
    node.append(head, tbl, ...formulas, verdict, chart);
    return {
      node,
      alt: `Gradient inspector after ${s} SGD steps from ${params.start} units: ∂L/∂W₁₁ = ${fmt(f[0].chain)} and ∂L/∂W₁₂ = ${fmt(f[1].chain)}` +
        ` from the chain rule, against central differences ${fmt(num[0])} and ${fmt(num[1])}; ${same ? 'the two units are identical' : 'the two units differ'}.`,
      rows: rows.map(([factor, [u1, u2]]) => ({ factor, unit1: u1, unit2: u2 })),
      note: t?.diverged ? `${t.diverged.message}: showing the last finite state; lower the learning rate.` : undefined,
    };
  },
};
export default figure;
