package org.ebmbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The SIMD float-double copies give the scalar casts' bits, at every length around the lane
 * counts, and never write outside their range.
 */
class VectorConversionsTest {
  @Test
  void widenGivesTheCastsAndStaysInItsRange() {
    VectorPassInputs.assumeVectorApi();
    float[] source = VectorPassInputs.floats(31, 3, 80);
    for (int length = 0; length <= 77; length++) {
      double[] target = new double[length + 2];
      Arrays.fill(target, -7.0);
      VectorConversions.widen(source, 3, target, length);
      for (int i = 0; i < length; i++) {
        assertEquals(Double.doubleToLongBits(source[3 + i]), Double.doubleToLongBits(target[i]),
            "length " + length + ", element " + i);
      }
      assertEquals(-7.0, target[length], "length " + length + ": written past the end");
    }
  }

  @Test
  void narrowGivesTheCastsAndStaysInItsRange() {
    VectorPassInputs.assumeVectorApi();
    double[] source = VectorPassInputs.withEdgeCases(37, 0, 1e39);
    for (int length = 0; length <= 77; length++) {
      float[] target = new float[length + 6];
      Arrays.fill(target, -7.0f);
      VectorConversions.narrow(source, target, 3, length);
      for (int i = 0; i < length; i++) {
        assertEquals(Float.floatToIntBits((float) source[i]), Float.floatToIntBits(target[3 + i]),
            "length " + length + ", element " + i);
      }
      for (int i : new int[] {0, 1, 2, length + 3, length + 4, length + 5}) {
        assertEquals(-7.0f, target[i], "length " + length + ": written outside at " + i);
      }
    }
  }
}
