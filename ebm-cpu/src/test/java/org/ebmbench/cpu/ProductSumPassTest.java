package org.ebmbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The SIMD terms of {@link CpuOps#productSum} give the scalar loop's bits. */
class ProductSumPassTest {
  @Test
  void vectorTermsGiveTheScalarBits() {
    VectorPassInputs.assumeVectorApi();
    int length = VectorPassInputs.LENGTH;
    // Six operands at different offsets of their arrays, with signed zeros, infinities, NaN and
    // subnormals among them; factor counts 0 to 6 (6 is beyond the SIMD loops: scalar only).
    double[][] arrays = new double[6][];
    int[] offsets = new int[6];
    for (int s = 0; s < arrays.length; s++) {
      offsets[s] = 3 * s + 1;
      arrays[s] = VectorPassInputs.withEdgeCases(20 + s, offsets[s], 4.0);
    }
    double[] start = VectorPassInputs.withEdgeCases(30, 0, 4.0);
    for (int count = 0; count <= 6; count++) {
      int[] factors = new int[count];
      for (int k = 0; k < count; k++) {
        factors[k] = (k * 5) % arrays.length; // distinct operands, in a scrambled order
      }
      double[] vector = Arrays.copyOf(start, length);
      double[] scalar = Arrays.copyOf(start, length);
      ProductSumPass.accumulate(-1.5, factors, arrays, offsets, vector, length);
      ProductSumPass.accumulateScalar(-1.5, factors, arrays, offsets, scalar, 0, length);
      for (int i = 0; i < length; i++) {
        // doubleToLongBits: any NaN is one NaN (payloads mean nothing).
        assertEquals(
            Double.doubleToLongBits(scalar[i]), Double.doubleToLongBits(vector[i]),
            count + " factors, element " + i);
      }
    }
  }
}
