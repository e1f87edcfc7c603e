import * as Plot from '@observablehq/plot';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { stack, table } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { RULE_LABEL, ruleVariance, type Rule } from '../rules.ts';
import { linearGains, measureGains, SHAPES, type Shape } from '../xavier.ts';

const COMPARED: readonly Rule[] = ['dlai', 'glorot', 'he'];
const BATCH = 16;

/** The "Xavier" correction: per-layer weight variances and end-to-end gains of a linear net, LeCun's 1/n_in against Glorot's. */
export default defineFigure({
  code: ['chapters/how-big-a-random-start/xavier.ts#linearGains', 'chapters/how-big-a-random-start/rules.ts#ruleVariance'],
  controls: {
    shape: { kind: 'select', label: 'Layer widths', value: 'playground', options: (Object.keys(SHAPES) as Shape[]).map((s) => ({ value: s, label: `${s}: [${SHAPES[s].join(', ')}]` })) },
    draws: { kind: 'range', label: 'Networks drawn (Monte Carlo)', min: 50, max: 1000, step: 50, value: 1000, integer: true },
  },
  worker: true,
  // About 0.1 s natively at 1000 draws and 2.3 s in QuickJS: an edited cell gets ten times that.
  cell: { limit: 25_000 },
  compute({ shape, draws }) {
    if (!(Number.isInteger(draws) && draws >= 50 && draws <= 1000) || !(shape in SHAPES)) {
      return { widths: [] as number[], layers: [], gains: [], glorotOverLecun: null, rows: [], alt: 'No run: bad shape or number of draws.', note: shape in SHAPES ? `Draws must be 50 to 1000 (got ${draws}).` : `Unknown shape ${JSON.stringify(shape)}: choose one of ${Object.keys(SHAPES).join(', ')}.` };
    }
    const widths = SHAPES[shape];
    const layers = widths.slice(1).map((nOut, l) => ({ layer: l + 1, nIn: widths[l], nOut, dlai: ruleVariance('dlai', widths[l], nOut), glorot: ruleVariance('glorot', widths[l], nOut), he: ruleVariance('he', widths[l], nOut) }));
    const gains = COMPARED.map((rule, i) => ({ rule, ...linearGains(widths, rule), measured: measureGains(widths, rule, draws, BATCH, 10 + i) }));
    const g = (r: Rule) => gains.find((x) => x.rule === r)!;
    return {
      widths: [...widths],
      layers,
      gains,
      /** Glorot's forward and backward gains over LeCun's ("Xavier" as deeplearning.ai writes it). */
      glorotOverLecun: { forward: g('glorot').forward / g('dlai').forward, backward: g('glorot').backward / g('dlai').backward },
      rows: layers,
      alt: `Widths [${widths.join(', ')}]: ${layers.map((l) => `layer ${l.layer} (${l.nIn} → ${l.nOut}) 1/n_in = ${fmt(l.dlai)}, Glorot ${fmt(l.glorot)}`).join('; ')}. Linear-net gains (forward, backward): ${gains.map((x) => `${RULE_LABEL[x.rule]} ${fmt(x.forward)}, ${fmt(x.backward)} (measured ${fmt(x.measured.forward.mean)} ± ${fmt(x.measured.forward.se, 2)}, ${fmt(x.measured.backward.mean)} ± ${fmt(x.measured.backward.se, 2)})`).join('; ')}.`,
    };
  },
  draw(d, document, view) {
    const keys = [['dlai', 'LeCun = course’s “Xavier”'], ['glorot', 'Glorot'], ['he', 'He']] as const;
    const points = keys.flatMap(([k, name], i) => d.layers.map((l) => ({ layer: l.layer, v: l[k], name, i })));
    const [lo, hi] = logExtent(points.map((p) => p.v), [1e-2, 1]);
    const last = d.layers.length;
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 220 : 240, marginLeft: 56, marginRight: 24,
      x: { label: 'layer', domain: [0.8, Math.max(2, last) + 0.2], ticks: d.layers.map((l) => l.layer), tickFormat: (v: number) => String(v) },
      y: logAxis('weight variance v', [lo / 1.5, hi * 1.5], { grid: true }),
      ariaLabel: 'Weight variance per layer under the three rules',
      marks: [
        ...keys.map((_k, i) => Plot.line(points.filter((p) => p.i === i), { x: 'layer', y: 'v', stroke: palette[i], strokeWidth: 2, strokeDasharray: i === 1 ? '6 4' : undefined })),
        Plot.dot(points, { x: 'layer', y: 'v', fill: (p) => palette[p.i], r: 3 }),
        labels(keys.map(([_k, name], i) => ({ text: name, x: last, y: points.find((p) => p.i === i && p.layer === last)?.v ?? 1, anchor: 'end' as const, dx: -8, dy: -10, fill: ink(i) }))),
      ],
    });
    return stack(document, [
      chart,
      table(document, {
        caption: `Weight variance per layer, widths [${d.widths.join(', ')}]`,
        head: ['layer', 'n_in → n_out', '1/n_in (LeCun; deeplearning.ai’s “Xavier”)', '2/(n_in + n_out) (Glorot)', '2/n_in (He)'],
        rows: d.layers.map((l) => [String(l.layer), `${l.nIn} → ${l.nOut}`, fmt(l.dlai), fmt(l.glorot), fmt(l.he)]),
        rowHeads: true,
      }),
      table(document, {
        caption: 'A linear net end to end: E[ŷ²]/E[x²] forward and E[(∂L/∂x)²]/E[(∂L/∂ŷ)²] backward',
        head: ['rule', 'forward, predicted', 'forward, measured ± s.e.', 'backward, predicted', 'backward, measured ± s.e.'],
        rows: d.gains.map((x) => [RULE_LABEL[x.rule], fmt(x.forward), `${fmt(x.measured.forward.mean)} ± ${fmt(x.measured.forward.se, 2)}`, fmt(x.backward), `${fmt(x.measured.backward.mean)} ± ${fmt(x.measured.backward.se, 2)}`]),
        rowHeads: true,
      }),
    ]);
  },
});
