package org.ebmbench.cpu;

import java.util.function.Supplier;

/**
 * A way to compute the matrix product {@code c = alpha * op(a) * op(b) + beta * c} on the CPU
 * engine's row-major arrays. Every kernel splits the work into blocks of {@code c} whose bounds
 * depend only on the shapes, never on the thread count, and computes each block the same way on
 * any thread, so results are bit-identical for any number of threads.
 */
interface GemmKernel {
  /** Computes {@code product.c()} in place, using {@code ops}' threads. */
  void multiply(CpuOps ops, Product product);

  /** What this kernel is, for {@link org.ebmbench.engine.EngineInfo#details()}. */
  String description();

  /**
   * One product whose shapes {@link CpuOps#gemm} has checked: op(a) is m x k, op(b) is k x n, c is
   * m x n, all at least 1 x 1 except k, which may be 0.
   */
  record Product(
      double alpha,
      CpuMat a,
      boolean transposeA,
      CpuMat b,
      boolean transposeB,
      double beta,
      CpuMat c) {
    int m() {
      return c.rows;
    }

    int n() {
      return c.cols;
    }

    int k() {
      return transposeA ? a.rows : a.cols;
    }

    /** {@code alpha * dot + beta * c[index]}, where beta 0 ignores the old value (NaN included). */
    double combine(double dot, int index) {
      return beta == 0.0 ? alpha * dot : alpha * dot + beta * c.get(index);
    }
  }

  /** Kernel names accepted by {@link #select}. */
  String OPENBLAS = "openblas";

  String JAVA = "java";

  /**
   * The kernel called {@code name}: {@value #OPENBLAS} (the default) or {@value #JAVA}. When
   * OpenBLAS cannot be loaded the Java kernel is used instead and its description says why, so a
   * missing native library costs speed, never a crash.
   *
   * @param openBlas loads the OpenBLAS kernel (a parameter so tests can simulate a failed load)
   * @throws IllegalArgumentException if {@code name} is not a kernel name
   */
  static GemmKernel select(String name, Supplier<GemmKernel> openBlas) {
    if (JAVA.equals(name)) {
      return new JavaGemmKernel("");
    }
    if (!OPENBLAS.equals(name)) {
      throw new IllegalArgumentException(
          "ebm.cpu.gemm must be '" + OPENBLAS + "' or '" + JAVA + "', got '" + name + "'");
    }
    try {
      return openBlas.get();
    } catch (LinkageError | RuntimeException e) {
      String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return new JavaGemmKernel(
          "openblas unavailable (" + e.getClass().getSimpleName() + ": " + reason + ")");
    }
  }
}
