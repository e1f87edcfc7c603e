import * as Plot from '@observablehq/plot';
import { logAxis } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { row, stack } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { network } from '../../../figure/network.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { trajectory, type TrajectoryResult } from '../jobs.ts';
import { tiedSaddle } from '../overlap-ode.ts';
import { TS_DEFAULTS, type TsActivation } from '../teacher-student.ts';

const MAX_ALPHA = 1000;
const N = 40;
// The network drawing shows the first KEEP of each unit's N input weights: x₁ and x₂ are the teacher's directions.
const KEEP = 6;
const INPUTS = ['x₁', 'x₂', 'x₃', 'x₄', 'x₅', 'x₆', 'x₇', 'x₈'].slice(0, KEEP);
const NET_W = 220;

/** What the charts show of one run (so far, while it streams): rows, escape, the plateau fit, the exact zeros of the gap, the weights drawn. */
function view(r: TrajectoryResult, act: TsActivation, eps: number, eta: number, done: number) {
  const rows = r.rows;
  const last = rows[rows.length - 1];
  const zeros = rows.flatMap((x) => (x.gap === 0 ? [x.alpha] : []));
  const g = done < 1 ? null : r.growth;
  // The N → ∞ prediction: the unstable eigenvalue of the overlap ODE at its tied fixed point (erf only: the ODE is erf's).
  const saddle = act === 'erf' ? tiedSaddle(eta) : null;
  const predicted = saddle ? saddle.lambda : null;
  const diverged = r.diverged ? `${r.diverged.message}: lower the learning rate.` : null;
  const running = done < 1 ? `Running… α = ${last?.alpha ?? 0} of ${r.maxAlpha} (${Math.round(done * 100)}%).` : null;
  const fitText = g
    ? ` On the plateau (ε_g ≈ ${fmt(g.plateau)} from α = ${g.entry}) ln(gap) grew at λ = ${fmt(g.lambda)} per unit α between α = ${g.from} and ${g.to}: 1/λ = ${fmt(1 / g.lambda)}.`
    : act === 'relu' ? ' ReLU\'s gap does not grow exponentially: it waits for a sample that splits the two fields.'
    : zeros.length === rows.length ? ' The gap stays exactly 0: there is no growth to fit.'
    : ' No plateau window: the gap reached 1e-2 before it had grown tenfold on the plateau.';
  const predText = predicted !== null ? ` The ODE's linearisation at η = ${eta} predicts λ = ${fmt(predicted)} (1/λ = ${fmt(1 / predicted)}).` : '';
  const outcome = r.escape !== null ? `Escaped at α = ${r.escape}.`
    : `Not escaped by α = ${last?.alpha ?? 0}${rows.every((x) => x.identical) ? ': the units are identical at every check' : ''}.`;
  const status = diverged ?? running ?? `${outcome}${fitText}${predText}`;
  // Down to 1e-12 as a rule; lower only when the gap is (a rounding gap, with ε = 0).
  const smallest = rows.reduce((m, x) => (x.gap > 0 ? Math.min(m, x.gap) : m), 1e-12);
  return {
    rows,
    eps,
    maxAlpha: r.maxAlpha,
    escape: r.escape,
    firstSplit: r.firstSplit,
    /** The plateau window and the growth rate fitted in it (null while streaming, for ReLU, or without a window). */
    growth: g,
    /** λ from the ODE (erf only; null where the tied fixed point does not exist). */
    predicted,
    /** 1/λ measured on the plateau and predicted by the ODE. */
    inverse: g ? 1 / g.lambda : null,
    predictedInverse: predicted !== null ? 1 / predicted : null,
    /** The fitted line exp(intercept + λα) over the window, for the gap chart. */
    fitLine: g ? [g.from, g.to].map((alpha) => ({ alpha, gap: Math.exp(g.intercept + g.lambda * alpha) })) : [],
    /** The gap axis's bottom: a power of ten at or below every positive gap and 1e-12. */
    gapFloor: 10 ** Math.floor(Math.log10(smallest)),
    divergedAlpha: r.diverged?.alpha ?? null,
    /** The α at which w₁ = w₂ bit for bit, and how many of the `checks` (whole α) they are. */
    zeros,
    zeroChecks: zeros.length,
    checks: rows.length,
    /** Per row, each unit's first KEEP input weights [w₁₁ … w₁ₖ, w₂₁ … w₂ₖ], and one edge scale for the whole run. */
    weights: r.weights,
    netScale: r.weights.reduce((m, w) => w.reduce((a, v) => Math.max(a, Math.abs(v)), m), 1),
    /** The run's outcome, shown under the charts; a divergence or the progress goes in the note instead. */
    summary: (diverged ?? running) === null ? status : null,
    alt: `For ε = ${eps}: ε_g falls from ${fmt(rows[0]?.eg ?? 0)} to a plateau near ${fmt(rows[Math.min(rows.length - 1, 60)]?.eg ?? 0)}; ${status} The gap was exactly 0 at ${zeros.length} of ${rows.length} checks.`,
    note: diverged ?? running ?? undefined,
  };
}

/** Island 1: ε_g, the symmetry gap and the student's weights against α for one tied start w_k = w₀ + ε z_k. */
export default defineFigure({
  code: ['chapters/escaping-the-symmetric-subspace/teacher-student.ts#tsSim', 'chapters/escaping-the-symmetric-subspace/plateau.ts#plateauGrowth'],
  controls: {
    act: { kind: 'select', label: 'Activation g', value: 'erf', options: [{ value: 'erf', label: 'erf(z/√2)' }, { value: 'tanh', label: 'tanh' }, { value: 'relu', label: 'ReLU' }] },
    eps: { kind: 'range', label: 'Asymmetry ε', min: -8, max: -1, step: 0.25, value: 1e-4, log: true },
    zero: { kind: 'checkbox', label: 'ε = 0 exactly', value: false },
    order: { kind: 'checkbox', label: 'Sum unit 2’s field in reverse order', value: false },
    eta: { kind: 'range', label: 'Learning rate η', min: 0.05, max: 4, step: 0.05, value: 0.5 },
    scale: { kind: 'range', label: 'Init scale s', min: 0.05, max: 1.5, step: 0.05, value: 0.5 },
  },
  worker: true,
  // An edited cell may run this long in the sandbox: about 1.5 s in QuickJS (native 0.03 s); it streams progress.
  cell: { limit: 20_000 },
  compute({ act, eps: epsSlider, zero, order, eta, scale }, ctx) {
    const eps = zero ? 0 : epsSlider;
    const config = { activation: act, eps, eta, scale, seed: TS_DEFAULTS.seed, N, maxAlpha: MAX_ALPHA, order: order ? 'reversed' as const : 'same' as const };
    const run = trajectory(config, (done, partial) => ctx.progress(done, () => view(partial(), act, eps, eta, done)), KEEP);
    return view(run, act, eps, eta, 1);
  },
  // After compute, so that TypeScript infers the data's type from compute before it reads this.
  timeline: { steps: (d) => Math.max(0, d.rows.length - 1), unit: 'α' },
  draw(d, document, view) {
    // Rows are at α = 0, 1, 2, …: the step shown is an index into them.
    const at = Math.min(view.step ?? d.rows.length - 1, d.rows.length - 1);
    const rows = d.rows.slice(0, at + 1);
    const now = rows[rows.length - 1];
    if (!now) return stack(document, [d.summary]);
    const narrow = view.width < 600;
    const width = narrow ? view.width : view.width - NET_W - 16;
    const height = narrow ? 200 : 220;
    // The fit and the escape are marked once the run shown has got past them.
    const g = d.growth && at >= d.growth.to ? d.growth : null;
    const escape = d.escape !== null && at >= d.escape ? d.escape : null;
    const x = { domain: [0, d.maxAlpha], label: 'α = steps / N' };
    const top = plot(document, {
      width, height, marginLeft: 60, marginRight: 20, x, y: logAxis('generalisation error ε_g', [1e-5, 1], { grid: true, clamp: true }),
      ariaLabel: 'Generalisation error against α',
      marks: [
        g ? Plot.rectX([g], { x1: 'entry', x2: 'to', fill: palette[2], fillOpacity: 0.08 }) : null,
        g ? Plot.ruleY([g.plateau], { stroke: palette[2], strokeDasharray: '2 3' }) : null,
        Plot.line(rows.filter((r) => r.eg > 0), { x: 'alpha', y: 'eg', stroke: palette[0], strokeWidth: 2 }),
        escape !== null ? Plot.ruleX([escape], { stroke: palette[3], strokeDasharray: '4 3' }) : null,
        labels(g ? [{ text: `plateau ε_g ≈ ${fmt(g.plateau)}`, x: g.entry, y: g.plateau, anchor: 'start', dx: 6, dy: -12, fill: ink(2) }] : []),
      ],
    });
    const bottom = plot(document, {
      width, height, marginLeft: 60, marginRight: 20, x, y: logAxis('symmetry gap max|R₁ₙ − R₂ₙ|', [d.gapFloor, 2], { grid: true }),
      ariaLabel: 'Symmetry gap against α (log scale), with the growth fitted on the plateau',
      marks: [
        g ? Plot.rectX([g], { x1: 'from', x2: 'to', fill: palette[2], fillOpacity: 0.12 }) : null,
        Plot.line(rows.filter((r) => r.gap > 0), { x: 'alpha', y: 'gap', stroke: palette[1], strokeWidth: 2 }),
        g ? Plot.line(d.fitLine, { x: 'alpha', y: 'gap', stroke: palette[2], strokeWidth: 2, strokeDasharray: '6 3' }) : null,
        Plot.ruleY([0.3], { stroke: 'currentColor', strokeDasharray: '2 3' }),
        escape !== null ? Plot.ruleX([escape], { stroke: palette[3], strokeDasharray: '4 3' }) : null,
        labels([
          // Under the rule: after the escape the gap runs just above it.
          { text: 'escape threshold 0.3', x: d.maxAlpha, y: 0.3, anchor: 'end', dy: 10 },
          // Below and right of the window's end, where the gap has already climbed above the fit.
          ...(g ? [{ text: `fit: λ = ${fmt(g.lambda)}`, x: g.to, y: d.fitLine[1].gap, anchor: 'start' as const, dx: 6, dy: 14, fill: ink(2) }] : []),
          ...(escape !== null ? [{ text: `escaped at α = ${escape}`, x: escape, fy: 0.9, anchor: 'start' as const, dx: 6, fill: ink(3) }] : []),
        ]),
      ],
    });
    // A log axis has no 0: α's at which the gap is exactly 0 get their own strip.
    const zeros = d.zeros.filter((a) => a <= at);
    const strip = plot(document, {
      width, height: 34, marginLeft: 60, marginRight: 20, marginTop: 4, marginBottom: 4, x: { ...x, axis: null }, y: { domain: ['gap = 0'], label: null, tickSize: 0 },
      ariaLabel: 'α at which the two units are exactly equal',
      marks: [Plot.frame({ strokeOpacity: 0.25 }), Plot.tickX(zeros, { x: (a: number) => a, y: () => 'gap = 0', stroke: palette[2] })],
    });
    const weights = d.weights[at];
    const netBox = document.createElement('div');
    netBox.setAttribute('style', `width: ${narrow ? view.width : NET_W}px`);
    if (weights) {
      const state = now.identical ? 'the two units are equal bit for bit (tied)' : 'the two units differ';
      netBox.append(network(document, {
        layers: [KEEP, 2, 1],
        // The soft committee machine's output weights are fixed at 1: ŷ = g(h₁) + g(h₂).
        weights: [[weights.slice(0, KEEP), weights.slice(KEEP)], [[1, 1]]],
        labels: [INPUTS, ['h₁', 'h₂'], ['ŷ']],
        width: narrow ? view.width : NET_W, height: narrow ? 200 : 280, scale: d.netScale,
        title: `The student at α = ${now.alpha}: its two units' weights from inputs x₁ to ${INPUTS[KEEP - 1]} only (of N = ${N}; x₁ and x₂ are the teacher's directions), and the fixed output weights 1; edge width and colour show each weight; ${state}.`,
      }));
      const caption = document.createElement('p');
      caption.setAttribute('style', 'margin: 0.25rem 0 0');
      caption.textContent = `The student at α = ${now.alpha}: weights from inputs x₁–${INPUTS[KEEP - 1]} of ${N} (x₁, x₂: the teacher's directions); blue > 0, orange < 0.`;
      netBox.append(caption);
    }
    const charts = stack(document, [top, bottom, strip, `gap exactly 0 (w₁ = w₂ bit for bit) at ${zeros.length} of ${rows.length} checks`]);
    if (narrow) return stack(document, [charts, weights ? netBox : null, d.summary]);
    return stack(document, [row(document, [charts, weights ? netBox : null]), d.summary]);
  },
});
