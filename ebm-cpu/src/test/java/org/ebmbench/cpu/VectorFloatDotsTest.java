package org.ebmbench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Narrow float products as dot products in lanes ({@link VectorFloatDots}) equal, bit for bit, the
 * order its class comment states, written out here one lane at a time: two interleaved fma chains
 * per lane, their lane-wise sum, the lanes added in order, the tail in order, then alpha d + beta
 * c.
 */
class VectorFloatDotsTest {
  private static final int LANES = FloatVector.SPECIES_PREFERRED.length();

  /**
   * m, k, n, transposeB: the MLP's output layer (256 x 128 x 1) and first-layer input gradient
   * (256 x 128 x 2, b transposed); k with an odd number of whole vectors and a tail (37, 53 with
   * 16 lanes), k shorter than a vector, and 16384 x 210 x 1, whose rows are split into tasks.
   */
  private static final Object[][] SHAPES = {
    {256, 128, 1, false}, {256, 128, 2, true}, {5, 37, 3, true}, {3, 53, 1, false},
    {4, 7, 3, true}, {16384, 210, 1, false}
  };

  @BeforeAll
  static void needsTheVectorApi() {
    assumeTrue(ElementPass.VECTOR_API, "jdk.incubator.vector is not in the boot layer");
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Object[] s : SHAPES) {
      cases.add(Arguments.of(s));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transposeB={3}")
  @MethodSource("cases")
  void equalsTheStatedOrderOnOneTwoAndThreeThreads(int m, int k, int n, boolean tb) {
    Ops ops = new CpuEngine(1).ops(Precision.FLOAT);
    CpuMat a = (CpuMat) ops.zeros(m, k);
    CpuMat b = (CpuMat) (tb ? ops.zeros(n, k) : ops.zeros(k, n));
    CpuMat c = (CpuMat) ops.zeros(m, n);
    assertThat(VectorFloatDots.takes(new GemmKernel.Product(1.0, a, false, b, tb, 0.0, c)))
        .isTrue();
    FloatOperands.assertProducts(m, k, n, false, tb, "lanes dot operands", (x, y, i, j) -> {
      float[] column = new float[k];
      for (int q = 0; q < k; q++) {
        column[q] = tb ? y[j * k + q] : y[q * n + j];
      }
      return statedDot(Arrays.copyOfRange(x, i * k, (i + 1) * k), column);
    });
  }

  @Test
  void takesOnlyNarrowProductsWithContiguousRowsAndColumns() {
    Ops ops = new CpuEngine(1).ops(Precision.FLOAT);
    CpuMat a = (CpuMat) ops.zeros(8, 32);
    CpuMat aT = (CpuMat) ops.zeros(32, 8);
    CpuMat column = (CpuMat) ops.zeros(32, 1);
    CpuMat rows = (CpuMat) ops.zeros(2, 32);
    CpuMat columns = (CpuMat) ops.zeros(32, 2);
    CpuMat wide = (CpuMat) ops.zeros(32, 16);
    assertThat(takes(a, false, column, false, 8, 1)).isTrue();
    assertThat(takes(a, false, rows, true, 8, 2)).isTrue();
    // Columns of b a row apart, a transposed, or wide enough for the tiles.
    assertThat(takes(a, false, columns, false, 8, 2)).isFalse();
    assertThat(takes(aT, true, column, false, 8, 1)).isFalse();
    assertThat(takes(a, false, wide, false, 8, 16)).isFalse();
    CpuMat empty = (CpuMat) ops.zeros(8, 0);
    assertThat(takes(empty, false, (CpuMat) ops.zeros(0, 1), false, 8, 1)).isFalse();
  }

  private static boolean takes(CpuMat a, boolean ta, CpuMat b, boolean tb, int m, int n) {
    CpuMat c = (CpuMat) new CpuEngine(1).ops(Precision.FLOAT).zeros(m, n);
    return VectorFloatDots.takes(new GemmKernel.Product(1.0, a, ta, b, tb, 0.0, c));
  }

  /** The class comment's order, one lane at a time. */
  private static float statedDot(float[] x, float[] y) {
    int k = x.length;
    int lanesEnd = k - k % LANES;
    float[] even = new float[LANES];
    float[] odd = new float[LANES];
    for (int block = 0; block * LANES < lanesEnd; block++) {
      float[] chain = block % 2 == 0 ? even : odd;
      for (int l = 0; l < LANES; l++) {
        int q = block * LANES + l;
        chain[l] = Math.fma(x[q], y[q], chain[l]);
      }
    }
    float d = even[0] + odd[0];
    for (int l = 1; l < LANES; l++) {
      d += even[l] + odd[l];
    }
    for (int q = lanesEnd; q < k; q++) {
      d = Math.fma(x[q], y[q], d);
    }
    return d;
  }
}
