package org.ebmbench.cpu;

/**
 * e^x from additions, multiplications and one exponent-field shift, so that a vector loop ({@link
 * VectorSilu}) can compute the very same bits as this scalar one. Not a replacement for {@link
 * Math#exp} in general: it serves the activations' sigmoid.
 *
 * <p>Method: x = k ln 2 + r with k the integer nearest x log2(e) (found by adding 1.5 * 2^52, which
 * leaves k in the low bits of the sum), r = (x - k LN2_HI) - k LN2_LO with LN2_HI holding 33
 * significant bits (so k LN2_HI is exact for |k| <= 2^20) and |r| <= ln(2)/2 + 2^-40; e^r by its
 * Taylor polynomial of degree 13 in Horner form; 2^k placed in the exponent field.
 *
 * <p>Error: the Taylor remainder is below |r|^14 / 14! e^|r| < 6e-18 e^r, 0.06 ulp. r is rounded
 * twice (x - k LN2_HI is exact by Sterbenz's lemma), at most 2 * 2^-53 * 0.35 absolute, which
 * moves e^r by 0.4 ulp; ln 2 - LN2_HI - LN2_LO < 2e-26 adds under 2e-23 for |k| <= 1023. Each of
 * the 13 Horner steps rounds once, and since |r| < 0.35 the error of an inner step is damped by r
 * at every later one: 0.5 + 0.35 (0.5 + 0.35 (...)) < 0.8 ulp; the rounded coefficients 1/n! add
 * under 0.1. Scaling by 2^k is exact. Total: under 0.06 + 0.4 + 0.8 + 0.1 < 2 ulp of e^x; the test
 * checks 2 ulp against StrictMath.exp over [-708, 709], and we measured at most 1.
 *
 * <p>Range: above {@link #HIGH} = 709 the result is +infinity (e^x > 8.2e307; true overflow is at
 * 709.78), below {@link #LOW} = -708 it is 0 (e^x < 3.3e-308, where doubles lose precision); NaN
 * gives NaN. In 1 / (1 + e^-a) these cut-offs change a sigmoid by less than 1.3e-308.
 */
final class PolynomialExp {
  /** Above this the result is +infinity. */
  static final double HIGH = 709.0;

  /** Below this the result is 0. */
  static final double LOW = -708.0;

  static final double LOG2E = 1.4426950408889634;

  /** ln 2 rounded to its top 32 bits, and the rest. */
  static final double LN2_HI = 0x1.62e42fee00000p-1;

  static final double LN2_LO = 0x1.a39ef35793c76p-33;

  /** 1.5 * 2^52 + 1023: adding it rounds to an integer and leaves k + 1023 in the low bits. */
  static final double SHIFT = 0x1.8p52 + 1023;

  /** 1 / n!, n = 2..13, for the Horner steps of {@link #taylor} (the first two are 1). */
  static final double C2 = 1.0 / 2;
  static final double C3 = 1.0 / 6;
  static final double C4 = 1.0 / 24;
  static final double C5 = 1.0 / 120;
  static final double C6 = 1.0 / 720;
  static final double C7 = 1.0 / 5040;
  static final double C8 = 1.0 / 40320;
  static final double C9 = 1.0 / 362880;
  static final double C10 = 1.0 / 3628800;
  static final double C11 = 1.0 / 39916800;
  static final double C12 = 1.0 / 479001600;
  static final double C13 = 1.0 / 6227020800.0;

  private PolynomialExp() {}

  /** e^x within 2 ulp on [LOW, HIGH], +infinity above, 0 below (see the class comment). */
  static double exp(double x) {
    double clamped = Math.min(Math.max(x, LOW), HIGH);
    double t = clamped * LOG2E + SHIFT;
    double k = t - SHIFT;
    double r = clamped - k * LN2_HI - k * LN2_LO;
    double e = taylor(r) * Double.longBitsToDouble(Double.doubleToRawLongBits(t) << 52);
    if (x > HIGH) {
      return Double.POSITIVE_INFINITY;
    }
    return x < LOW ? 0.0 : e;
  }

  /** The degree-13 Taylor polynomial of e^r in Horner form, written out (VectorSilu mirrors it). */
  static double taylor(double r) {
    double p = r * C13 + C12;
    p = r * p + C11;
    p = r * p + C10;
    p = r * p + C9;
    p = r * p + C8;
    p = r * p + C7;
    p = r * p + C6;
    p = r * p + C5;
    p = r * p + C4;
    p = r * p + C3;
    p = r * p + C2;
    p = r * p + 1.0;
    return r * p + 1.0;
  }
}
