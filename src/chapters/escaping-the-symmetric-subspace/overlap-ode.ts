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

/** Covariance of the fields (h1, h2, u1, u2), students then teachers, for overlaps s (T = I), 4×4 row-major. */
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

/** dR_kn/dα = η⟨δ_k u_n⟩ and dQ_kl/dα = η⟨δ_k h_l + δ_l h_k⟩ + η²⟨δ_k δ_l⟩, with δ_k = g′(h_k)(y − ŷ). */
export function odeRhs(s: ArrayLike<number>, eta: number, out: Float64Array = new Float64Array(7)): Float64Array {
  const C = fieldCov(s);
  // ⟨δ_k v⟩ for field v: Σ_j sign_j ⟨g′(h_k) v g(f_j)⟩
  const dv = (k: number, v: number) => {
    let t = 0;
    for (let j = 0; j < 4; j++) t += SIGN[j] * I3(C[k * 5], C[k * 4 + v], C[k * 4 + j], C[v * 4 + j], C[j * 5]);
    return t;
  };
  // ⟨δ_k δ_l⟩ = Σ_jm sign_j sign_m ⟨g′(h_k) g′(h_l) g(f_j) g(f_m)⟩, symmetric in (j, m)
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

// ——— The linearisation at the tied fixed point ———

/** ∂I3/∂(C_uu, C_uv, C_uw, C_vw, C_ww), in closed form (I3 = k·n/(A√L3), A = 1 + C_uu, n = C_vw·A − C_uv·C_uw). */
export function I3grad(c11: number, c12: number, c13: number, c23: number, c33: number, out: Float64Array = new Float64Array(5)): Float64Array {
  const k = 2 / PI;
  const A = 1 + c11;
  const L3 = A * (1 + c33) - c13 * c13;
  const r = sqrt(L3);
  const n = c23 * A - c12 * c13;
  const L32 = L3 * r; // L3^{3/2}
  out[0] = k * (c23 / (A * r) - n / (A * A * r) - (n * (1 + c33)) / (2 * A * L32));
  out[1] = (-k * c13) / (A * r);
  out[2] = k * (-c12 / (A * r) + (n * c13) / (A * L32));
  out[3] = k / r;
  out[4] = (-k * n) / (2 * L32);
  return out;
}

/**
 * ∂I4/∂(slot) for I4at's ten slots, in the order ii, jj, ij, ik, il, jk, jl, kl, kk, ll (each slot is one entry
 * of C as I4at reads it; a repeated index reads one entry through two slots, and the chain rule adds them).
 */
function I4grad(ii: number, jj: number, ij: number, ik: number, il: number, jk: number, jl: number, kl: number, kk: number, ll: number, out: Float64Array): void {
  // The slots as I4at uses them: ii, jj, kk, ll carry the 1 + C of the diagonal.
  const a = 1 + ii, b = 1 + jj, c = 1 + kk, d = 1 + ll;
  const L4 = a * b - ij * ij;
  const L0 = L4 * kl - jk * jl * a - ik * il * b + ij * ik * jl + ij * il * jk;
  const L1 = L4 * c - jk * jk * a - ik * ik * b + 2 * ij * ik * jk;
  const L2 = L4 * d - jl * jl * a - il * il * b + 2 * ij * il * jl;
  const P = sqrt(L1 * L2);
  const z = L0 / P;
  const S = asin(z);
  const k = 4 / (PI * PI);
  const r4 = sqrt(L4);
  const dz = 1 / sqrt(1 - z * z);
  // dI4 = k[−½ L4^{−3/2} S dL4 + L4^{−1/2} dz·(dL0/P − ½ z (dL1/L1 + dL2/L2))]
  const grad = (dL4: number, dL0: number, dL1: number, dL2: number) =>
    k * (-0.5 * S * dL4 / (L4 * r4) + (dz / r4) * (dL0 / P - 0.5 * z * (dL1 / L1 + dL2 / L2)));
  // Partial derivatives of L4, L0, L1, L2 in each slot.
  out[0] = grad(b, b * kl - jk * jl, b * c - jk * jk, b * d - jl * jl); // ii
  out[1] = grad(a, a * kl - ik * il, a * c - ik * ik, a * d - il * il); // jj
  out[2] = grad(-2 * ij, -2 * ij * kl + ik * jl + il * jk, -2 * ij * c + 2 * ik * jk, -2 * ij * d + 2 * il * jl); // ij
  out[3] = grad(0, -il * b + ij * jl, -2 * ik * b + 2 * ij * jk, 0); // ik
  out[4] = grad(0, -ik * b + ij * jk, 0, -2 * il * b + 2 * ij * jl); // il
  out[5] = grad(0, -jl * a + ij * il, -2 * jk * a + 2 * ij * ik, 0); // jk
  out[6] = grad(0, -jk * a + ij * ik, 0, -2 * jl * a + 2 * ij * il); // jl
  out[7] = grad(0, L4, 0, 0); // kl
  out[8] = grad(0, 0, L4, 0); // kk
  out[9] = grad(0, 0, 0, L4); // ll
}

// Which overlap each entry of the field covariance is (fieldCov's layout); −1: a constant of the teacher.
const CIDX = [4, 5, 0, 1, 5, 6, 2, 3, 0, 2, -1, -1, 1, 3, -1, -1];

/**
 * The Jacobian J[i·7 + j] = ∂F_i/∂s_j of odeRhs, in closed form: every term of F is an I3 or an I4 of entries of the
 * field covariance C, each entry is one overlap (or a constant), so J sums ∂I/∂C over the terms (the chain rule).
 */
export function odeJacobian(s: ArrayLike<number>, eta: number): Float64Array {
  const C = fieldCov(s);
  const J = new Float64Array(49);
  const g3 = new Float64Array(5);
  const g4 = new Float64Array(10);
  /** Adds w·∂I3(k, v, j)/∂s to row `row`. */
  const addI3 = (row: number, w: number, k: number, v: number, j: number) => {
    I3grad(C[k * 5], C[k * 4 + v], C[k * 4 + j], C[v * 4 + j], C[j * 5], g3);
    const at = [k * 5, k * 4 + v, k * 4 + j, v * 4 + j, j * 5];
    for (let t = 0; t < 5; t++) { const o = CIDX[at[t]]; if (o >= 0) J[row * 7 + o] += w * g3[t]; }
  };
  /** Adds w·∂I4at(k, l, j, m)/∂s to row `row`. */
  const addI4 = (row: number, w: number, i: number, j: number, k: number, l: number) => {
    I4grad(C[i * 5], C[j * 5], C[i * 4 + j], C[i * 4 + k], C[i * 4 + l], C[j * 4 + k], C[j * 4 + l], C[k * 4 + l], C[k * 5], C[l * 5], g4);
    const at = [i * 5, j * 5, i * 4 + j, i * 4 + k, i * 4 + l, j * 4 + k, j * 4 + l, k * 4 + l, k * 5, l * 5];
    for (let t = 0; t < 10; t++) { const o = CIDX[at[t]]; if (o >= 0) J[row * 7 + o] += w * g4[t]; }
  };
  // η⟨δ_k v⟩ = η Σ_j sign_j I3(k, v, j), as odeRhs's dv
  const dv = (row: number, w: number, k: number, v: number) => { for (let j = 0; j < 4; j++) addI3(row, w * SIGN[j], k, v, j); };
  // η²⟨δ_k δ_l⟩, as odeRhs's dd
  const dd = (row: number, w: number, k: number, l: number) => {
    for (let j = 0; j < 4; j++) {
      addI4(row, w, k, l, j, j);
      for (let m = j + 1; m < 4; m++) addI4(row, w * 2 * SIGN[j] * SIGN[m], k, l, j, m);
    }
  };
  dv(0, eta, 0, 2); dv(1, eta, 0, 3); dv(2, eta, 1, 2); dv(3, eta, 1, 3);
  dv(4, 2 * eta, 0, 0); dd(4, eta * eta, 0, 0);
  dv(5, eta, 0, 1); dv(5, eta, 1, 0); dd(5, eta * eta, 0, 1);
  dv(6, 2 * eta, 1, 1); dd(6, eta * eta, 1, 1);
  return J;
}

/** J·v for the 7×7 row-major J. */
export function jacobianTimes(J: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(7);
  for (let i = 0; i < 7; i++) { let t = 0; for (let j = 0; j < 7; j++) t += J[i * 7 + j] * v[j]; out[i] = t; }
  return out;
}

/** The direction along which the units specialise: R11 − R12 − R21 + R22 (unit 1 towards teacher 1, unit 2 towards teacher 2). */
export const SPECIALISE = Float64Array.of(1, -1, -1, 1, 0, 0, 0);

/**
 * The tied, teacher-symmetric fixed point s* = [r, r, r, r, q, q, q] at learning rate η: Newton's method on the two
 * equations F_R(r, q) = F_Q(r, q) = 0 (on this line every F_R and every F_Q are equal), started at the best tied
 * student r = 1/√6, q = 1/3 (the η → 0 limit). Null when it does not converge to a valid state.
 */
export function tiedFixedPoint(eta: number): Float64Array | null {
  positive('learning rate η', eta);
  let r = 1 / sqrt(6), q = 1 / 3;
  for (let it = 0; it < 50; it++) {
    const s = [r, r, r, r, q, q, q];
    const F = odeRhs(s, eta);
    const J = odeJacobian(s, eta);
    // Derivatives along the line: d/dr moves all four R, d/dq all three Q.
    const a = J[0] + J[1] + J[2] + J[3], b = J[4] + J[5] + J[6];
    const c = J[28] + J[29] + J[30] + J[31], d = J[32] + J[33] + J[34];
    const det = a * d - b * c;
    if (!(Math.abs(det) > 0)) return null;
    const dr = (d * F[0] - b * F[4]) / det;
    const dq = (a * F[4] - c * F[0]) / det;
    r -= dr; q -= dq;
    if (!Number.isFinite(r) || !Number.isFinite(q)) return null;
    if (Math.abs(dr) + Math.abs(dq) < 1e-15) break;
  }
  const s = Float64Array.of(r, r, r, r, q, q, q);
  const F = odeRhs(s, eta);
  // A state of real weights has |w|² ≥ its part in the teacher plane, q ≥ 2r² (equality at η → 0), and ε_g ≥ 0.
  const valid = q >= 2 * r * r - 1e-12 && egErf(s) >= 0;
  return valid && F.every((v) => Math.abs(v) < 1e-12) ? s : null;
}

/** What the linearisation at the tied fixed point says for learning rate η. */
export interface TiedSaddle {
  eta: number;
  /** The fixed point [r, r, r, r, q, q, q]. */
  point: Float64Array;
  /** Its ε_g: the plateau height. */
  height: number;
  /** The eigenvalue along SPECIALISE: the gap's growth rate λ, per unit α. */
  lambda: number;
  /** The other two eigenvalues that break the tie (R11 + R12 − R21 − R22 and Q11 − Q22 mix), larger first. */
  otherOdd: [number, number];
  /** The eigenvalue along which the units' difference outside the teachers' plane grows (symmetric, but not tied). */
  spread: number;
  /** The three eigenvalues inside the tied subspace, larger first: all negative, so s* attracts there. */
  tied: [number, number, number];
}

/** The eigenvalues of [[a, b], [c, d]], larger first (real parts when complex). */
function eig2(a: number, b: number, c: number, d: number): [number, number] {
  const tr = a + d, det = a * d - b * c;
  const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  return [tr / 2 + disc, tr / 2 - disc];
}

/**
 * Linearises the ODE at the tied fixed point. Swapping the students and swapping the teachers are symmetries of the
 * ODE that fix s*, so J splits into their four sectors; odd under both is one direction, SPECIALISE, hence an exact
 * eigenvector with λ = v·Jv/|v|²; odd under the student swap only is the 2×2 block on R11 + R12 − R21 − R22 and
 * Q11 − Q22. Even under both is a 3×3 block on ΣR, Q11 + Q22 and Q12; the tied subspace (Q12 = Q11 = Q22) is
 * invariant, so two of its eigenvalues are the tied ones and the third, the trace minus those two, is the spread.
 */
export function tiedSaddle(eta: number): TiedSaddle | null {
  const point = tiedFixedPoint(eta);
  if (!point) return null;
  const J = odeJacobian(point, eta);
  const Jv = jacobianTimes(J, SPECIALISE);
  const lambda = (Jv[0] - Jv[1] - Jv[2] + Jv[3]) / 4;
  // Odd under the student swap only: J u1 = m11 u1 + m21 u2, J u2 = m12 u1 + m22 u2 with u1 = R11 + R12 − R21 − R22, u2 = Q11 − Q22.
  const a1 = jacobianTimes(J, [1, 1, -1, -1, 0, 0, 0]);
  const a2 = jacobianTimes(J, [0, 0, 0, 0, 1, 0, -1]);
  const otherOdd = eig2(a1[0], a2[0], a1[4], a2[4]);
  // Even under both: basis e1 = ΣR, e2 = Q11 + Q22, e3 = Q12; a vector's coordinates are its R11, Q11 and Q12 entries.
  const b1 = jacobianTimes(J, [1, 1, 1, 1, 0, 0, 0]);
  const b2 = jacobianTimes(J, [0, 0, 0, 0, 1, 0, 1]);
  const b3 = jacobianTimes(J, [0, 0, 0, 0, 0, 1, 0]);
  // The tied directions among them: e1 and t = e2 + e3 (all three Q together), a 2×2 block of their own.
  const t = b2.map((x, i) => x + b3[i]);
  const tiedEven = eig2(b1[0], t[0], b1[4], t[4]);
  const spread = b1[0] + b2[4] + b3[5] - tiedEven[0] - tiedEven[1];
  // Even under the student swap, odd under the teacher swap: R11 − R12 + R21 − R22, inside the tied subspace.
  const c1 = jacobianTimes(J, [1, -1, 1, -1, 0, 0, 0]);
  const tied = [...tiedEven, c1[0]].sort((x, y) => y - x) as [number, number, number];
  return { eta, point, height: egErf(point), lambda, otherOdd, spread, tied };
}

// ——— The best tied student, in closed form ———

/**
 * The best error of a tied student (ŷ = 2g(h), one unit counted twice): R_1 = R_2 = 1/√6, Q = 1/3 and
 * ε* = 1/3 − (4/π) arcsin(1/4). Derivation in the chapter; bestTied checks it numerically.
 */
export const BEST_TIED = { r: 1 / sqrt(6), q: 1 / 3, eg: 1 / 3 - (4 / PI) * asin(0.25) } as const;

/** ε_g of a tied student along its best family (all of |w|² in the teacher plane, equally): t = q/(1 + q). */
export function tiedErrorOfT(t: number): number {
  return (1 / PI) * (4 * asin(t) + PI / 3 - 8 * asin(sqrt(t) / 2));
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

/** The plateau height at learning rate η: ε_g of the tied fixed point (Newton; tests check it against plateauHeightByOde). */
export function plateauHeight(eta: number): number {
  const s = tiedSaddle(eta);
  return s ? s.height : plateauHeightByOde(eta);
}

/** The plateau height by integration: ε_g where the ODE from an exactly tied start settles (the tied subspace is invariant). */
export function plateauHeightByOde(eta: number, alphaMax = Math.ceil(2000 / eta)): number {
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
