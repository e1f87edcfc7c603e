import { ink, palette } from './palette.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 12, CHAR = 0.62 * FONT, PAD = 2, GAP = 4;
// Tie groups skip palette 0 and 1: those already mean a positive and a negative weight.
const TIE_COLOURS = [2, 4, 6, 7, 5, 3];

/** What to draw: the layer sizes, the weights between them, and optional biases, labels and scale. */
export interface NetworkSpec {
  /** Units per layer, inputs first, e.g. [1, 2, 1]. */
  readonly layers: readonly number[];
  /** weights[l][j][i]: the weight from unit i of layer l to unit j of layer l+1. */
  readonly weights: readonly (readonly (readonly number[])[])[];
  /** Optional biases[l][j] of unit j in layer l+1 (used only for deciding ties). */
  readonly biases?: readonly (readonly number[])[];
  /** Optional text inside/next to each unit, per layer, e.g. [['x'], ['h₁','h₂'], ['ŷ']]. */
  readonly labels?: readonly (readonly (string | undefined)[])[];
  /** Drawing size in CSS px. */
  readonly width: number;
  readonly height: number;
  /** The |w| drawn at the widest stroke; default: the largest |w| in the spec. */
  readonly scale?: number;
  /** Accessible name of the drawing. */
  readonly title?: string;
}
/** One unit: its centre and radius, and its tie group (null when no other unit is identical to it). */
export interface NetworkNode { layer: number; index: number; x: number; y: number; r: number; label?: string; tie: number | null }
/** One drawn connection: from unit `from` of layer `layer` to unit `to` of the next layer. */
export interface NetworkEdge { layer: number; from: number; to: number; x1: number; y1: number; x2: number; y2: number; w: number; width: number; color: string }
/** One text of the drawing, centred vertically on y: a unit's label, an "=" between tied units, or "tied". */
export interface NetworkText { kind: 'label' | 'equals' | 'tied'; text: string; x: number; y: number; anchor: 'start' | 'middle' | 'end'; fill: string }
/** Everything networkGeometry places; ties[g] is the group whose units carry tie = g. */
export interface NetworkGeometry { nodes: NetworkNode[]; edges: NetworkEdge[]; ties: { layer: number; units: number[] }[]; texts: NetworkText[] }

const round = (v: number): number => Math.round(v * 100) / 100;
const textWidth = (t: string): number => [...t].length * CHAR;
const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));
const list = (xs: readonly (string | number)[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** The fill of tie group g, a palette hex. */
export const tieColour = (g: number): string => palette[TIE_COLOURS[g % TIE_COLOURS.length]];
const tieInk = (g: number): string => ink(TIE_COLOURS[g % TIE_COLOURS.length]);

// Object.is rather than ===, so that 0 and -0 differ and the test is bit for bit, as gradient descent sees it.
const sameRow = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Groups of two or more units of a non-input layer with equal incoming weights, bias and outgoing weights. */
export function networkTies(spec: Pick<NetworkSpec, 'layers' | 'weights' | 'biases'>): { layer: number; units: number[] }[] {
  const ties: { layer: number; units: number[] }[] = [];
  for (let l = 1; l < spec.layers.length; l++) {
    const [into, bias, out] = [spec.weights[l - 1] ?? [], spec.biases?.[l - 1], spec.weights[l] ?? []];
    const alike = (j: number, k: number) =>
      sameRow(into[j], into[k]) && Object.is(bias?.[j], bias?.[k]) && out.every((row) => Object.is(row?.[j], row?.[k]));
    const groups: number[][] = [];
    // Being alike is an equivalence, so comparing with each group's first unit is enough.
    for (let j = 0; j < spec.layers[l]; j++) {
      const same = groups.find((units) => alike(units[0], j));
      if (same) same.push(j);
      else groups.push([j]);
    }
    for (const units of groups) if (units.length > 1) ties.push({ layer: l, units });
  }
  return ties;
}

/** Where every unit and connection goes: pure, testable geometry. */
export function networkGeometry(spec: NetworkSpec): NetworkGeometry {
  const { layers, width: W, height: H } = spec, L = layers.length;
  const ties = networkTies(spec);
  // A strip along the top holds the "tied" notes, so they never sit on a unit or a connection.
  const top = PAD + (ties.length ? FONT + GAP : 0);
  const innerH = H - PAD - top;
  const r = Math.max(3, Math.min(14, (0.35 * innerH) / Math.max(1, ...layers), (0.2 * W) / Math.max(1, L)));
  const labelOf = (l: number, j: number) => spec.labels?.[l]?.[j] || undefined;
  const inside = (t: string) => textWidth(t) <= 2 * r - 4;
  // The first and last columns move in far enough for the labels that sit outside their units.
  const reach = (l: number) => Math.max(r, ...Array.from({ length: layers[l] ?? 0 }, (_, j) => labelOf(l, j))
    .map((t) => (t && !inside(t) ? r + GAP + textWidth(t) : r)));
  const [left, right] = [PAD + reach(0), W - PAD - (L > 1 ? reach(L - 1) : r)];
  const colX = (l: number) => (L === 1 ? (left + right) / 2 : left + (l * (right - left)) / (L - 1));
  const rowY = (l: number, j: number) => top + (innerH * (j + 0.5)) / layers[l];
  const nodes: NetworkNode[] = [], texts: NetworkText[] = [];
  const say = (kind: NetworkText['kind'], text: string, x: number, y: number, anchor: NetworkText['anchor'], fill = 'currentColor') =>
    texts.push({ kind, text, x: round(x), y: round(y), anchor, fill });
  layers.forEach((n, l) => {
    for (let j = 0; j < n; j++) {
      const x = colX(l), y = rowY(l, j), label = labelOf(l, j), g = ties.findIndex((t) => t.layer === l && t.units.includes(j));
      nodes.push({ layer: l, index: j, x: round(x), y: round(y), r: round(r), ...(label ? { label } : {}), tie: g < 0 ? null : g });
      if (!label) continue;
      const [lx, anchor] = inside(label) ? [x, 'middle' as const] : l === 0 ? [x - r - GAP, 'end' as const] : [x + r + GAP, 'start' as const];
      say('label', label, lx, clamp(y, PAD + FONT / 2, H - PAD - FONT / 2), anchor);
    }
  });
  // An "=" sits in the gap between neighbours of one group; the spine and fill join the others.
  ties.forEach(({ layer: l, units }, g) => units.forEach((a, i) => {
    if (units[i + 1] === a + 1) say('equals', '=', colX(l), (rowY(l, a) + rowY(l, a + 1)) / 2, 'middle', tieInk(g));
  }));
  for (let l = 1; l < L; l++) {
    const groups = ties.flatMap((t, g) => (t.layer === l ? [g] : []));
    if (!groups.length) continue;
    const text = groups.length === 1 ? 'tied' : `${groups.length} tied groups`, half = textWidth(text) / 2;
    say('tied', text, clamp(colX(l), PAD + half, W - PAD - half), PAD + FONT / 2, 'middle', groups.length === 1 ? tieInk(groups[0]) : 'currentColor');
  }
  const largest = spec.weights.flat(2).reduce((m, w) => (Number.isFinite(w) ? Math.max(m, Math.abs(w)) : m), 0);
  const scale = spec.scale !== undefined && spec.scale > 0 && Number.isFinite(spec.scale) ? spec.scale : largest || 1;
  const edges: NetworkEdge[] = [];
  for (let l = 0; l + 1 < L; l++)
    for (let j = 0; j < layers[l + 1]; j++)
      for (let i = 0; i < layers[l]; i++) {
        const w = spec.weights[l]?.[j]?.[i];
        // A zero weight is no connection at all, and a thin line would say otherwise.
        if (w === undefined || w === 0 || !Number.isFinite(w)) continue;
        const width = round(0.75 + 5.25 * Math.min(1, Math.abs(w) / scale));
        const [x1, y1, x2, y2] = [colX(l), rowY(l, i), colX(l + 1), rowY(l + 1, j)].map(round);
        edges.push({ layer: l, from: i, to: j, x1, y1, x2, y2, w, width, color: w > 0 ? palette[0] : palette[1] });
      }
  return { nodes, edges, ties, texts };
}

/** The sentence a screen reader hears when the spec has no title. */
export const describeNetwork = (spec: Pick<NetworkSpec, 'layers' | 'weights' | 'biases'>): string => {
  const ties = networkTies(spec).map((t) => `units ${list(t.units.map((u) => u + 1))} of layer ${t.layer + 1} are tied`);
  return `A network with ${list(spec.layers)} units; ${ties.length ? ties.join('; ') : 'no two units are tied'}`;
};

/** The network drawn as an <svg>: connections as lines whose width and colour show the weight, tied units marked. */
export function network(document: Document, spec: NetworkSpec): SVGSVGElement {
  const geo = networkGeometry(spec);
  const el = (name: string, attrs: Record<string, string | number>, parent?: Element): Element => {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    parent?.append(e);
    return e;
  };
  const { width, height, title } = spec;
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title ?? describeNetwork(spec), class: 'network' }) as SVGSVGElement;
  const edges = el('g', { class: 'edges', 'stroke-linecap': 'round' }, svg);
  for (const e of geo.edges) {
    const line = el('line', { x1: e.x1, y1: e.y1, x2: e.x2, y2: e.y2, stroke: e.color, 'stroke-width': e.width, 'stroke-opacity': 0.85 }, edges);
    el('title', {}, line).textContent = `w = ${+e.w.toPrecision(3)}`.replace('-', '−');
  }
  // A dashed spine joins each tie group inside its column, where no connection runs, under the units.
  const spines = el('g', { class: 'ties', 'stroke-width': 2, 'stroke-dasharray': '3 3' }, svg);
  geo.ties.forEach((_, g) => {
    const [a, b] = [geo.nodes.find((n) => n.tie === g)!, geo.nodes.findLast((n) => n.tie === g)!];
    el('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: tieColour(g) }, spines);
  });
  const units = el('g', { class: 'units' }, svg);
  for (const n of geo.nodes) {
    // An opaque disc first, so the translucent fill on top hides the lines and reads in either theme.
    el('circle', { cx: n.x, cy: n.y, r: n.r, fill: 'var(--bg, white)' }, units);
    const at = { cx: n.x, cy: n.y, r: n.r, 'data-layer': n.layer, 'data-index': n.index };
    if (n.tie === null) el('circle', { class: 'unit', ...at, fill: 'var(--panel, #f3f4f6)', stroke: 'currentColor', 'stroke-opacity': 0.6 }, units);
    else el('circle', { class: 'unit tied', ...at, 'data-tie': n.tie, fill: tieColour(n.tie), 'fill-opacity': 0.35, stroke: tieColour(n.tie), 'stroke-width': 2 }, units);
  }
  const texts = el('g', { class: 'labels' }, svg);
  for (const t of geo.texts) {
    // A halo in the page colour keeps text legible where it crosses a line; inside a unit it would ring it.
    const halo: Record<string, string | number> = t.kind === 'label' && t.anchor === 'middle' ? {} : { stroke: 'var(--bg, white)', 'stroke-width': 3, 'paint-order': 'stroke' };
    el('text', { class: t.kind, x: t.x, y: t.y, dy: '0.35em', 'text-anchor': t.anchor, 'font-size': FONT, fill: t.fill, ...halo }, texts).textContent = t.text;
  }
  return svg;
}
