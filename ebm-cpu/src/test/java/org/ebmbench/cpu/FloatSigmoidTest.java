package org.ebmbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The float sigmoid: SIMD lanes give the scalar loop's bits, both within the bound derived in FloatSigmoid. */
class FloatSigmoidTest {
  /** The float unit roundoff. */
  private static final double U = 0x1p-24;

  @Test
  void vectorPassGivesTheScalarPassBits() {
    VectorPassInputs.assumeVectorApi();
    int length = VectorPassInputs.LENGTH;
    int offset = 5;
    float[] a = VectorPassInputs.floats(17, offset, length);
    float[] vector = new float[length + 3];
    float[] scalar = new float[length + 3];
    VectorFloatSigmoid.pass(a, offset, vector, 3, length);
    FloatSigmoid.scalar(a, offset, scalar, 3, 0, length);
    for (int i = 0; i < length; i++) {
      // floatToIntBits: any NaN is one NaN (payloads mean nothing).
      assertEquals(Float.floatToIntBits(scalar[3 + i]), Float.floatToIntBits(vector[3 + i]),
          "sigmoid at a = " + a[offset + i]);
    }
  }

  @Test
  void passIsWithinFiveRoundoffsOfTheSigmoid() {
    int length = 200_003;
    float[] a = VectorPassInputs.floats(19, 0, length);
    // In place, as the RBM calls it.
    float[] s = a.clone();
    FloatSigmoid.pass(s, 0, s, 0, length);
    double worst = 0;
    for (int i = 0; i < length; i++) {
      double x = a[i];
      double exact = 1.0 / (1.0 + Math.exp(-x));
      if (Double.isNaN(x)) {
        assertTrue(Float.isNaN(s[i]), "NaN in, NaN out");
      } else if (x >= FloatSigmoid.LOW) {
        // Normal float outputs: the derived relative bound.
        double error = Math.abs(s[i] - exact) / exact;
        worst = Math.max(worst, error);
        assertTrue(error <= 5 * U, "sigmoid at " + x + ": " + s[i] + " against " + exact);
      } else {
        // Below the clamp the true value is under 1.7e-38; subnormal outputs may flush to 0.
        assertTrue(Math.abs(s[i] - exact) <= Float.MIN_NORMAL, "sigmoid at " + x + ": " + s[i]);
      }
    }
    assertTrue(worst > 0, "the comparison saw rounding at all");
  }
}
