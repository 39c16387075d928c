package org.ebmbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The float SiLU pass: SIMD lanes give the scalar loop's bits, a lower order gives the same bits
 * for the outputs it writes, and all four outputs are within the bounds derived in FloatSilu.
 */
class FloatSiluTest {
  /** The float unit roundoff. */
  private static final double U = 0x1p-24;

  /** Where FloatSilu's relative bounds hold. */
  private static final double BOUNDED = FloatSilu.BOUND;

  @Test
  void vectorPassGivesTheScalarPassBitsAtEveryOrder() {
    VectorPassInputs.assumeVectorApi();
    int length = VectorPassInputs.LENGTH;
    int offset = 5;
    float[] a = VectorPassInputs.floats(23, offset, length);
    float[][] full = run(a, offset, 3, true);
    for (int order = 0; order <= 3; order++) {
      float[][] vector = run(a, offset, order, true);
      float[][] scalar = run(a, offset, order, false);
      for (int j = 1; j <= order + 1; j++) {
        for (int i = 0; i < length; i++) {
          // floatToIntBits: any NaN is one NaN (payloads mean nothing).
          int expected = Float.floatToIntBits(full[j][i]);
          String where = "order " + order + ", output " + j + " at a = " + a[offset + i];
          assertEquals(expected, Float.floatToIntBits(scalar[j][i]), where + " (scalar)");
          assertEquals(expected, Float.floatToIntBits(vector[j][i]), where + " (vector)");
        }
      }
    }
  }

  @Test
  void passIsWithinTheDerivedBounds() {
    int length = 200_003;
    float[] a = VectorPassInputs.floats(29, 0, length);
    float[][] v = run(a, 0, 3, ElementPass.VECTOR_API);
    double[] worst = new double[5];
    for (int i = 0; i < length; i++) {
      double x = a[i];
      if (Double.isNaN(x)) {
        for (int j = 1; j <= 4; j++) {
          assertTrue(Float.isNaN(v[j][i]), "NaN in, NaN out");
        }
        continue;
      }
      if (Double.isInfinite(x)) {
        continue;
      }
      // Double references with q = e s^2 (no cancellation where s is near 1); their own error is
      // about 1e-16 relative, far inside the float bounds.
      double e = Math.exp(-x);
      double s = 1.0 / (1.0 + e);
      double q = e * s * s;
      double r = 1.0 - 2.0 * s;
      double[] exact = {
        0, x * s, s + x * q, q * (2 + x * r), q * (r * (3 + x * r) - 2 * x * q)
      };
      double ax = Math.abs(x);
      double[] bound = {0, 6.9 * U * ax * s, 9.9 * U * (s + ax * q), U * q * (22 + 20 * ax),
          U * q * (61 + 39 * ax)};
      for (int j = 1; j <= 4; j++) {
        double error = Math.abs(v[j][i] - exact[j]);
        String where = "output " + j + " at a = " + x + ": " + v[j][i] + " against " + exact[j];
        if (ax <= BOUNDED) {
          // Plus 2^-145 for roundings into subnormal floats (2^-150 each, fewer than 32).
          assertTrue(error <= bound[j] + 0x1p-145, where);
          if (bound[j] > 0) {
            worst[j] = Math.max(worst[j], error / bound[j]);
          }
        } else {
          double beyond = 2 * (1 + ax) * (1 + ax) * Math.exp(-ax);
          assertTrue(error <= beyond, where + " (beyond the clamps)");
        }
      }
    }
    for (int j = 1; j <= 4; j++) {
      assertTrue(worst[j] > 0, "output " + j + " saw rounding at all");
    }
  }

  /** The pass at {@code order} over a, in SIMD lanes or one element at a time. */
  private static float[][] run(float[] a, int offset, int order, boolean vector) {
    int length = a.length - offset;
    float[][] v = {a, new float[length], new float[length], new float[length], new float[length]};
    int[] o = {offset, 0, 0, 0, 0};
    if (vector) {
      VectorFloatSilu.pass(v, o, order, length);
    } else {
      FloatSilu.scalar(v, o, order, 0, length);
    }
    return v;
  }
}
