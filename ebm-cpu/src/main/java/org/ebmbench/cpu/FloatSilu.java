package org.ebmbench.cpu;

/**
 * The SiLU pass of {@link CpuOps#activate} for float matrices, in float arithmetic: phi(a) = a s
 * with s = 1 / (1 + e^-a) and its first three derivatives, in SIMD lanes when the Vector API is
 * there ({@link VectorFloatSilu}, the same bits). The double pass ({@link Silu}) would widen every
 * float, evaluate a degree-13 polynomial in half as many lanes and round five arrays back; that
 * took a quarter of a float denoising score-matching step of the benchmark MLP.
 *
 * <p>Everything is built from e = e^-|a| <= 1 ({@link FloatSigmoid#expInRange}), which cannot
 * overflow, so one comparison replaces the exp's clamps, and no output needs a difference that
 * cancels: with d = 1 / (1 + e), s is d where a > 0 and e d elsewhere, q = s (1 - s) = e d^2 and r
 * = 1 - 2 s = -sign(a) (1 - e) d, whatever the sign of a. With fused multiply-adds this took 11
 * us where forming s = 1 / (1 + e^-a) and 1 - s directly (e^-a clamped on both sides) took 29, for
 * phi and phi' of a 256 x 128 matrix; 22-26 us against 34 with all four outputs.
 *
 * <pre>
 *   phi = a s,  phi' = s + a q,  phi'' = q (2 + a r),  phi''' = q (r (3 + a r) - 2 a q)
 * </pre>
 *
 * <p>Error bounds (u = 2^-24; first order in u), for |a| <= {@value #BOUND}. e is within 2.9 u
 * ({@link FloatSigmoid}). d carries e's error times e / (1 + e) <= 1/2 and two roundings: 3.45 u.
 * e d carries e's error times 1 / (1 + e) and three roundings: 5.9 u; so s is within 5.9 u. q = (e
 * d) d carries e's error times |1 - e| / (1 + e) <= 1, the roundings of 1 + e and of d twice each,
 * and two more: 8.9 u. r: 1 - e is within 2.9 u absolutely (e's error, 2.9 u e, and one rounding,
 * u (1 - e)), so r is within 2.9 u d + 4.45 u |r| <= 7.35 u absolutely. Carrying these through
 * each formula's operations, with |r| <= 1, q <= 1/4 and |2 + a r| <= 2 + |a| (a r <= 0):
 *
 * <pre>
 *   phi    6.9 u |a s|           phi''   u q (22 + 20 |a|)
 *   phi'   9.9 u (s + |a| q)     phi'''  u q (61 + 39 |a|)
 * </pre>
 *
 * ({@code FloatSiluTest} checks them against double arithmetic.) Beyond |a| = {@value #BOUND}, e is
 * taken as 0: for a > {@value #BOUND}, s = 1 and q = 0 exactly, and each output misses the true one
 * by at most (1 + |a|)^2 e^-|a|; for a < -{@value #BOUND}, every output is 0 and the true ones are
 * below that in magnitude. So outputs there are within 2 (1 + |a|)^2 e^-|a| < 3e-34 absolutely.
 * NaN stays NaN.
 */
final class FloatSilu {
  /** Beyond this |a|, e^-|a| is taken as 0: the float exp's lower clamp. */
  static final float BOUND = -FloatSigmoid.LOW;

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
      float w = Math.abs(a);
      float e = w > BOUND ? 0.0f : FloatSigmoid.expInRange(-w);
      float d = 1.0f / (1.0f + e);
      float ed = e * d;
      float s = a > 0 ? d : ed;
      v[1][o[1] + i] = a * s;
      if (order == 0) {
        continue;
      }
      float q = ed * d;
      v[2][o[2] + i] = Math.fma(a, q, s);
      if (order == 1) {
        continue;
      }
      float m = (1.0f - e) * d;
      float r = a > 0 ? -m : m;
      float ar = a * r;
      v[3][o[3] + i] = q * (ar + 2.0f);
      if (order == 2) {
        continue;
      }
      v[4][o[4] + i] = q * (r * (ar + 3.0f) - 2.0f * a * q);
    }
  }
}
