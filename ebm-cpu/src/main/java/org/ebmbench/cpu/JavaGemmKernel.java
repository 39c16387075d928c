package org.ebmbench.cpu;

import java.util.function.IntConsumer;

/**
 * A pure Java, register-blocked matrix product. op(b) is packed once into panels of 4 columns and
 * each block of rows of op(a) into panels of 4 rows; a 4 x 4 micro-kernel keeps 16 sums in
 * registers while it walks k. Products with fewer than 4 columns are plain dot products instead.
 * Every element of c is {@code alpha * sum + beta * c} where the sum runs over k in increasing
 * order from 0.0, exactly as a naive triple loop computes it, so the result does not depend on
 * blocking or threads, and (Java arithmetic being strict IEEE) not on the machine either.
 */
final class JavaGemmKernel implements GemmKernel {
  /** Rows and columns of the micro-kernel's tile of c. */
  static final int TILE = 4;

  /** A block's packed rows of op(a) (in doubles) stay within half of a 1 MiB level-2 cache. */
  private static final int BLOCK_A_DOUBLES = 1 << 16;

  /** At most this many rows per block, so blocks stay small enough to balance across threads. */
  private static final int MAX_BLOCK_ROWS = 64;

  /** Products with fewer multiply-adds than this run on the calling thread. */
  private static final long PARALLEL_WORK = 1L << 15;

  private final String note;

  /** @param note why this kernel was chosen when it stands in for another ("" if it does not) */
  JavaGemmKernel(String note) {
    this.note = note;
  }

  @Override
  public String description() {
    String self = "java (register-blocked " + TILE + "x" + TILE + ", packed panels)";
    return note.isEmpty() ? self : self + "; " + note;
  }

  @Override
  public void multiply(CpuOps ops, Product product) {
    int m = product.m();
    int k = product.k();
    int n = product.n();
    // Fewer columns than a tile (a matrix times a vector): plain dot products along the rows of a
    // skip packing a, which would double the memory traffic of a memory-bound product.
    boolean narrow = n < TILE && !product.transposeA();
    double[] packedB = narrow ? columnsOfB(product) : packB(product);
    int cacheRows = Math.max(TILE, Math.min(MAX_BLOCK_ROWS, BLOCK_A_DOUBLES / Math.max(1, k)));
    int blocks = (m + cacheRows - 1) / cacheRows;
    int rowsPerBlock = roundUp((m + blocks - 1) / blocks, TILE);
    int taskCount = (m + rowsPerBlock - 1) / rowsPerBlock;
    IntConsumer block =
        b -> {
          int from = b * rowsPerBlock;
          int to = Math.min(m, from + rowsPerBlock);
          if (narrow) {
            dotRows(product, packedB, from, to);
          } else {
            multiplyRows(product, packedB, from, to);
          }
        };
    if ((long) m * k * n < PARALLEL_WORK) {
      for (int b = 0; b < taskCount; b++) {
        block.accept(b);
      }
    } else {
      ops.forEachTask(taskCount, block);
    }
  }

  /** op(b) as panels of TILE columns, each k x TILE row-major, the last padded with zeros. */
  private static double[] packB(Product product) {
    int k = product.k();
    int n = product.n();
    CpuMat b = product.b();
    int panels = (n + TILE - 1) / TILE;
    double[] packed = new double[panels * k * TILE];
    for (int jp = 0; jp < panels; jp++) {
      int base = jp * k * TILE;
      for (int jj = 0; jj < TILE && jp * TILE + jj < n; jj++) {
        int j = jp * TILE + jj;
        for (int p = 0; p < k; p++) {
          // op(b)[p][j]: b is k x n, or n x k when transposed.
          packed[base + p * TILE + jj] = product.transposeB() ? b.get(j * k + p) : b.get(p * n + j);
        }
      }
    }
    return packed;
  }

  /** The columns of op(b), each contiguous: column j at j * k. */
  private static double[] columnsOfB(Product product) {
    int k = product.k();
    int n = product.n();
    CpuMat b = product.b();
    double[] columns = new double[n * k];
    for (int j = 0; j < n; j++) {
      for (int p = 0; p < k; p++) {
        columns[j * k + p] = product.transposeB() ? b.get(j * k + p) : b.get(p * n + j);
      }
    }
    return columns;
  }

  /** Rows [from, to) of c as dot products of rows of a (not transposed) with columns of op(b). */
  private static void dotRows(Product product, double[] columns, int from, int to) {
    int k = product.k();
    int n = product.n();
    CpuMat a = product.a();
    CpuMat c = product.c();
    for (int i = from; i < to; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0.0;
        for (int p = 0; p < k; p++) {
          sum += a.get(i * k + p) * columns[j * k + p];
        }
        c.set(i * n + j, product.combine(sum, i * n + j));
      }
    }
  }

  /** op(a) rows [from, to) as panels of TILE rows, each k x TILE row-major, padded with zeros. */
  private static double[] packRowsOfA(Product product, int from, int to) {
    int k = product.k();
    int m = product.m();
    CpuMat a = product.a();
    int panels = (to - from + TILE - 1) / TILE;
    double[] packed = new double[panels * k * TILE];
    for (int i = from; i < to; i++) {
      int local = i - from;
      int base = (local / TILE) * k * TILE + local % TILE;
      for (int p = 0; p < k; p++) {
        // op(a)[i][p]: a is m x k, or k x m when transposed.
        packed[base + p * TILE] = product.transposeA() ? a.get(p * m + i) : a.get(i * k + p);
      }
    }
    return packed;
  }

  private static void multiplyRows(Product product, double[] packedB, int from, int to) {
    int k = product.k();
    int n = product.n();
    double[] packedA = packRowsOfA(product, from, to);
    int rowPanels = (to - from + TILE - 1) / TILE;
    int colPanels = (n + TILE - 1) / TILE;
    // One panel of op(b) stays in the level-1 cache while every row panel of the block uses it.
    for (int jp = 0; jp < colPanels; jp++) {
      for (int ip = 0; ip < rowPanels; ip++) {
        tile(product, packedA, ip * k * TILE, packedB, jp * k * TILE, from + ip * TILE, jp * TILE);
      }
    }
  }

  /** The TILE x TILE block of c at (i0, j0), clipped to c's edges. */
  private static void tile(
      Product product, double[] pa, int offsetA, double[] pb, int offsetB, int i0, int j0) {
    double c00 = 0.0, c01 = 0.0, c02 = 0.0, c03 = 0.0;
    double c10 = 0.0, c11 = 0.0, c12 = 0.0, c13 = 0.0;
    double c20 = 0.0, c21 = 0.0, c22 = 0.0, c23 = 0.0;
    double c30 = 0.0, c31 = 0.0, c32 = 0.0, c33 = 0.0;
    int end = offsetA + product.k() * TILE;
    for (int ia = offsetA, ib = offsetB; ia < end; ia += TILE, ib += TILE) {
      double a0 = pa[ia];
      double a1 = pa[ia + 1];
      double a2 = pa[ia + 2];
      double a3 = pa[ia + 3];
      double b0 = pb[ib];
      double b1 = pb[ib + 1];
      double b2 = pb[ib + 2];
      double b3 = pb[ib + 3];
      c00 += a0 * b0;
      c01 += a0 * b1;
      c02 += a0 * b2;
      c03 += a0 * b3;
      c10 += a1 * b0;
      c11 += a1 * b1;
      c12 += a1 * b2;
      c13 += a1 * b3;
      c20 += a2 * b0;
      c21 += a2 * b1;
      c22 += a2 * b2;
      c23 += a2 * b3;
      c30 += a3 * b0;
      c31 += a3 * b1;
      c32 += a3 * b2;
      c33 += a3 * b3;
    }
    int m = product.m();
    store(product, i0, j0, c00, c01, c02, c03);
    if (i0 + 1 < m) {
      store(product, i0 + 1, j0, c10, c11, c12, c13);
    }
    if (i0 + 2 < m) {
      store(product, i0 + 2, j0, c20, c21, c22, c23);
    }
    if (i0 + 3 < m) {
      store(product, i0 + 3, j0, c30, c31, c32, c33);
    }
  }

  private static void store(
      Product product, int i, int j0, double s0, double s1, double s2, double s3) {
    int n = product.n();
    CpuMat c = product.c();
    int index = i * n + j0;
    c.set(index, product.combine(s0, index));
    if (j0 + 1 < n) {
      c.set(index + 1, product.combine(s1, index + 1));
    }
    if (j0 + 2 < n) {
      c.set(index + 2, product.combine(s2, index + 2));
    }
    if (j0 + 3 < n) {
      c.set(index + 3, product.combine(s3, index + 3));
    }
  }

  private static int roundUp(int value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }
}
