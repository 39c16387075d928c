package org.ebmbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sigmoid pass: SIMD lanes give the scalar loop's bits, and both match 1 / (1 + e^-a). */
class SigmoidPassTest {
  @Test
  void vectorPassGivesTheScalarPassBits() {
    VectorPassInputs.assumeVectorApi();
    int length = VectorPassInputs.LENGTH;
    int offset = 7;
    double[] x = VectorPassInputs.withEdgeCases(13, offset, 40);
    int[] offsets = {offset, 0};
    double[][] vector = {x, new double[length]};
    double[][] scalar = {x, new double[length]};
    VectorSigmoid.pass(vector, offsets, length);
    Sigmoid.scalar(scalar, offsets, 0, length);
    for (int i = 0; i < length; i++) {
      // doubleToLongBits: any NaN is one NaN (payloads mean nothing).
      assertEquals(Double.doubleToLongBits(scalar[1][i]), Double.doubleToLongBits(vector[1][i]),
          "sigmoid at a = " + x[offset + i]);
    }
  }

  @Test
  void passMatchesTheDefinitionInPlace() {
    SplittableRandom random = new SplittableRandom(5);
    int length = 4099;
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      x[i] = random.nextDouble(-40, 40);
    }
    double[] inPlace = x.clone();
    Sigmoid.pass(new double[][] {inPlace, inPlace}, new int[2], length);
    for (int i = 0; i < length; i++) {
      double expected = 1.0 / (1.0 + Math.exp(-x[i]));
      // PolynomialExp is within 2 ulp of e = e^-a and Math.exp within 1, so the two e differ by at
      // most 3 * 2^-52 e; 1 + e then differs by that plus one rounding each (2^-52 (1 + e)),
      // relative to 1 + e at most 3 * 2^-52 + 2^-52; the divisions round once each (2^-52):
      // 5 * 2^-52 = 1.2e-15 relative.
      assertEquals(expected, inPlace[i], 5 * 0x1p-52 * expected, "sigmoid at " + x[i]);
    }
    assertEquals(0.0, sigmoidOf(-800.0));
    assertEquals(1.0, sigmoidOf(800.0));
  }

  private static double sigmoidOf(double a) {
    double[] v = {a};
    Sigmoid.pass(new double[][] {v, v}, new int[2], 1);
    return v[0];
  }
}
