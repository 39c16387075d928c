package org.ebmbench.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.random.RandomStream;

/** Operands for the bit-exact tests of the float product kernels. */
final class FloatOperands {
  private FloatOperands() {}

  /** The sum s of element (i, j) of op(a) op(b) in the order a kernel's contract states. */
  @FunctionalInterface
  interface StatedSum {
    float of(float[] a, float[] b, int i, int j);
  }

  /**
   * Checks {@code gemm} of random float operands, m x k times k x n (stored transposed as asked),
   * against alpha s + beta c with s from {@code sum}, bit for bit: for alpha 1, beta 0 (c full of
   * NaN, which must not show) and alpha -1.3, beta 0.75, on one, two and three threads, all three
   * matrices views at an offset of larger storage.
   */
  static void assertProducts(
      int m, int k, int n, boolean ta, boolean tb, String purpose, StatedSum sum) {
    RandomStream random = RandomStream.derive(31L * m + 7L * k + n, purpose);
    float[] a = gaussians(random, m * k);
    float[] b = gaussians(random, k * n);
    float[] c = gaussians(random, m * n);
    for (float[] alphaBeta : new float[][] {{1f, 0f}, {-1.3f, 0.75f}}) {
      float alpha = alphaBeta[0];
      float beta = alphaBeta[1];
      float[] expected = new float[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float s = sum.of(a, b, i, j);
          expected[i * n + j] = beta == 0f ? alpha * s : alpha * s + beta * c[i * n + j];
        }
      }
      for (int threads = 1; threads <= 3; threads++) {
        Ops ops = new CpuEngine(threads).ops(Precision.FLOAT);
        Mat ma = view(ops, a, ta ? k : m, ta ? m : k);
        Mat mb = view(ops, b, tb ? n : k, tb ? k : n);
        float[] c0 = c.clone();
        if (beta == 0f) {
          Arrays.fill(c0, Float.NaN);
        }
        Mat mc = view(ops, c0, m, n);
        ops.gemm(alpha, ma, ta, mb, tb, beta, mc);
        assertThat(toFloats(ops.toHost(mc)))
            .as("%d threads, alpha %s, beta %s", threads, alpha, beta)
            .containsExactly(expected);
      }
    }
  }

  /**
   * values as a rows x cols view starting 3 elements into a larger float matrix padded with NaN,
   * so that a kernel reading outside the view or ignoring its offset shows in the result.
   */
  static Mat view(Ops ops, float[] values, int rows, int cols) {
    double[] padded = new double[values.length + 5];
    Arrays.fill(padded, Double.NaN);
    for (int i = 0; i < values.length; i++) {
      padded[3 + i] = values[i];
    }
    return ops.view(ops.fromHost(padded.length, 1, padded), 3, rows, cols);
  }

  static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  static float[] gaussians(RandomStream random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
