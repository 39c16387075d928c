package org.ebmbench.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CPU engine's matrix product kernels against a naive triple loop, and their determinism. */
class GemmKernelTest {
  private static final double EPS = Math.ulp(1.0);

  /** m, k, n: ones, primes, and sizes off the 4-wide Java tiles and 16-aligned OpenBLAS tiles. */
  private static final int[][] SHAPES = {
    {1, 1, 1}, {1, 7, 1}, {2, 3, 5}, {5, 1, 7}, {7, 0, 3}, {13, 17, 19}, {1, 300, 1},
    {31, 64, 1}, {1, 64, 37}, {67, 129, 33}, {97, 61, 131}, {131, 97, 61}, {200, 50, 3}
  };

  /**
   * Several blocks in both kernels, with odd remainders: 4 OpenBLAS tiles of rows, 4 of columns
   * (n > m), 4 uneven ones, and a thin product that the OpenBLAS kernel hands to Java.
   */
  private static final int[][] LARGE_SHAPES = {
    {256, 200, 180}, {60, 300, 520}, {293, 257, 129}, {2000, 210, 1}
  };

  static Stream<Arguments> smallCases() {
    return cases(SHAPES, GemmKernel.OPENBLAS, GemmKernel.JAVA);
  }

  static Stream<Arguments> smallJavaCases() {
    return cases(SHAPES, GemmKernel.JAVA);
  }

  static Stream<Arguments> largeCases() {
    return cases(LARGE_SHAPES, GemmKernel.OPENBLAS, GemmKernel.JAVA);
  }

  static Stream<Arguments> allCases() {
    return Stream.concat(smallCases(), largeCases());
  }

  /** Every kernel, shape and one of the four transpose cases. */
  private static Stream<Arguments> cases(int[][] shapes, String... kernels) {
    List<Arguments> cases = new ArrayList<>();
    for (String kernel : kernels) {
      for (int[] s : shapes) {
        for (int t = 0; t < 4; t++) {
          cases.add(Arguments.of(kernel, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
        }
      }
    }
    return cases.stream();
  }

  /**
   * Double storage. Each result is within gamma_(k+2) * (|alpha| sum_p |a_ip b_pj| + |beta c_ij|)
   * of the exact value (k products and sums, the scaling and the final add; Higham, Accuracy and
   * Stability of Numerical Algorithms, 3.1); the reference has the same bound, so they differ by at
   * most twice that.
   */
  @ParameterizedTest(name = "{0} {1}x{2}x{3} transposeA={4} transposeB={5}")
  @MethodSource("smallCases")
  void matchesNaiveLoopWithinRoundOff(String kernel, int m, int k, int n, boolean ta, boolean tb) {
    long seed = 31L * m + 17L * k + n + (ta ? 1000 : 0) + (tb ? 2000 : 0);
    assertMatchesNaiveLoop(
        new CpuEngine(2, kernel).ops(),
        Operands.random(seed, m, k, n, ta, tb),
        2.0 * (k + 2) * EPS);
  }

  /**
   * Float storage: products of 16 or more columns in float SIMD lanes (one fma per term), the
   * narrower ones as sgemm on OpenBLAS, or in double arithmetic rounded once in the Java kernel. The
   * reference is the naive loop in double over the stored (rounded) operands, whose own error is
   * negligible here. The float result is within gamma_(k+3) (unit roundoff 2^-24) of it, times the
   * same scale: the k products and sums, the scaling, the final add, and alpha rounded to float
   * for sgemm; the bound allows twice that, as gamma_n is n u / (1 - n u).
   */
  @ParameterizedTest(name = "{0} {1}x{2}x{3} transposeA={4} transposeB={5}")
  @MethodSource("allCases")
  void floatProductsMatchNaiveLoopWithinFloatRoundOff(
      String kernel, int m, int k, int n, boolean ta, boolean tb) {
    long seed = 29L * m + 13L * k + n + (ta ? 1000 : 0) + (tb ? 2000 : 0);
    assertMatchesNaiveLoop(
        new CpuEngine(2, kernel).ops(Precision.FLOAT),
        Operands.random(seed, m, k, n, ta, tb).roundedToFloat(),
        2.0 * (k + 3) * 0x1p-24);
  }

  /**
   * alpha op(a) op(b) + beta c on the engine, for beta 0 (c full of NaN, which must not leak) and
   * 0.75, against the naive loop: each element within {@code relative} times |alpha| sum_p |a_ip
   * b_pj| + |beta c_ij|.
   */
  private static void assertMatchesNaiveLoop(Ops ops, Operands x, double relative) {
    int m = x.m;
    int n = x.n;
    for (double beta : new double[] {0.0, 0.75}) {
      double alpha = -1.3;
      double[] c0 = beta == 0.0 ? nans(m * n) : x.c;
      double[] got = product(ops, x, alpha, beta, c0);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double old = beta == 0.0 ? 0.0 : beta * c0[i * n + j];
          double scale = Math.abs(alpha) * x.absDot(i, j) + Math.abs(old);
          assertThat(got[i * n + j])
              .as("c[%d][%d]", i, j)
              .isCloseTo(alpha * x.dot(i, j) + old, within(relative * scale));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2}x{3} transposeA={4} transposeB={5}")
  @MethodSource("smallJavaCases")
  void javaKernelEqualsNaiveLoopBitForBit(
      String kernel, int m, int k, int n, boolean ta, boolean tb) {
    Ops ops = new CpuEngine(3, kernel).ops();
    Operands x = Operands.random(7L * m + k + 3L * n, m, k, n, ta, tb);
    double alpha = 0.7;
    double beta = -2.5;
    double[] got = product(ops, x, alpha, beta, x.c);
    double[] expected = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        // The Java kernel sums over k in increasing order from 0.0, like this loop.
        expected[i * n + j] = alpha * x.dot(i, j) + beta * x.c[i * n + j];
      }
    }
    assertThat(got).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0} {1}x{2}x{3} transposeA={4} transposeB={5}")
  @MethodSource("largeCases")
  void sameBitsOnOneTwoAndThreeThreads(String kernel, int m, int k, int n, boolean ta, boolean tb) {
    Operands x = Operands.random(11L * m + k + n, m, k, n, ta, tb);
    double[] one = product(new CpuEngine(1, kernel).ops(), x, 0.5);
    assertThat(product(new CpuEngine(2, kernel).ops(), x, 0.5)).containsExactly(one);
    assertThat(product(new CpuEngine(3, kernel).ops(), x, 0.5)).containsExactly(one);
  }

  @Test
  void ignoresAndKeepsAnOpenBlasThreadCountSetByAnotherLibrary() {
    assumeOpenBlasHere();
    Ops ops = new CpuEngine(2, GemmKernel.OPENBLAS).ops();
    Operands x = Operands.random(5, 256, 200, 180, false, true);
    double[] ours = product(ops, x, 1.0);
    // ND4J shares this libopenblas and sets its process-wide thread count this way; OpenBLAS's own
    // threads change its bits, so the kernel must run its tiles single-threaded regardless.
    openblas_nolapack.blas_set_num_threads(2);
    try {
      assertThat(product(ops, x, 1.0)).containsExactly(ours);
      assertThat(openblas_nolapack.blas_get_num_threads()).isEqualTo(2);
    } finally {
      openblas_nolapack.blas_set_num_threads(1);
    }
  }

  @Test
  void staleNaNInTheNativeWorkspaceIsIgnoredWhenBetaIsZero() {
    Ops ops = new CpuEngine(2, GemmKernel.OPENBLAS).ops();
    int m = 64;
    int k = 64;
    int n = 64;
    Operands x = Operands.random(3, m, k, n, false, false);
    Mat a = ops.fromHost(m, k, x.a);
    Mat b = ops.fromHost(k, n, x.b);
    Mat poisoned = ops.fromHost(m, k, nans(m * k));
    Mat c = ops.zeros(m, n);
    ops.gemm(1.0, poisoned, false, b, false, 0.0, c);
    assertThat(ops.toHost(c)).containsOnly(Double.NaN);
    ops.gemm(1.0, a, false, b, false, 0.0, c);
    assertThat(ops.toHost(c)).doesNotContain(Double.NaN);
  }

  @Test
  void usesOpenBlasOnLinuxX86() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"));
    assumeTrue(System.getProperty("os.arch").equals("amd64"));
    assertThat(new CpuEngine(2).info().details().get("gemm")).startsWith("openblas-0.3.19");
  }

  @Test
  void fallsBackToJavaWithANoteWhenOpenBlasCannotLoad() {
    GemmKernel kernel =
        GemmKernel.select(GemmKernel.OPENBLAS, () -> {
          throw new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path\nmore");
        });
    assertThat(kernel).isInstanceOf(JavaGemmKernel.class);
    assertThat(kernel.description())
        .startsWith("java")
        .endsWith(
            "openblas unavailable (UnsatisfiedLinkError: no jniopenblas_nolapack in"
                + " java.library.path)");
  }

  @Test
  void rejectsAnUnknownKernelName() {
    assertThatThrownBy(() -> new CpuEngine(1, "mkl").ops())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mkl'");
  }

  private static void assumeOpenBlasHere() {
    assumeTrue(new CpuEngine(1).info().details().get("gemm").startsWith("openblas"));
  }

  private static double[] product(Ops ops, Operands x, double beta) {
    return product(ops, x, 1.25, beta, x.c);
  }

  /** alpha op(a) op(b) + beta c0 on the engine. */
  private static double[] product(Ops ops, Operands x, double alpha, double beta, double[] c0) {
    Mat a = ops.fromHost(x.aRows, x.aCols, x.a);
    Mat b = ops.fromHost(x.bRows, x.bCols, x.b);
    Mat c = ops.fromHost(x.m, x.n, c0);
    ops.gemm(alpha, a, x.ta, b, x.tb, beta, c);
    return ops.toHost(c);
  }

  private static double[] nans(int size) {
    double[] values = new double[size];
    java.util.Arrays.fill(values, Double.NaN);
    return values;
  }

  /** Stored operands of op(a) (m x k) and op(b) (k x n), with plain-loop references. */
  private static final class Operands {
    final int m;
    final int k;
    final int n;
    final boolean ta;
    final boolean tb;
    final int aRows;
    final int aCols;
    final int bRows;
    final int bCols;
    final double[] a;
    final double[] b;
    final double[] c;

    private Operands(Operands x, double[] a, double[] b, double[] c) {
      this.m = x.m;
      this.k = x.k;
      this.n = x.n;
      this.ta = x.ta;
      this.tb = x.tb;
      aRows = x.aRows;
      aCols = x.aCols;
      bRows = x.bRows;
      bCols = x.bCols;
      this.a = a;
      this.b = b;
      this.c = c;
    }

    private Operands(int m, int k, int n, boolean ta, boolean tb, RandomStream random) {
      this.m = m;
      this.k = k;
      this.n = n;
      this.ta = ta;
      this.tb = tb;
      aRows = ta ? k : m;
      aCols = ta ? m : k;
      bRows = tb ? n : k;
      bCols = tb ? k : n;
      a = gaussians(random, m * k);
      b = gaussians(random, k * n);
      c = gaussians(random, m * n);
    }

    static Operands random(long seed, int m, int k, int n, boolean ta, boolean tb) {
      return new Operands(m, k, n, ta, tb, RandomStream.derive(seed, "gemm operands"));
    }

    /** The same operands rounded to float, as float storage keeps them. */
    Operands roundedToFloat() {
      return new Operands(this, toFloat(a), toFloat(b), toFloat(c));
    }

    private static double[] toFloat(double[] values) {
      double[] rounded = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        rounded[i] = (float) values[i];
      }
      return rounded;
    }

    double opA(int i, int p) {
      return ta ? a[p * m + i] : a[i * k + p];
    }

    double opB(int p, int j) {
      return tb ? b[j * k + p] : b[p * n + j];
    }

    /** sum_p op(a)[i][p] * op(b)[p][j], in increasing p from 0.0. */
    double dot(int i, int j) {
      double sum = 0.0;
      for (int p = 0; p < k; p++) {
        sum += opA(i, p) * opB(p, j);
      }
      return sum;
    }

    double absDot(int i, int j) {
      double sum = 0.0;
      for (int p = 0; p < k; p++) {
        sum += Math.abs(opA(i, p) * opB(p, j));
      }
      return sum;
    }

    private static double[] gaussians(RandomStream random, int size) {
      double[] values = new double[size];
      for (int i = 0; i < size; i++) {
        values[i] = random.nextGaussian();
      }
      return values;
    }
  }
}
