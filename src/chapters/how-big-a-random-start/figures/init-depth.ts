import * as Plot from '@observablehq/plot';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { firstOutside, predictSpread, RULE_LABEL, RULES, ruleVariance } from '../rules.ts';
import { measureSpread, type LayerSpread } from '../spread.ts';

/** Inputs per draw: the bands are quantiles over this many examples times n units. */
const BATCH = 32;
const WINDOW = [1e-3, 1e3] as const;

/** Run it deep: the spread of activations and of gradients layer by layer at initialisation, against the theory. */
export default defineFigure({
  code: ['chapters/how-big-a-random-start/spread.ts#measureSpread', 'chapters/how-big-a-random-start/rules.ts#predictSpread'],
  controls: {
    L: { kind: 'range', label: 'Layers L', min: 2, max: 50, step: 1, value: 30, integer: true },
    n: { kind: 'range', label: 'Width n', min: 2, max: 200, step: 1, value: 40, integer: true },
    act: { kind: 'select', label: 'Activation', value: 'relu', options: [{ value: 'relu', label: 'ReLU' }, { value: 'tanh', label: 'tanh' }, { value: 'identity', label: 'identity (linear)' }] },
    rule: { kind: 'select', label: 'Initialisation rule', value: 'lecun', options: RULES.map((r) => ({ value: r, label: RULE_LABEL[r] })) },
    sigma2: { kind: 'range', label: 'Free σ² (rule “free”)', min: -2, max: 16, step: 0.25, value: 1, log: true },
    bias: { kind: 'select', label: 'Bias variance σ_b²', value: '0', options: ['0', '0.01', '0.1', '0.2', '0.5'].map((v) => ({ value: v, label: v })) },
  },
  // About 25 ms natively at the defaults and 1.1 s in QuickJS: an edited cell gets ten times that.
  cell: { limit: 12_000 },
  compute({ L, n, act, rule, sigma2, bias }) {
    if (!(Number.isInteger(L) && L >= 2 && L <= 50 && Number.isInteger(n) && n >= 2 && n <= 200)) {
      return { layers: [] as LayerSpread[], forwardOut: null, backwardOut: null, overflow: null, gradOverflow: null, L, freeExit: null, freeText: '', rows: [], alt: 'No run: depth or width out of range.', note: `Depth must be 2 to 50 layers and width 2 to 200 units (got L = ${L}, n = ${n}).` };
    }
    const s = measureSpread({ L, n, act, rule, sigma2, biasVariance: Number(bias), B: BATCH, seed: 1 });
    const last = s.layers[s.layers.length - 1];
    // Where the theory puts the exit for the chosen rule, over all L layers (the measured rows stop at an overflow).
    const widths = Array.from({ length: L + 1 }, () => n);
    const free = predictSpread(widths, widths.slice(1).map((b, l) => ruleVariance(rule, widths[l], b, sigma2)), act, 1, Number(bias));
    const freeExit = firstOutside(free.q.map(Math.sqrt));
    // The σ² slider speaks even when another rule is chosen, saying plainly that it is about the free rule.
    const other = predictSpread(widths, widths.slice(1).map(() => sigma2 / n), act, 1, Number(bias));
    const otherExit = firstOutside(other.q.map(Math.sqrt));
    const g1 = s.layers[0];
    // Saturated tanh: the theory's E[sech⁴ z] ~ 1/√q rests on the rare units with z near 0, which a finite batch lacks.
    const saturated = act === 'tanh' && g1 && g1.gRms !== null && g1.gTheory !== null && g1.gTheory > 1e3 && !(g1.gRms * 100 > g1.gTheory);
    const what = `${L} layers of ${n} ${act} units, ${RULE_LABEL[rule]}${rule === 'free' ? ` with σ² = ${fmt(sigma2)}` : ''}, σ_b² = ${bias}`;
    const exits = [
      s.forwardOut === null ? 'activations stay within 10⁻³ to 10³ in RMS' : `activations leave 10⁻³…10³ in RMS at layer ${s.forwardOut}`,
      s.overflow !== null ? 'no gradient was run' : s.gradOverflow !== null ? 'the gradient overflows' : s.backwardOut === null ? 'gradients stay within it' : `gradients leave it after ${s.backwardOut} layers going down`,
    ].join('; ');
    const note = s.overflow !== null ? `The signal overflows at layer ${s.overflow}: the chart stops at layer ${s.overflow - 1} and no gradient is run.`
      : s.gradOverflow !== null ? `The gradient overflows at layer ${s.gradOverflow}: only activations are shown.` : undefined;
    return {
      ...s,
      L,
      /** The theory's first layer outside 10⁻³…10³ for the free σ², or null. */
      freeExit,
      freeText: `Theory for ${RULE_LABEL[rule]}${rule === 'free' ? ` with σ² = ${fmt(sigma2)}` : ''}: activations ${freeExit === null ? `stay within 10⁻³…10³ for ${L} layers` : `leave 10⁻³…10³ at layer ${freeExit}`}.${rule === 'free' ? '' : ` (With the free rule at σ² = ${fmt(sigma2)} they would ${otherExit === null ? 'stay within it' : `leave it at layer ${otherExit}`}.)`}${saturated ? ` The theory's gradient is far above the measured one: it rests on the rare units with z near 0 (E[sech⁴ z] falls only like 1/√q), and the saturated units of a finite layer have almost none, so their sech² z is ${g1.gRms === 0 ? '0 in doubles' : 'tiny'}.` : ''}`,
      rows: s.layers,
      alt: `${what}: ${exits}.${last ? ` At layer ${last.layer} the activations' RMS is ${fmt(last.zRms)} (theory ${last.zTheory === null ? "beyond the doubles" : fmt(last.zTheory)})${last.gRms !== null ? `; at layer 1 the gradient's RMS is ${fmt(s.layers[0].gRms!)} (theory ${fmt(s.layers[0].gTheory ?? NaN)})` : ''}.` : ''}`,
      note,
    };
  },
  draw(d, document, view) {
    const h = view.width < 600 ? 220 : 250;
    const chart = (key: 'z' | 'g', label: string) => {
      const rows = d.layers.filter((r) => r[`${key}Rms`] !== null && r[`${key}Rms`]! > 0 && Number.isFinite(r[`${key}Rms`]));
      const pick = (r: LayerSpread, q: string) => (r as unknown as Record<string, number>)[`${key}${q}`];
      const theory = rows.filter((r) => Number.isFinite(pick(r, 'Theory')) && pick(r, 'Theory') > 0);
      const values = rows.flatMap((r) => [pick(r, 'Q10'), pick(r, 'Q90'), pick(r, 'Rms')]).concat(theory.map((r) => pick(r, 'Theory')));
      const [lo, hi] = logExtent(values, [1e-3, 1]);
      const domain: [number, number] = [Math.min(lo, 0.1), Math.max(hi, 10)];
      const inside = WINDOW.filter((w) => w >= domain[0] && w <= domain[1]);
      // Quantiles of exactly 0 (dead ReLU units) sit on the bottom of the axis rather than vanish.
      const floor = (v: number) => Math.max(domain[0], v);
      return plot(document, {
        width: view.width, height: h, marginLeft: 56,
        x: { label: 'layer', domain: [1, Math.max(2, d.L)] },
        y: logAxis(label, domain, { grid: true }),
        ariaLabel: `${label} against layer: 10–90 % and 25–75 % bands, measured RMS and theory`,
        marks: [
          Plot.areaY(rows, { x: 'layer', y1: (r) => floor(pick(r, 'Q10')), y2: (r) => floor(pick(r, 'Q90')), fill: palette[0], fillOpacity: 0.15 }),
          Plot.areaY(rows, { x: 'layer', y1: (r) => floor(pick(r, 'Q25')), y2: (r) => floor(pick(r, 'Q75')), fill: palette[0], fillOpacity: 0.3 }),
          Plot.line(rows, { x: 'layer', y: (r) => pick(r, 'Rms'), stroke: palette[0], strokeWidth: 2 }),
          Plot.line(theory, { x: 'layer', y: (r) => pick(r, 'Theory'), stroke: palette[1], strokeWidth: 2, strokeDasharray: '6 4' }),
          Plot.ruleY(inside, { strokeDasharray: '2 3' }),
          labels([
            { text: 'measured RMS, bands: quantiles of |·|', fx: 0, fy: 0, anchor: 'start', dx: 4, dy: 8, fill: ink(0) },
            { text: 'theory (wide-network recursion)', fx: 0, fy: 0, anchor: 'start', dx: 4, dy: 26, fill: ink(1) },
          ]),
        ],
      });
    };
    const summary = [
      d.forwardOut === null ? 'Activations stay within 10⁻³…10³.' : `Activations leave 10⁻³…10³ at layer ${d.forwardOut}.`,
      d.overflow !== null || d.gradOverflow !== null ? '' : d.backwardOut === null ? 'Gradients stay within it.' : `Gradients leave it after ${d.backwardOut} layers going down.`,
    ].join(' ');
    return stack(document, [
      chart('z', 'pre-activation |z|'),
      d.overflow === null && d.gradOverflow === null ? chart('g', 'gradient |∂L/∂z|') : null,
      summary,
      d.freeText,
    ]);
  },
});
