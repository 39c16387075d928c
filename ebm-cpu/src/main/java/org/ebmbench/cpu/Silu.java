package org.ebmbench.cpu;

/**
 * The SiLU pass of {@link CpuOps#activate}: phi(a) = a s with s = 1 / (1 + e^-a) and its first
 * three derivatives (formulas in {@link org.ebmbench.engine.ActivationFunction#SILU}), e^-a from
 * {@link PolynomialExp}. When the JVM has the incubating Vector API ({@code --add-modules
 * jdk.incubator.vector}) the pass runs in SIMD lanes ({@link VectorSilu}), which compute every
 * element with the same IEEE operations in the same order as {@link #scalar}: the bits do not
 * depend on whether the module is there, only the speed does.
 */
final class Silu {
  /** Whether {@link VectorSilu} can run here (the module resolved at startup). */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private Silu() {}

  /**
   * Elements [0, length) of a chunk laid out as {@link ElementPass} gives it: a from v[0], phi into
   * v[1] and its three derivatives into v[2] to v[4]; element i of v[j] is {@code v[j][o[j] + i]}.
   */
  static void pass(double[][] v, int[] o, int length) {
    if (VECTOR) {
      VectorSilu.pass(v, o, length);
    } else {
      scalar(v, o, 0, length);
    }
  }

  /** Elements [from, to) of the chunk, one at a time. */
  static void scalar(double[][] v, int[] o, int from, int to) {
    for (int i = from; i < to; i++) {
      double a = v[0][o[0] + i];
      double sg = 1.0 / (1.0 + PolynomialExp.exp(-a));
      double q = sg * (1.0 - sg);
      double r = 1.0 - 2.0 * sg;
      double ar = a * r;
      v[1][o[1] + i] = a * sg;
      v[2][o[2] + i] = sg + a * q;
      v[3][o[3] + i] = q * (2.0 + ar);
      v[4][o[4] + i] = q * (r * (3.0 + ar) - 2.0 * a * q);
    }
  }
}
