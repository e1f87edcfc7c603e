import type { Dataset } from '../../core/model.ts';

/**
 * The Hessian of J = mean (y − f)² + λ‖θ‖² for f(x) = c + Σ_j v_j ReLU(w_j x + b_j), one input, in core's layout
 * (w₁…w_M, b₁…b_M, v₁…v_M, c), row-major. Inside a region of fixed activations (a_ij = [w_j x_i + b_j > 0], the
 * ReLU′(0) = 0 of the gradient) f is bilinear, so ∇²J = (2/n) Σ_i (∇f_i ∇f_iᵀ − e_i ∇²f_i) + 2λI exactly, where the
 * only second derivatives of f are ∂²f/∂v_j∂w_j = a_ij x_i and ∂²f/∂v_j∂b_j = a_ij. Central differences of the
 * gradient instead jump wherever a kink lies within the step of an input, which sends Newton astray there.
 */
export function reluHessian(data: Dataset, M: number, p: Float64Array, lambda: number): Float64Array {
  const P = 3 * M + 1;
  const H = new Float64Array(P * P);
  const df = new Float64Array(P);
  const scale = 2 / data.n;
  for (let i = 0; i < data.n; i++) {
    const x = data.X[i];
    let f = p[3 * M];
    df.fill(0);
    df[3 * M] = 1;
    for (let j = 0; j < M; j++) {
      const z = p[j] * x + p[M + j];
      if (!(z > 0)) continue;
      f += p[2 * M + j] * z;
      df[j] = p[2 * M + j] * x;
      df[M + j] = p[2 * M + j];
      df[2 * M + j] = z;
    }
    const e = data.Y[i] - f;
    for (let q = 0; q < P; q++) if (df[q] !== 0) for (let u = 0; u < P; u++) H[q * P + u] += scale * df[q] * df[u];
    for (let j = 0; j < M; j++) {
      if (!(p[j] * x + p[M + j] > 0)) continue;
      for (const [q, d2] of [[j, x], [M + j, 1]] as const) {
        H[q * P + 2 * M + j] -= scale * e * d2;
        H[(2 * M + j) * P + q] -= scale * e * d2;
      }
    }
  }
  for (let q = 0; q < P; q++) H[q * P + q] += 2 * lambda;
  return H;
}
