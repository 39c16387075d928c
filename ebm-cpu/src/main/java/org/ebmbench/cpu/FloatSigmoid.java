package org.ebmbench.cpu;

/**
 * The sigmoid of float matrices in float arithmetic: s = 1 / (1 + e^-a), e^-a by Cody-Waite
 * reduction and a degree-7 polynomial, in SIMD lanes when the Vector API is there ({@link
 * VectorFloatSigmoid}, 16 floats with AVX-512), with the same bits. The double pass ({@link
 * Sigmoid}) would widen every float, evaluate a degree-13 polynomial in half as many lanes and
 * round back; float matrices do not need that accuracy, and the RBM's float CD update spends
 * most of its element-wise time here.
 *
 * <p>Error bound (u = 2^-24, the float unit roundoff). With y = -a clamped to [{@value #LOW},
 * {@value #HIGH}], k = round(y / ln 2) (one fused multiply-add rounds y log2(e) to an integer) and
 * r = y - k ln 2, |r| <= 0.3466. k ln2_hi is exact (17 significant bits times |k| <= 127) and so
 * is y - k ln2_hi (Sterbenz), so r carries the roundings of k ln2_lo and of the last subtraction
 * and ln2_lo's own: under 2.2e-8 absolute, 0.36 u relative in e^r. The degree-7 Taylor polynomial
 * is short of e^r by at most r^8 e^|r| / 8!, 0.17 u of e^r >= 0.707. Its Horner steps, the error
 * of each step times |r|^j for the j steps after it, add at most 1.41 u (the last step), 0.69 u,
 * 0.11 u and 0.02 u (the rest), and the coefficients' roundings 0.07 u: e^r is within 2.9 u, and
 * e^y = e^r 2^k too (2^k is exact). (Those step errors are for a multiply and an add, each
 * rounded; the steps are fused multiply-adds, rounded once, so they err less. Fusing was measured
 * to take a third off {@link FloatSilu}'s pass.)
 * s = 1 / (1 + e) inherits at most e / (1 + e) of e's error and two roundings: within 4.9 u, 2.9e-7
 * relative ({@code FloatSigmoidTest} checks 5 u against double arithmetic). Outside the clamp: for
 * a < -88, where e^-a would overflow, s is 0 while the true value is below 6.1e-39 (a subnormal
 * float); for a > 87, e^-a is taken as 0 and s is 1, which is 1 - e^-a rounded to float. NaN
 * stays NaN.
 */
final class FloatSigmoid {
  /** Below this, e^y is taken as 0 (2^k stays a normal float). */
  static final float LOW = -87.0f;

  /** Above this, e^y is +infinity (2^k stays finite). */
  static final float HIGH = 88.0f;

  static final float LOG2E = 1.44269504f;

  /** 1.5 * 2^23 + 127: adding it rounds to an integer and leaves k + 127 in the low bits. */
  static final float SHIFT = 0x1.8p23f + 127;

  /** ln 2 to 17 significant bits (exact times any |k| <= 127), and the rest. */
  static final float LN2_HI = Float.intBitsToFloat(0x3f317180);

  static final float LN2_LO = Float.intBitsToFloat(0x3717f7d1);

  /** 1 / n! for n = 2..7, rounded to float. */
  static final float C2 = 1.0f / 2;
  static final float C3 = 1.0f / 6;
  static final float C4 = 1.0f / 24;
  static final float C5 = 1.0f / 120;
  static final float C6 = 1.0f / 720;
  static final float C7 = 1.0f / 5040;

  private FloatSigmoid() {}

  /**
   * s[to + i] = sigmoid(a[from + i]) for i in [0, length); s may be a at the same offset (in
   * place).
   */
  static void pass(float[] a, int from, float[] s, int to, int length) {
    if (ElementPass.VECTOR_API) {
      VectorFloatSigmoid.pass(a, from, s, to, length);
    } else {
      scalar(a, from, s, to, 0, length);
    }
  }

  /** Elements [start, end) of {@link #pass}, one at a time. */
  static void scalar(float[] a, int from, float[] s, int to, int start, int end) {
    for (int i = start; i < end; i++) {
      s[to + i] = 1.0f / (1.0f + exp(-a[from + i]));
    }
  }

  /** e^y within 2.9 u on [LOW, HIGH], +infinity above, 0 below (see the class comment). */
  static float exp(float y) {
    float e = expInRange(Math.min(Math.max(y, LOW), HIGH));
    if (y > HIGH) {
      return Float.POSITIVE_INFINITY;
    }
    return y < LOW ? 0.0f : e;
  }

  /** e^y within 2.9 u for y in [LOW, HIGH] (see the class comment); {@link FloatSilu} too. */
  static float expInRange(float y) {
    float t = Math.fma(y, LOG2E, SHIFT);
    float k = t - SHIFT;
    float r = Math.fma(k, -LN2_HI, y) - k * LN2_LO;
    float p = Math.fma(r, C7, C6);
    p = Math.fma(r, p, C5);
    p = Math.fma(r, p, C4);
    p = Math.fma(r, p, C3);
    p = Math.fma(r, p, C2);
    p = Math.fma(r, p, 1.0f);
    p = Math.fma(r, p, 1.0f);
    return p * Float.intBitsToFloat(Float.floatToRawIntBits(t) << 23);
  }
}
