import { checkSeed } from '../../core/random.ts';

/**
 * A fast seeded normal generator for the teacher–student simulations, where sampling x ~ N(0, I_N)
 * is most of the cost of a step. Uniform bits: Marsaglia's xorshift128 (period 2¹²⁸ − 1), seeded
 * through splitmix32 so nearby seeds give unrelated streams. Normals: Marsaglia & Tsang's ziggurat
 * (128 layers), which needs one 32-bit draw and one multiply for about 98% of the samples.
 */
export interface FastRng {
  /** Standard normal draw N(0, 1). */
  normal: () => number;
  /** Uniform draw on (0, 1). */
  uniform: () => number;
  /** Fills out[0..n) with independent N(0, 1) draws (the fast path keeps the state in registers). */
  fill: (out: Float64Array, n?: number) => void;
}

const KN = new Int32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
const R = 3.442619855899; // start of the tail: the 128 layers and the tail have equal area V
(function zigset() {
  const m1 = 2147483648;
  const vn = 9.91256303526217e-3; // that area V
  let dn = R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
})();

/** splitmix32: turns any integer seed into a well-mixed 32-bit word (used only for seeding). */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/** A seeded stream of uniforms and normals; the same seed gives the same stream on every engine. */
export function fastRng(seed: number): FastRng {
  checkSeed('seed', seed);
  const st = { s: seed | 0 };
  let x = splitmix32(st);
  let y = splitmix32(st);
  let z = splitmix32(st);
  let w = splitmix32(st);
  if ((x | y | z | w) === 0) w = 1; // xorshift128 must not start at the all-zero state
  // One signed 32-bit xorshift128 word.
  const next = () => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = w ^ (w >>> 19) ^ (t ^ (t >>> 8));
    return w | 0;
  };
  // (0, 1): never exactly 0, so −log(u) in the tail stays finite.
  const uniform = () => ((next() >>> 0) + 0.5) / 4294967296;
  // The slow path: a draw outside the layer's inner rectangle (about 2% of draws).
  const nfix = (hz: number, iz: number): number => {
    for (;;) {
      const v = hz * WN[iz];
      if (iz === 0) {
        let a: number;
        let b: number;
        do {
          a = -Math.log(uniform()) / R;
          b = -Math.log(uniform());
        } while (b + b < a * a);
        return hz > 0 ? R + a : -R - a;
      }
      if (FN[iz] + uniform() * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * v * v)) return v;
      hz = next();
      iz = hz & 127;
      if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
    }
  };
  const normal = () => {
    const hz = next();
    const iz = hz & 127;
    return Math.abs(hz) < KN[iz] ? hz * WN[iz] : nfix(hz, iz);
  };
  const fill = (out: Float64Array, n = out.length) => {
    let a = x, b = y, c = z, d = w;
    for (let i = 0; i < n; i++) {
      const t = a ^ (a << 11);
      a = b;
      b = c;
      c = d;
      d = d ^ (d >>> 19) ^ (t ^ (t >>> 8));
      const hz = d | 0;
      const iz = hz & 127;
      if (Math.abs(hz) < KN[iz]) out[i] = hz * WN[iz];
      else {
        x = a; y = b; z = c; w = d;
        out[i] = nfix(hz, iz);
        a = x; b = y; c = z; d = w;
      }
    }
    x = a; y = b; z = c; w = d;
  };
  return { normal, uniform, fill };
}
