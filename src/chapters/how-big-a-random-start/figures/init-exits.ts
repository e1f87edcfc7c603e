import * as Plot from '@observablehq/plot';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { stack, table } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { theoryExits } from '../exits.ts';
import { RULE_LABEL, type Rule } from '../rules.ts';

const ACTS = ['relu', 'tanh', 'identity'] as const;
const RULES_SHOWN: readonly Rule[] = ['lecun', 'he'];
/** The depth the table looks down to. */
const DEPTH = 50;

/** How deep each rule keeps the signal within 10⁻³…10³, by the wide-network recursion (measured in init-depth). */
export default defineFigure({
  code: ['chapters/how-big-a-random-start/exits.ts#theoryExits'],
  controls: {
    bias: { kind: 'select', label: 'Bias variance σ_b²', value: '0.1', options: ['0', '0.01', '0.1', '0.2', '0.5'].map((v) => ({ value: v, label: v })) },
  },
  compute({ bias }) {
    const full = theoryExits(ACTS, RULES_SHOWN, DEPTH, Number(bias));
    // The per-layer series stay behind (the chart needs only the gradients'): a fixed point's run of equal values
    // would have to match bit for bit in the notebook's sandbox, whose Math.cosh may differ in the last bit.
    const exits = full.map(({ zRms: _z, gRms: _g, ...e }) => e);
    const get = (act: string, rule: Rule) => exits.find((e) => e.act === act && e.rule === rule)!;
    const word = (v: number | null) => (v === null ? `> ${DEPTH}` : String(v));
    const plain = theoryExits(['relu'], ['lecun'], DEPTH, 0)[0];
    return {
      exits,
      /** ReLU under LeCun's rule without biases: where its activations and gradients leave the window. */
      reluLecunNoBias: { forward: plain.forward ?? DEPTH + 1, backward: plain.backward ?? DEPTH + 1 },
      /** Shortcuts the prose reads: ReLU under LeCun's rule, and tanh under LeCun's rule (with this bias). */
      reluLecun: get('relu', 'lecun'),
      tanhLecun: get('tanh', 'lecun'),
      /** The gradient's RMS by layer for the four lines of the chart (ReLU and tanh, both rules). */
      lines: full.filter((e) => e.act !== 'identity').flatMap((e) => e.gRms.map((g, l) => ({ key: `${e.act}, ${e.rule === 'lecun' ? 'LeCun' : 'He'}`, layer: l + 1, g }))),
      rows: exits.map((e) => ({ activation: e.act, rule: e.rule, forward_exit_layer: e.forward, backward_exit_layers: e.backward, rms_z_layer_50: e.zLast, rms_grad_layer_1: e.gFirst })),
      table: exits.map((e) => [e.act, RULE_LABEL[e.rule], word(e.forward), word(e.backward), fmt(e.zLast), fmt(e.gFirst)]),
      alt: `Theory, ${DEPTH} layers, σ_b² = ${bias}: ${exits.map((e) => `${e.act} with ${RULE_LABEL[e.rule]}: activations exit at layer ${word(e.forward)}, gradients after ${word(e.backward)} layers`).join('; ')}.`,
    };
  },
  draw(d, document, view) {
    const keys = [...new Set(d.lines.map((p) => p.key))];
    const shown = d.lines.filter((p) => p.g > 0 && Number.isFinite(p.g));
    const [lo, hi] = logExtent(shown.map((p) => p.g), [1e-3, 1]);
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 240 : 260, marginLeft: 56,
      x: { label: 'layer', domain: [1, DEPTH] },
      y: logAxis('RMS of ∂L/∂z (theory)', [Math.min(lo, 1e-4), Math.max(hi, 10)], { grid: true }),
      ariaLabel: 'The gradient’s RMS by layer, by the recursion, for ReLU and tanh under LeCun’s and He’s rules',
      marks: [
        ...keys.map((k, i) => Plot.line(shown.filter((p) => p.key === k), { x: 'layer', y: 'g', stroke: palette[i], strokeWidth: 2, strokeDasharray: i % 2 ? '6 4' : undefined })),
        Plot.ruleY([1e-3], { strokeDasharray: '2 3' }),
        labels(keys.map((k, i) => ({ text: k, x: 1, y: shown.find((p) => p.key === k && p.layer === 1)?.g ?? 1, anchor: 'start' as const, dx: 6, dy: i % 2 ? 12 : -12, fill: ink(i) }))),
      ],
    });
    return stack(document, [chart, table(document, {
      caption: `Wide-network theory, ${DEPTH} layers: where the RMS first leaves 10⁻³…10³`,
      head: ['activation', 'rule', 'activations exit at layer', 'gradients exit after (layers down)', 'RMS of z at layer 50', 'RMS of ∂L/∂z at layer 1'],
      rows: d.table,
      rowHeads: true,
    })]);
  },
});
