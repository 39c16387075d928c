package org.ebmbench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Float products in SIMD lanes ({@link VectorFloatGemm}) equal, bit for bit, the scalar loop its
 * class comment states: a chain of float fused multiply-adds in increasing k, then alpha s + beta
 * c. Exact equality is the right test: every step of that loop is correctly rounded, so any tile,
 * lane count or thread count must give the same bits.
 */
class VectorFloatGemmTest {
  /**
   * m, k, n: full and partial register tiles (8 rows, 32 columns with 16 lanes), one-row and
   * one-term products, panels split between tasks (256 x 128 x 128, the MLP's), one panel split
   * by rows between tasks (1000 x 300 x 20), and a long k (70 x 1100 x 420) whose tasks pack
   * their four panels in groups of three and walk the rows in blocks of 56. Fewer than 8 rows
   * with b not transposed take the thin path: 3 x 40 x 85 runs its four-vector, one-vector and
   * scalar columns.
   */
  private static final int[][] SHAPES = {
    {1, 1, 16}, {1, 256, 128}, {7, 3, 17}, {8, 5, 32}, {9, 1, 33}, {2, 256, 128},
    {3, 40, 85}, {67, 129, 100}, {256, 2, 128}, {256, 128, 128}, {128, 256, 128},
    {1000, 300, 20}, {70, 1100, 420}
  };

  @BeforeAll
  static void needsTheVectorApi() {
    assumeTrue(ElementPass.VECTOR_API, "jdk.incubator.vector is not in the boot layer");
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (int[] s : SHAPES) {
      for (int t = 0; t < 4; t++) {
        cases.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}x{1}x{2} transposeA={3} transposeB={4}")
  @MethodSource("cases")
  void equalsTheScalarFusedMultiplyAddLoopOnOneTwoAndThreeThreads(
      int m, int k, int n, boolean ta, boolean tb) {
    assertThat(VectorFloatGemm.takes(k, n)).isTrue();
    FloatOperands.assertProducts(m, k, n, ta, tb, "lanes gemm operands", (a, b, i, j) -> {
      float s = 0f;
      for (int p = 0; p < k; p++) {
        s = Math.fma(ta ? a[p * m + i] : a[i * k + p], tb ? b[j * k + p] : b[p * n + j], s);
      }
      return s;
    });
  }

  @Test
  void leavesNarrowProductsAndEmptySumsToTheConfiguredKernelAndSaysSo() {
    assertThat(VectorFloatGemm.takes(256, VectorFloatGemm.MIN_COLUMNS - 1)).isFalse();
    assertThat(VectorFloatGemm.takes(0, 128)).isFalse();
    assertThat(new CpuEngine(1).info().details().get("gemm")).contains("java SIMD lanes");
  }
}
