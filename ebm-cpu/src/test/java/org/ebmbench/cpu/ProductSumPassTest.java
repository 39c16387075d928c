package org.ebmbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.engine.ProductSum;
import org.junit.jupiter.api.Test;

/**
 * The SIMD terms of {@link CpuOps#productSum} give the scalar loop's bits, in both precisions, and
 * the float pass stays within the bound Ops.productSum states.
 */
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
      // Added to start (in place at offset 0), and from start into another array at offset 2.
      ProductSumPass.accumulate(-1.5, factors, arrays, offsets, vector, 0, vector, 0, length);
      ProductSumPass.accumulateScalar(
          -1.5, factors, arrays, offsets, scalar, 0, scalar, 0, 0, length);
      double[] into = new double[length + 2];
      ProductSumPass.accumulate(-1.5, factors, arrays, offsets, start, 0, into, 2, length);
      for (int i = 0; i < length; i++) {
        // doubleToLongBits: any NaN is one NaN (payloads mean nothing).
        assertEquals(
            Double.doubleToLongBits(scalar[i]), Double.doubleToLongBits(vector[i]),
            count + " factors, element " + i);
        assertEquals(
            Double.doubleToLongBits(scalar[i]), Double.doubleToLongBits(into[2 + i]),
            count + " factors, element " + i + " into another array");
      }
    }
  }

  @Test
  void floatVectorTermsGiveTheScalarBits() {
    VectorPassInputs.assumeVectorApi();
    int length = VectorPassInputs.LENGTH;
    // As above, with the float inputs' edge cases (the exp's clamps, infinities, NaN, subnormals).
    float[][] arrays = new float[6][];
    int[] offsets = new int[6];
    for (int s = 0; s < arrays.length; s++) {
      offsets[s] = 3 * s + 1;
      arrays[s] = VectorPassInputs.floats(40 + s, offsets[s], length);
    }
    float[] start = VectorPassInputs.floats(50, 0, length);
    for (int count = 0; count <= 6; count++) {
      int[] factors = new int[count];
      for (int k = 0; k < count; k++) {
        factors[k] = (k * 5) % arrays.length;
      }
      float[] vector = Arrays.copyOf(start, length);
      float[] scalar = Arrays.copyOf(start, length);
      ProductSumPass.accumulate(-1.5f, factors, arrays, offsets, vector, 0, vector, 0, length);
      ProductSumPass.accumulateScalar(
          -1.5f, factors, arrays, offsets, scalar, 0, scalar, 0, 0, length);
      float[] into = new float[length + 2];
      ProductSumPass.accumulate(-1.5f, factors, arrays, offsets, start, 0, into, 2, length);
      for (int i = 0; i < length; i++) {
        assertEquals(
            Float.floatToIntBits(scalar[i]), Float.floatToIntBits(vector[i]),
            count + " factors, element " + i);
        assertEquals(
            Float.floatToIntBits(scalar[i]), Float.floatToIntBits(into[2 + i]),
            count + " factors, element " + i + " into another array");
      }
    }
  }

  /**
   * A float productSum is within (k + t + 1) u of the sum of its terms' magnitudes (u = 2^-24, k
   * the most factors in a term, t the terms; Ops.productSum): each term carries the rounding of its
   * coefficient and of each of its k multiplications, and each of the t additions one rounding of
   * a partial sum no larger than that sum. The bound is first order in u; 1% covers the rest.
   */
  @Test
  void floatPassIsWithinItsBound() {
    Ops ops = new CpuEngine(2).ops(Precision.FLOAT);
    int rows = 37;
    int cols = 53;
    SplittableRandom random = new SplittableRandom(61);
    Mat[] full = new Mat[4];
    for (int s = 0; s < full.length; s++) {
      full[s] = ops.fromHost(rows, cols, random.doubles(rows * cols, -3, 3).toArray());
    }
    Mat row = ops.fromHost(1, cols, random.doubles(cols, -3, 3).toArray());
    Mat column = ops.fromHost(rows, 1, random.doubles(rows, -3, 3).toArray());
    // Three terms of 4, 3 and 2 factors, with broadcasts and coefficients not exact in float.
    ProductSum sum = ProductSum.of(0.1, full[0], full[1], row, full[2])
        .plus(-1.7, full[3], column, full[0])
        .plus(1.0 / 3, full[2], full[1]);
    Mat out = ops.zeros(rows, cols);
    ops.productSum(sum, out);
    double[] got = ops.toHost(out);
    double[][] f = new double[4][];
    for (int s = 0; s < 4; s++) {
      f[s] = ops.toHost(full[s]);
    }
    double[] r = ops.toHost(row);
    double[] c = ops.toHost(column);
    double bound = (4 + 3 + 1) * 0x1p-24 * 1.01;
    double worst = 0;
    for (int i = 0; i < rows * cols; i++) {
      double[] term = {
        0.1 * f[0][i] * f[1][i] * r[i % cols] * f[2][i],
        -1.7 * f[3][i] * c[i / cols] * f[0][i],
        1.0 / 3 * f[2][i] * f[1][i]
      };
      double exact = term[0] + term[1] + term[2];
      double size = Math.abs(term[0]) + Math.abs(term[1]) + Math.abs(term[2]);
      double error = Math.abs(got[i] - exact);
      assertTrue(error <= bound * size, "element " + i + ": " + got[i] + " against " + exact);
      worst = Math.max(worst, error / (bound * size));
    }
    assertTrue(worst > 0.05, "the bound is not vacuous: worst " + worst + " of it");
  }
}
