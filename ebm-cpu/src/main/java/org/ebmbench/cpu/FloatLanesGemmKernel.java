package org.ebmbench.cpu;

/**
 * The CPU engine's products when the Vector API is there: float products at least {@link
 * VectorFloatGemm#MIN_COLUMNS} columns wide in SIMD lanes ({@link VectorFloatGemm}), narrower
 * float products with contiguous rows of op(a) and columns of op(b) as dot products in lanes
 * ({@link VectorFloatDots}), all others (double storage, other narrow products, k = 0) by the
 * configured kernel. Without the Vector API every product goes to the configured kernel, whose
 * float bits differ; the description says which.
 */
final class FloatLanesGemmKernel implements GemmKernel {
  private final GemmKernel others;

  private FloatLanesGemmKernel(GemmKernel others) {
    this.others = others;
  }

  /** {@code others} with float products in lanes in front of it, if the Vector API is there. */
  static GemmKernel over(GemmKernel others) {
    return ElementPass.VECTOR_API ? new FloatLanesGemmKernel(others) : others;
  }

  @Override
  public void multiply(CpuOps ops, Product product) {
    boolean floats = product.c() instanceof CpuMat.Floats;
    if (floats && VectorFloatGemm.takes(product.k(), product.n())) {
      VectorFloatGemm.multiply(ops, product);
    } else if (floats && VectorFloatDots.takes(product)) {
      VectorFloatDots.multiply(ops, product);
    } else {
      others.multiply(ops, product);
    }
  }

  @Override
  public String description() {
    return others.description() + "; float products of n >= " + VectorFloatGemm.MIN_COLUMNS
        + " columns in java SIMD lanes (" + VectorFloatGemm.ROWS + " x " + VectorFloatGemm.COLUMNS
        + " register tiles, fused multiply-adds in order of k); narrower float products with"
        + " contiguous rows and columns as dot products in lanes";
  }
}
