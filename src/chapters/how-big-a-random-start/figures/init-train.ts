import * as Plot from '@observablehq/plot';
import { logAxis, logExtent } from '../../../figure/axes.ts';
import { defineFigure } from '../../../figure/define.ts';
import { stack, table } from '../../../figure/dom.ts';
import { fmt } from '../../../figure/format.ts';
import { labels } from '../../../figure/labels.ts';
import { ink, palette } from '../../../figure/palette.ts';
import { plot } from '../../../figure/plot.ts';
import { RULE_LABEL, type Rule } from '../rules.ts';
import { TRAIN_DEFAULTS as D0, trainRules, type TrainRun } from '../training.ts';

/** The rules trained side by side ("Xavier" as deeplearning.ai writes it is LeCun's, so it is not run twice). */
const TRAINED: readonly Rule[] = ['lecun', 'glorot', 'he', 'free'];
const STEPS = D0.steps;
const EVERY = 40;
const EXAMPLES = D0.examples;
const BATCH = D0.B;
/** How an outcome reads on the chart and in the table. */
const WORD = { trains: 'trains', plateau: 'still on its plateau', diverges: 'diverges' } as const;

/** Train it: the same deep net from each rule's start, on Playground-style circles; loss against step. */
export default defineFigure({
  code: ['chapters/how-big-a-random-start/training.ts#trainRules', 'core/deep-train.ts#deepTrainer'],
  controls: {
    act: { kind: 'select', label: 'Activation', value: 'relu', options: [{ value: 'relu', label: 'ReLU' }, { value: 'tanh', label: 'tanh' }] },
    L: { kind: 'range', label: 'Hidden layers', min: 2, max: 30, step: 1, value: D0.L, integer: true },
    n: { kind: 'range', label: 'Width', min: 2, max: 24, step: 1, value: D0.n, integer: true },
    lr: { kind: 'select', label: 'Learning rate', value: String(D0.lr), options: ['0.003', '0.01', '0.03'].map((v) => ({ value: v, label: v })) },
    sigma2: { kind: 'range', label: 'Free σ² (rule “free”)', min: -3, max: 1, step: 0.25, value: D0.sigma2, log: true },
    seed: { kind: 'range', label: 'Seed (weights, data and batches)', min: 1, max: 20, step: 1, value: 1, integer: true },
  },
  worker: true,
  // About 0.5 s natively at the defaults and 29 s in QuickJS (it reports progress per rule): ten times that.
  cell: { limit: 300_000 },
  compute({ act, L, n, lr, sigma2, seed }, ctx) {
    if (!(Number.isInteger(L) && L >= 2 && L <= 30 && Number.isInteger(n) && n >= 2 && n <= 24 && Number.isInteger(seed) && seed >= 1 && seed <= 20)) {
      return { runs: [] as TrainRun[], counts: { trains: 0, plateau: 0, diverges: 0 }, rows: [], sigma2, table: [], alt: 'No run: depth, width or seed out of range.', note: `Hidden layers must be 2 to 30, width 2 to 24 and the seed 1 to 20 (got ${L}, ${n} and ${seed}).` };
    }
    const spec = { L, n, act, steps: STEPS, lr: Number(lr), B: BATCH, sigma2, seed, examples: EXAMPLES };
    const view = (runs: TrainRun[], done: number) => ({
      runs,
      /** How many of the rules trained, were still on their plateau at the last step, and diverged (this seed only). */
      counts: { trains: runs.filter((r) => r.outcome === 'trains').length, plateau: runs.filter((r) => r.outcome === 'plateau').length, diverges: runs.filter((r) => r.outcome === 'diverges').length },
      sigma2,
      rows: runs.flatMap((r) => r.losses.map((p) => ({ rule: r.rule, step: p.step, loss: p.loss }))),
      table: runs.map((r) => [RULE_LABEL[r.rule] + (r.rule === 'free' ? ` (σ² = ${fmt(sigma2)})` : ''), fmt(r.start), fmt(r.end), r.outcome === 'diverges' ? `diverges at step ${r.divergedAt}` : WORD[r.outcome]]),
      alt: `${L} hidden layers of ${n} ${act} units, SGD batch ${BATCH}, rate ${lr}, ${STEPS} steps, seed ${seed}: ${runs.map((r) => `${RULE_LABEL[r.rule]} ${WORD[r.outcome]} (loss ${fmt(r.start)} → ${fmt(r.end)})`).join('; ')}.`,
      note: done < 1 ? `Training… ${runs.length} of ${TRAINED.length} rules.` : undefined,
    });
    const runs = trainRules(spec, TRAINED, EVERY, (done, sofar) => ctx.progress(done, () => view([...sofar], done)));
    return view(runs, 1);
  },
  draw(d, document, view) {
    const points = d.rows.filter((r) => r.loss > 0 && Number.isFinite(r.loss));
    const domain = logExtent(points.map((r) => r.loss), [1e-3, 1]);
    const colour = (rule: Rule) => palette[['lecun', 'glorot', 'he', 'free'].indexOf(rule)];
    const ends = d.runs.map((r, i) => ({ r, i, end: r.losses[r.losses.length - 1] })).filter((e) => e.end.loss > 0 && Number.isFinite(e.end.loss));
    const chart = plot(document, {
      width: view.width, height: view.width < 600 ? 260 : 300, marginLeft: 56,
      x: { label: 'SGD step', domain: [0, STEPS] },
      y: logAxis('loss over the 200 examples', domain, { grid: true }),
      ariaLabel: 'Loss against step for each initialisation rule',
      marks: [
        ...d.runs.map((r) => Plot.line(r.losses.filter((p) => p.loss > 0), { x: 'step', y: 'loss', stroke: colour(r.rule), strokeWidth: 2, strokeDasharray: r.rule === 'free' ? '6 4' : undefined })),
        labels(ends.map(({ r, end }) => ({ text: `${r.rule === 'free' ? `free σ² = ${fmt(d.sigma2)}` : r.rule}: ${WORD[r.outcome]}`, x: end.step, y: end.loss, anchor: 'end' as const, dy: -10, fill: ink(['lecun', 'glorot', 'he', 'free'].indexOf(r.rule)) }))),
      ],
    });
    return stack(document, [chart, table(document, { caption: 'Each rule’s run', head: ['rule', 'loss at start', 'loss at end', 'outcome'], rows: d.table, rowHeads: true })]);
  },
});
