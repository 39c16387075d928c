package org.ebmbench.cpu;

/**
 * The matrix product C = alpha * A * B^T + beta * C on row-major arrays, where A is m x k and the
 * right operand is given transposed (n x k), so every dot product runs along contiguous memory.
 * Parallel over blocks of rows of C; each element is one thread's fixed-order dot product.
 */
final class GemmKernel {
  private GemmKernel() {}

  static void multiply(
      CpuOps ops, double alpha, double[] a, double[] bt, int m, int k, int n, double beta, double[] c) {
    ops.forBlocks(m, (long) k * n, (from, to) -> {
      for (int i = from; i < to; i++) {
        int rowA = i * k;
        int rowC = i * n;
        for (int j = 0; j < n; j++) {
          int rowB = j * k;
          double acc = 0.0;
          for (int p = 0; p < k; p++) {
            acc += a[rowA + p] * bt[rowB + p];
          }
          c[rowC + j] = beta == 0.0 ? alpha * acc : alpha * acc + beta * c[rowC + j];
        }
      }
    });
  }
}
