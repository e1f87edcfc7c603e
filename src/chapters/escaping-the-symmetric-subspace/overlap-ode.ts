import { positive } from '../../core/errors.ts';

/**
 * The N → ∞ theory of online SGD for erf units, g(z) = erf(z/√2), K = M = 2, second layers fixed to 1
 * (Saad & Solla 1995; Biehl & Schwarze 1995). The state is the overlaps
 * [R11, R12, R21, R22, Q11, Q12, Q22] with R_kn = w_k·B_n/N, Q_kl = w_k·w_l/N; the teacher has T = I.
 */
export type Overlaps = Float64Array;

const { asin, sqrt, PI } = Math;

/** ⟨g(u) g(v)⟩ for fields of covariance [[a, c], [c, b]]: (2/π) arcsin(c / √((1+a)(1+b))). */
export function I2(a: number, c: number, b: number): number {
  return (2 / PI) * asin(c / sqrt((1 + a) * (1 + b)));
}

/** ⟨g′(u) v g(w)⟩ for fields (u, v, w) with covariances C_uu, C_uv, C_uw, C_vw, C_ww. */
export function I3(c11: number, c12: number, c13: number, c23: number, c33: number): number {
  const L3 = (1 + c11) * (1 + c33) - c13 * c13;
  return (2 / PI) * (c23 * (1 + c11) - c12 * c13) / ((1 + c11) * sqrt(L3));
}

/** ⟨g′(u1) g′(u2) g(u3) g(u4)⟩ for four fields of covariance C (4×4, row-major). */
export function I4(C: ArrayLike<number>): number {
  const c = (i: number, j: number) => C[i * 4 + j];
  const L4 = (1 + c(0, 0)) * (1 + c(1, 1)) - c(0, 1) ** 2;
  const L0 = L4 * c(2, 3) - c(1, 2) * c(1, 3) * (1 + c(0, 0)) - c(0, 2) * c(0, 3) * (1 + c(1, 1)) + c(0, 1) * c(0, 2) * c(1, 3) + c(0, 1) * c(0, 3) * c(1, 2);
  const L1 = L4 * (1 + c(2, 2)) - c(1, 2) ** 2 * (1 + c(0, 0)) - c(0, 2) ** 2 * (1 + c(1, 1)) + 2 * c(0, 1) * c(0, 2) * c(1, 2);
  const L2 = L4 * (1 + c(3, 3)) - c(1, 3) ** 2 * (1 + c(0, 0)) - c(0, 3) ** 2 * (1 + c(1, 1)) + 2 * c(0, 1) * c(0, 3) * c(1, 3);
  return (4 / (PI * PI)) / sqrt(L4) * asin(L0 / sqrt(L1 * L2));
}

/** Covariance of the fields (x1, x2, y1, y2) for overlaps s (T = I), 4×4 row-major. */
export function fieldCov(s: ArrayLike<number>): Float64Array {
  const [r11, r12, r21, r22, q11, q12, q22] = [s[0], s[1], s[2], s[3], s[4], s[5], s[6]];
  return Float64Array.of(q11, q12, r11, r12, q12, q22, r21, r22, r11, r21, 1, 0, r12, r22, 0, 1);
}

/** Generalisation error ε_g = ½⟨(y − ŷ)²⟩ = (1/π)[Σ arcsin(Q) + Σ arcsin(T) − 2Σ arcsin(R)] (normalised arguments). */
export function egErf(s: ArrayLike<number>): number {
  const C = fieldCov(s);
  let e = 0;
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) {
    const sign = (a < 2) === (b < 2) ? 1 : -1; // student–student and teacher–teacher add, cross terms subtract
    e += sign * I2(C[a * 5], C[a * 4 + b], C[b * 5]);
  }
  return 0.5 * e;
}

/** ⟨g′(f_i) g′(f_j) g(f_k) g(f_l)⟩ for fields of covariance C (4×4 row-major): I4 without copying C. */
function I4at(C: Float64Array, i: number, j: number, k: number, l: number): number {
  const ii = 1 + C[i * 5], jj = 1 + C[j * 5], ij = C[i * 4 + j];
  const ik = C[i * 4 + k], il = C[i * 4 + l], jk = C[j * 4 + k], jl = C[j * 4 + l];
  const L4 = ii * jj - ij * ij;
  const L0 = L4 * C[k * 4 + l] - jk * jl * ii - ik * il * jj + ij * ik * jl + ij * il * jk;
  const L1 = L4 * (1 + C[k * 5]) - jk * jk * ii - ik * ik * jj + 2 * ij * ik * jk;
  const L2 = L4 * (1 + C[l * 5]) - jl * jl * ii - il * il * jj + 2 * ij * il * jl;
  return (4 / (PI * PI)) / sqrt(L4) * asin(L0 / sqrt(L1 * L2));
}

const SIGN = [-1, -1, 1, 1]; // teacher fields add to y − ŷ, student fields subtract

/** dR_kn/dα = η⟨δ_k y_n⟩ and dQ_kl/dα = η⟨δ_k x_l + δ_l x_k⟩ + η²⟨δ_k δ_l⟩, with δ_k = g′(x_k)(y − ŷ). */
export function odeRhs(s: ArrayLike<number>, eta: number, out: Float64Array = new Float64Array(7)): Float64Array {
  const C = fieldCov(s);
  // ⟨δ_k v⟩ for field v: Σ_j sign_j ⟨g′(x_k) v g(f_j)⟩
  const dv = (k: number, v: number) => {
    let t = 0;
    for (let j = 0; j < 4; j++) t += SIGN[j] * I3(C[k * 5], C[k * 4 + v], C[k * 4 + j], C[v * 4 + j], C[j * 5]);
    return t;
  };
  // ⟨δ_k δ_l⟩ = Σ_jm sign_j sign_m ⟨g′(x_k) g′(x_l) g(f_j) g(f_m)⟩, symmetric in (j, m)
  const dd = (k: number, l: number) => {
    let t = 0;
    for (let j = 0; j < 4; j++) {
      t += I4at(C, k, l, j, j);
      for (let m = j + 1; m < 4; m++) t += 2 * SIGN[j] * SIGN[m] * I4at(C, k, l, j, m);
    }
    return t;
  };
  out[0] = eta * dv(0, 2); out[1] = eta * dv(0, 3); out[2] = eta * dv(1, 2); out[3] = eta * dv(1, 3);
  out[4] = eta * 2 * dv(0, 0) + eta * eta * dd(0, 0);
  out[5] = eta * (dv(0, 1) + dv(1, 0)) + eta * eta * dd(0, 1);
  out[6] = eta * 2 * dv(1, 1) + eta * eta * dd(1, 1);
  return out;
}

/** Integrates the ODE with classical RK4 (step h) to α = alphaMax; rows at every whole α. */
export function integrateOde(s0: ArrayLike<number>, eta: number, alphaMax: number, h = 0.2): { alpha: number; s: Float64Array; eg: number }[] {
  positive('learning rate η', eta);
  const s = Float64Array.from(s0);
  const k1 = new Float64Array(7), k2 = new Float64Array(7), k3 = new Float64Array(7), k4 = new Float64Array(7), t = new Float64Array(7);
  const rows = [{ alpha: 0, s: Float64Array.from(s), eg: egErf(s) }];
  const per = Math.round(1 / h);
  for (let a = 1; a <= alphaMax; a++) {
    for (let r = 0; r < per; r++) {
      odeRhs(s, eta, k1);
      for (let i = 0; i < 7; i++) t[i] = s[i] + 0.5 * h * k1[i];
      odeRhs(t, eta, k2);
      for (let i = 0; i < 7; i++) t[i] = s[i] + 0.5 * h * k2[i];
      odeRhs(t, eta, k3);
      for (let i = 0; i < 7; i++) t[i] = s[i] + h * k3[i];
      odeRhs(t, eta, k4);
      for (let i = 0; i < 7; i++) s[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    if (!s.every(Number.isFinite)) break;
    rows.push({ alpha: a, s: Float64Array.from(s), eg: egErf(s) });
  }
  return rows;
}

/** ε_g of a tied student (w₁ = w₂ = w) with R_1n = R_2n = r_n and Q = |w|²/N = r₁² + r₂² + q⊥. */
export function tiedError(r1: number, r2: number, qPerp: number): number {
  const Q = r1 * r1 + r2 * r2 + Math.max(0, qPerp);
  return egErf([r1, r2, r1, r2, Q, Q, Q]);
}

/** The best error a tied student can reach: min of tiedError by compass search (from the symmetric guess, step halving). */
export function bestTied(): { eg: number; r1: number; r2: number; qPerp: number } {
  let x = [0.5, 0.5, 0];
  let f = tiedError(x[0], x[1], x[2]);
  for (let h = 0.25; h > 1e-10; h /= 2) {
    for (let moved = true; moved; ) {
      moved = false;
      for (let i = 0; i < 3; i++) for (const d of [h, -h]) {
        const y = x.slice();
        y[i] += d;
        if (i === 2 && y[2] < 0) continue;
        const fy = tiedError(y[0], y[1], y[2]);
        if (fy < f) { x = y; f = fy; moved = true; }
      }
    }
  }
  return { eg: f, r1: x[0], r2: x[1], qPerp: x[2] };
}

/** The plateau height at learning rate η: ε_g where the ODE from an exactly tied start settles (the tied subspace is invariant). */
export function plateauHeight(eta: number, alphaMax = Math.ceil(2000 / eta)): number {
  let s: ArrayLike<number> = [0, 0, 0, 0, 0.25, 0.25, 0.25];
  let eg = egErf(s);
  for (let a = 0; a < alphaMax; a += 10) {
    const rows = integrateOde(s, eta, 10);
    const last = rows[rows.length - 1];
    // Settled: ε_g changed by less than 1e-12 over 10 α.
    if (Math.abs(last.eg - eg) < 1e-12) return last.eg;
    s = last.s;
    eg = last.eg;
  }
  return eg;
}
