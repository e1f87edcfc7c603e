import { egErf } from './overlap-ode.ts';
import type { TsActivation } from './teacher-student.ts';

/** Gauss–Hermite nodes and weights for ∫ e^{−x²} f(x) dx (Newton on the orthonormal recurrence). */
export function gaussHermite(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const PIM4 = Math.PI ** -0.25;
  let z = 0;
  for (let i = 0; i < (n + 1) >> 1; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 1;
    for (let it = 0; it < 100; it++) {
      let p1 = PIM4, p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14) break;
    }
    x[i] = z; x[n - 1 - i] = -z;
    w[i] = w[n - 1 - i] = 2 / (pp * pp);
  }
  return { x, w };
}

const GH = gaussHermite(24);

/**
 * ⟨tanh(u) tanh(v)⟩ for (u, v) ~ N(0, [[a, c], [c, b]]) by 24×24-point Gauss–Hermite quadrature, outer over u (put
 * the smaller variance first: the rule is exact for polynomials, and tanh of a wider field is less like one).
 */
export function tanhPair(a: number, c: number, b: number, gh: { x: Float64Array; w: Float64Array } = GH): number {
  if (a <= 0 || b <= 0) return 0;
  const sa = Math.sqrt(a);
  const m = c / sa; // v = m ξ₁ + s ξ₂
  const s = Math.sqrt(Math.max(0, b - m * m));
  let t = 0;
  for (let i = 0; i < gh.x.length; i++) {
    const x1 = Math.SQRT2 * gh.x[i];
    const tu = Math.tanh(sa * x1);
    let inner = 0;
    for (let j = 0; j < gh.x.length; j++) inner += gh.w[j] * Math.tanh(m * x1 + s * Math.SQRT2 * gh.x[j]);
    t += gh.w[i] * tu * inner;
  }
  return t / Math.PI;
}

/** ⟨ReLU(u) ReLU(v)⟩ in closed form: √(ab)/(2π)·(sin θ + (π − θ) cos θ), cos θ = c/√(ab). */
export function reluPair(a: number, c: number, b: number): number {
  if (a <= 0 || b <= 0) return 0;
  const r = Math.sqrt(a * b);
  const cos = Math.max(-1, Math.min(1, c / r));
  const th = Math.acos(cos);
  return (r / (2 * Math.PI)) * (Math.sin(th) + (Math.PI - th) * cos);
}

/** ε_g = ½⟨(y − ŷ)²⟩ from the overlaps [R11, R12, R21, R22, Q11, Q12, Q22] (T = I) for any chapter activation. */
export function egFromOverlaps(act: TsActivation, s: ArrayLike<number>): number {
  if (act === 'erf') return egErf(s);
  const pair = act === 'tanh' ? tanhPair : reluPair;
  const [r11, r12, r21, r22, q11, q12, q22] = [s[0], s[1], s[2], s[3], s[4], s[5], s[6]];
  // ½[Σ_kl ⟨g g⟩_Q + Σ_nm ⟨g g⟩_T − 2 Σ_kn ⟨g g⟩_R], each symmetric pair once; the teacher's part (T = I) is a constant.
  const students = pair(q11, q11, q11) + pair(q22, q22, q22) + 2 * pair(q11, q12, q22);
  const cross = pair(q11, r11, 1) + pair(q11, r12, 1) + pair(q22, r21, 1) + pair(q22, r22, 1);
  return 0.5 * (students + TEACHER[act] - 2 * cross);
}

/** Σ_nm ⟨g(u_n) g(u_m)⟩ for the teacher (T = I: two independent unit-variance fields), once; for tanh with 80 nodes, where the cross terms vanish (tanh is odd). */
const TEACHER = { tanh: 2 * tanhPair(1, 1, 1, gaussHermite(80)), relu: 2 * reluPair(1, 1, 1) + 2 * reluPair(1, 0, 1) };
