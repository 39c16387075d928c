package org.ebmbench.cpu;

/**
 * The pass of {@code CpuOps.map(SIGMOID, ...)} on double matrices (float ones go through {@link
 * FloatSigmoid}): s = 1 / (1 + e^-a) with e^-a from {@link
 * PolynomialExp} (one exp, no branch; e^-a is +infinity below -709, giving 0). In SIMD lanes when
 * the Vector API is there ({@link VectorSigmoid}), with the same bits: the RBMs' conditionals spend
 * most of their element-wise time here.
 */
final class Sigmoid {
  private Sigmoid() {}

  /**
   * Elements [0, length) of a chunk laid out as {@link ElementPass} gives it: a from v[0], s into
   * v[1] (which may be v[0] at the same offset: in place).
   */
  static void pass(double[][] v, int[] o, int length) {
    if (ElementPass.VECTOR_API) {
      VectorSigmoid.pass(v, o, length);
    } else {
      scalar(v, o, 0, length);
    }
  }

  /** Elements [from, to) of the chunk, one at a time. */
  static void scalar(double[][] v, int[] o, int from, int to) {
    double[] x = v[0];
    double[] s = v[1];
    for (int i = from; i < to; i++) {
      s[o[1] + i] = 1.0 / (1.0 + PolynomialExp.exp(-x[o[0] + i]));
    }
  }
}
