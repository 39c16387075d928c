package org.ebmbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The polynomial exp's error bound, and the SIMD SiLU pass giving the scalar pass's bits. */
class SiluPassTest {
  /** PolynomialExp's proven bound (class comment): under 2 ulp of e^x on [LOW, HIGH]. */
  private static final double EXP_ULPS = 2.0;

  @Test
  void polynomialExpIsWithinTwoUlpOfStrictMath() {
    SplittableRandom random = new SplittableRandom(7);
    double[] fixed = {0.0, -0.0, 1e-300, -1e-300, 0.5 * Math.log(2), -0.5 * Math.log(2), 1.0,
        -1.0, PolynomialExp.LOW, PolynomialExp.HIGH, 700.5, -700.5};
    for (double x : fixed) {
      assertWithinUlps(x);
    }
    for (int i = 0; i < 200_000; i++) {
      // Half the draws where the sigmoid lives (|x| < 40), half over the whole range.
      double x = i % 2 == 0 ? random.nextDouble(-40, 40)
          : random.nextDouble(PolynomialExp.LOW, PolynomialExp.HIGH);
      assertWithinUlps(x);
    }
  }

  @Test
  void polynomialExpCutsOffOutsideItsRange() {
    assertEquals(Double.POSITIVE_INFINITY, PolynomialExp.exp(709.5));
    assertEquals(Double.POSITIVE_INFINITY, PolynomialExp.exp(Double.POSITIVE_INFINITY));
    assertEquals(0.0, PolynomialExp.exp(-708.5));
    assertEquals(0.0, PolynomialExp.exp(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(PolynomialExp.exp(Double.NaN)));
  }

  @Test
  void vectorPassGivesTheScalarPassBits() {
    VectorPassInputs.assumeVectorApi();
    int length = VectorPassInputs.LENGTH;
    int offset = 5;
    double[] x = VectorPassInputs.withEdgeCases(11, offset, 30);
    double[][] vector = chunk(x, length);
    double[][] scalar = chunk(x, length);
    int[] offsets = {offset, 0, 0, 0, 0};
    VectorSilu.pass(vector, offsets, length);
    Silu.scalar(scalar, offsets, 0, length);
    for (int j = 1; j <= 4; j++) {
      for (int i = 0; i < length; i++) {
        // doubleToLongBits: any NaN is one NaN (payloads differ even between the JIT's and the
        // interpreter's arithmetic, and mean nothing).
        assertEquals(
            Double.doubleToLongBits(scalar[j][i]), Double.doubleToLongBits(vector[j][i]),
            "output " + j + " at a = " + x[offset + i]);
      }
    }
  }

  @Test
  void siluMatchesItsDefinitionWithMathExp() {
    SplittableRandom random = new SplittableRandom(3);
    int length = 4096;
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      x[i] = random.nextDouble(-30, 30);
    }
    double[][] v = chunk(x, length);
    Silu.pass(v, new int[5], length);
    for (int i = 0; i < length; i++) {
      double a = x[i];
      double s = 1.0 / (1.0 + Math.exp(-a));
      // A 2 ulp error in e^-a moves s by at most 2 ulp relative, a s by 3 ulp: 1e-15 relative.
      assertEquals(a * s, v[1][i], 1e-15 * Math.abs(a * s), "phi at " + a);
      assertEquals(s + a * s * (1 - s), v[2][i], 1e-14 * (1 + Math.abs(a)), "phi' at " + a);
    }
  }

  private static void assertWithinUlps(double x) {
    double expected = StrictMath.exp(x);
    double actual = PolynomialExp.exp(x);
    assertTrue(
        Math.abs(actual - expected) <= EXP_ULPS * Math.ulp(expected),
        "exp(" + x + ") = " + actual + ", StrictMath " + expected);
  }

  /** x as input array 0 and four empty outputs. */
  private static double[][] chunk(double[] x, int length) {
    return new double[][] {x, new double[length], new double[length], new double[length],
        new double[length]};
  }
}
