package org.ebmbench.cpu;

/**
 * The SiLU pass of {@link CpuOps#activate} for float matrices, in float arithmetic: phi(a) = a s
 * with s = 1 / (1 + e^-a) and its first three derivatives, e^-a and s as {@link FloatSigmoid}
 * computes them, in SIMD lanes when the Vector API is there ({@link VectorFloatSilu}, the same
 * bits). The double pass ({@link Silu}) would widen every float, evaluate a degree-13 polynomial in
 * half as many lanes and round five arrays back; that took a quarter of a float denoising
 * score-matching step of the benchmark MLP.
 *
 * <p>The formulas are {@link Silu}'s but one: 1 - s is taken as e s where a > 0, so that q = s (1
 * - s) keeps its relative accuracy where s rounds to 1 (from a = 17 on, in float).
 *
 * <pre>
 *   m = a > 0 ? e s : 1 - s,  q = s m,  r = 1 - 2 s
 *   phi = a s,  phi' = s + a q,  phi'' = q (2 + a r),  phi''' = q (r (3 + a r) - 2 a q)
 * </pre>
 *
 * <p>Error bounds (u = 2^-24; first order in u), for |a| < 87. e is within 2.9 u and s within 4.9
 * u relative ({@link FloatSigmoid}). m is within 8.8 u: e s adds one rounding to the two errors;
 * 1 - s with s <= 1/2 carries s's error, at most 4.9 u of m, and one rounding. Then q is within
 * 14.7 u, and r within 11 u absolute (2 s's error, 9.8 u, and one rounding). Carrying these
 * through each formula's operations, with the true values' magnitudes (s, q <= 1, |r| <= 1):
 *
 * <pre>
 *   phi    5.9 u |a s|           phi''   u q (34 + 29 |a|)
 *   phi'   17 u (s + |a| q)      phi'''  u q (90 + 58 |a|)
 * </pre>
 *
 * ({@code FloatSiluTest} checks them against double arithmetic.) Beyond |a| = 87 the clamps of
 * {@link FloatSigmoid#exp} take over (e^-a is 0 for a > 87, infinite for a < -88). For a > 87, s
 * = 1 and q = 0 exactly, and each output misses the true one by at most (1 + |a|)^2 e^-|a|; for
 * a < -87 every output, true or computed, is below that in magnitude (s is under 2e-38 or 0). So
 * outputs there are within 2 (1 + |a|)^2 e^-|a| < 3e-34 absolutely. NaN stays NaN.
 */
final class FloatSilu {
  private FloatSilu() {}

  /**
   * Elements [0, length) laid out as in {@link Silu#pass}, in float arrays: a from v[0], phi into
   * v[1] and its derivatives up to {@code order} into v[2] to v[order + 1] (the rest are not
   * touched and may be null); element i of v[j] is {@code v[j][o[j] + i]}. An output may be the
   * input at the same offset.
   */
  static void pass(float[][] v, int[] o, int order, int length) {
    if (ElementPass.VECTOR_API) {
      VectorFloatSilu.pass(v, o, order, length);
    } else {
      scalar(v, o, order, 0, length);
    }
  }

  /** Elements [from, to) of {@link #pass}, one at a time. */
  static void scalar(float[][] v, int[] o, int order, int from, int to) {
    for (int i = from; i < to; i++) {
      float a = v[0][o[0] + i];
      float e = FloatSigmoid.exp(-a);
      float s = 1.0f / (1.0f + e);
      v[1][o[1] + i] = a * s;
      if (order == 0) {
        continue;
      }
      float m = a > 0 ? e * s : 1.0f - s;
      float q = s * m;
      v[2][o[2] + i] = s + a * q;
      if (order == 1) {
        continue;
      }
      float r = 1.0f - 2.0f * s;
      float ar = a * r;
      v[3][o[3] + i] = q * (2.0f + ar);
      if (order == 2) {
        continue;
      }
      v[4][o[4] + i] = q * (r * (3.0f + ar) - 2.0f * a * q);
    }
  }
}
