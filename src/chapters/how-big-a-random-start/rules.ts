/** The initialisation rules the chapter compares; 'dlai' is the rule deeplearning.ai calls "Xavier". */
export const RULES = ['lecun', 'glorot', 'he', 'dlai', 'free'] as const;
/** One of RULES. */
export type Rule = (typeof RULES)[number];

/** How each rule is named on the page. */
export const RULE_LABEL: Record<Rule, string> = {
  lecun: 'LeCun 1/n_in',
  glorot: 'Glorot 2/(n_in + n_out)',
  he: 'He 2/n_in',
  dlai: 'LeCun 1/n_in as the course’s “Xavier”',
  free: 'free σ²/n_in',
};

/** The weight variance of a layer with nIn inputs and nOut units under `rule` (σ² only for 'free'). */
export function ruleVariance(rule: Rule, nIn: number, nOut: number, sigma2 = 1): number {
  switch (rule) {
    case 'lecun':
    case 'dlai': // their √(1/n^[l−1]) scaling: LeCun's rule under Glorot's name
      return 1 / nIn;
    case 'glorot':
      return 2 / (nIn + nOut);
    case 'he':
      return 2 / nIn;
    case 'free':
      return sigma2 / nIn;
  }
}

/**
 * ∫ f(z) N(z; 0, q) dz over [−W, W] by the trapezoid rule with step h. For an integrand that is analytic in a strip
 * around the real axis and negligible (with its derivatives) at ±W, the error falls like e^(−2π·strip/h).
 */
function trapezoid(f: (z: number) => number, q: number, W: number, h: number): number {
  const nodes = 2 * Math.ceil(W / h) + 1, step = (2 * W) / (nodes - 1);
  let sum = 0;
  for (let k = 0; k < nodes; k++) {
    const z = -W + k * step;
    sum += (k === 0 || k === nodes - 1 ? 0.5 : 1) * f(z) * Math.exp((-0.5 * z * z) / q);
  }
  return (sum * step) / Math.sqrt(2 * Math.PI * q);
}

/** E[f(z)] for z ~ N(0, q) and a smooth f that grows at most polynomially (q = 0 gives f(0)). */
export function gaussMean(f: (z: number) => number, q: number): number {
  if (q === 0) return f(0);
  const s = Math.sqrt(q);
  // Twelve standard deviations (the Gaussian is e⁻⁷² there) in steps of s/10: the error is e^(−2π²·100), nil.
  return trapezoid(f, q, 12 * s, 0.1 * s);
}

/**
 * E[f(z)] for z ~ N(0, q) and an f that is below 1e-17 beyond |z| = 20 (sech², sech⁴), however wide the Gaussian:
 * the window stops at |z| = 20 and the step is at most 1/20, so a large q costs no more nodes.
 */
export function gaussMeanLocal(f: (z: number) => number, q: number): number {
  if (q === 0) return f(0);
  const s = Math.sqrt(q);
  // sech's poles lie π/2 off the axis, so a step of 1/20 errs by about e^(−2π·(π/2)·20) ≈ 1e-86: rounding dominates.
  return trapezoid(f, q, Math.min(12 * s, 20), Math.min(0.1 * s, 0.05));
}

const sech2 = (z: number) => 1 / Math.cosh(z) ** 2;

/** φ, φ′ and the Gaussian averages E[φ(z)²] and E[φ′(z)²] for z ~ N(0, q) of the activations the chapter runs. */
export const PHI = {
  // Closed forms for identity and ReLU (ReLU's kink would cost the trapezoid rule its accuracy): by symmetry
  // of N(0, q), half the mass of z² lies on z > 0, and φ′² = 1 exactly there.
  identity: { f: (z: number) => z, df: () => 1, f2: (q: number) => q, df2: () => 1 },
  relu: { f: (z: number) => (z > 0 ? z : 0), df: (z: number) => (z > 0 ? 1 : 0), f2: (q: number) => q / 2, df2: (q: number) => (q > 0 ? 0.5 : 0) },
  // For q ≥ 1 through 1 − E[sech²] (sech² decays, so the window's ends cost nothing); below, tanh² directly (no cancellation).
  tanh: {
    f: Math.tanh,
    df: (z: number) => sech2(z),
    f2: (q: number) => (q >= 1 ? 1 - gaussMeanLocal(sech2, q) : gaussMean((z) => Math.tanh(z) ** 2, q)),
    df2: (q: number) => gaussMeanLocal((z) => sech2(z) ** 2, q),
  },
} as const;

/**
 * The wide-network prediction at initialisation. Layer l (0-based) maps n_l = widths[l] inputs to n_{l+1} units
 * with weight variance v_l = variances[l]: q_l = E[z_l²] = n_l·v_l·E[φ(z_{l−1})²] + σ_b² (E[x²] = q0 for l = 0),
 * and g_l = E[(∂L/∂z_l)²] = n_{l+2}·v_{l+1}·E[φ′(z_l)²]·g_{l+1}, since ∂L/∂h_l = W_{l+1}ᵀ ∂L/∂z_{l+1} sums over
 * the n_{l+2} units of layer l + 1 (its fan-out); seeded by g = 1 at the (linear) output.
 */
export function predictSpread(widths: readonly number[], variances: readonly number[], act: keyof typeof PHI, q0: number, biasVariance = 0): { q: number[]; g: number[] } {
  const L = widths.length - 1;
  const q: number[] = [];
  let second = q0; // E[h²] of the layer's input
  for (let l = 0; l < L; l++) {
    q.push(widths[l] * variances[l] * second + biasVariance);
    second = PHI[act].f2(q[l]);
  }
  const g = new Array<number>(L).fill(0);
  g[L - 1] = 1;
  // The output layer is linear; a hidden layer multiplies by φ′(z)² on the way down.
  for (let l = L - 2; l >= 0; l--) g[l] = widths[l + 2] * variances[l + 1] * PHI[act].df2(q[l]) * g[l + 1];
  return { q, g };
}

/** The first index (1-based layer) where a root-mean-square leaves [lo, hi], or null if it never does. */
export function firstOutside(rms: readonly number[], lo = 1e-3, hi = 1e3): number | null {
  const i = rms.findIndex((r) => !(r >= lo && r <= hi));
  return i < 0 ? null : i + 1;
}
