import * as Plot from '@observablehq/plot';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { CONSERVE, driftLaw, driftPerEta, flowBalances, gdBalances, maxDrift } from '../conserved.ts';

/** The weight decay and step at which the e^(−2λt) law is checked for the prose, whatever the controls say. */
const CHECK = { lambda: 0.05, eta: 0.05 };

/** Each unit's balance ‖w‖² + b² − v² under gradient flow, finite steps and weight decay, with the predictions. */
export default defineFigure({
  code: ['chapters/what-breaks-a-tie/conserved.ts#gdBalances', 'chapters/what-breaks-a-tie/ode.ts#dopri'],
  controls: {
    act: { kind: 'select', label: 'Activation', value: 'relu', options: [{ value: 'relu', label: 'ReLU' }, { value: 'identity', label: 'linear' }, { value: 'tanh', label: 'tanh (not homogeneous)' }] },
    eta: { kind: 'range', label: 'Step η', min: 0.01, max: 0.4, step: 0.01, value: 0.1 },
    lambda: { kind: 'range', label: 'Weight decay γ', min: 0, max: 0.2, step: 0.01, value: 0 },
  },
  worker: true,
  // Gradient flow to 1e-10 (three times) and eight descents: about 0.2 s natively and 4 s in QuickJS; ten times that for an edited cell.
  cell: { limit: 40_000 },
  compute({ act, eta, lambda }, ctx) {
    // The undecayed flow is needed for the drift prediction anyway: at λ = 0 it is also the chart's flow.
    const free = ctx.memo(`tie:flow0:${act}`, () => flowBalances(act, 0));
    const flow = lambda === 0 ? free : flowBalances(act, lambda);
    const gd = gdBalances(act, eta, lambda);
    ctx.progress(0.5, () => ({ lines: [], law: { runs: [], power: 0, prefactor: 0 }, lawLine: [], predLine: [], perEta: 0, rows: [], alt: 'Integrating…', note: 'Integrating…', flowDrift: 0, gdDrift: 0, decay: { flowError: 0, gdError: 0 }, eta, T: CONSERVE.T, check: CHECK }));
    const law = ctx.memo(`tie:drift:${act}`, () => driftLaw(act));
    const perEta = driftPerEta(free);
    const check = ctx.memo(`tie:decay:${act}`, () => {
      const f = flowBalances(act, CHECK.lambda), g = gdBalances(act, CHECK.eta, CHECK.lambda);
      const err = (s: { t: number[]; D: number[][] }) => Math.max(...s.D.map((row, i) => Math.max(...row.map((D, j) => Math.abs(D - s.D[0][j] * Math.exp(-2 * CHECK.lambda * s.t[i]))))));
      return { flowError: err(f), gdError: err(g) };
    });
    const lines = [
      ...flow.t.flatMap((t, i) => flow.D[i].map((D, j) => ({ t, D, who: `unit ${j + 1}, gradient flow` }))),
      ...gd.t.flatMap((t, i) => gd.D[i].map((D, j) => ({ t, D, who: `unit ${j + 1}, η = ${eta}` }))).filter((_, i) => i % Math.max(1, Math.round(gd.t.length / 200)) === 0),
      ...flow.t.flatMap((t) => flow.D[0].map((D0, j) => ({ t, D: D0 * Math.exp(-2 * lambda * t), who: `unit ${j + 1}, prediction` }))),
    ];
    const [x0, x1] = [CONSERVE.etas.at(-1)! / 1.5, CONSERVE.etas[0] * 1.5];
    const lawLine = [x0, x1].map((e) => ({ eta: e, drift: law.prefactor * e ** law.power }));
    // The first-order prediction η·∫source dt, from the flow alone: no fitted constant.
    const predLine = [x0, x1].map((e) => ({ eta: e, drift: perEta * e }));
    const flowDrift = maxDrift(flow), gdDrift = maxDrift(gd);
    const smallest = law.runs.at(-1)!;
    return {
      lines, law, lawLine, predLine, perEta, eta, flowDrift, gdDrift, decay: check, T: CONSERVE.T, check: CHECK,
      ratioSmallest: smallest.drift / (perEta * smallest.eta), ratioLargest: law.runs[0].drift / (perEta * law.runs[0].eta),
      rows: lines,
      alt: `${act}, T = ${CONSERVE.T}, γ = ${lambda}: gradient flow changes the balances by at most ${fmt(flowDrift, 2)}; steps of η = ${eta} by ${fmt(gdDrift, 2)}. Drift over T grows like η^${fmt(law.power)} (η from ${CONSERVE.etas.at(-1)} to ${CONSERVE.etas[0]}); the first-order prediction from the flow is ${fmt(perEta)}·η.`,
      note: gd.diverged || flow.diverged ? `A run diverged (η = ${eta}); its curve stops where it did.` : undefined,
    };
  },
  draw(d, document, view) {
    const who = [...new Set(d.lines.map((l) => l.who))];
    const ends = who.map((w) => d.lines.filter((l) => l.who === w).at(-1)!).filter(Boolean);
    const top = plot(document, {
      width: view.width, height: 250, marginLeft: 56,
      x: { label: 'time t = η · step' }, y: { label: 'balance ‖w‖² + b² − v²', grid: true },
      ariaLabel: 'Each unit\'s balance over time',
      marks: [
        ...who.map((w, i) => Plot.line(d.lines.filter((l) => l.who === w), { x: 't', y: 'D', stroke: palette[w.endsWith('flow') ? 0 : w.endsWith('prediction') ? 7 : 1], strokeWidth: 2, strokeDasharray: w.endsWith('flow') ? undefined : w.endsWith('prediction') ? '2 4' : '6 4', strokeOpacity: i % 2 ? 0.8 : 1 })),
        labels(ends.filter((e) => !e.who.endsWith('prediction')).map((e) => ({ text: e.who, x: e.t, y: e.D, anchor: 'end' as const, dy: -10, fill: ink(e.who.endsWith('flow') ? 0 : 1) }))),
      ],
    });
    const law = plot(document, {
      width: view.width, height: 220, marginLeft: 56,
      x: logAxis('step η', [0.01, 1]), y: { ...logAxis('largest drift of the balance over T', [1e-4, 10]), grid: true },
      ariaLabel: 'Drift of the balance against η',
      marks: [
        Plot.line(d.lawLine, { x: 'eta', y: 'drift', stroke: palette[7], strokeDasharray: '6 4' }),
        Plot.line(d.predLine, { x: 'eta', y: 'drift', stroke: palette[2], strokeDasharray: '2 3', strokeWidth: 2 }),
        Plot.dot(d.law.runs.filter((r) => r.drift > 0), { x: 'eta', y: 'drift', fill: palette[1], r: 4 }),
        labels([
          { text: `fit: drift ∝ η^${fmt(d.law.power)}`, fx: 0.03, fy: 0.08, anchor: 'start', fill: ink(7) },
          { text: `first-order prediction: ${fmt(d.perEta)}·η`, fx: 0.97, fy: 0.92, anchor: 'end', fill: ink(2) },
        ]),
      ],
    });
    return stack(document, [top, law]);
  },
});
