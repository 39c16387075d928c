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
  private Silu() {}

  /**
   * Elements [0, length) of a chunk laid out as {@link ElementPass} gives it: a from v[0], phi into
   * v[1] and its three derivatives into v[2] to v[4]; element i of v[j] is {@code v[j][o[j] + i]}.
   */
  static void pass(double[][] v, int[] o, int length) {
    if (ElementPass.VECTOR_API) {
      VectorSilu.pass(v, o, length);
    } else {
      scalar(v, o, 0, length);
    }
  }

  /** Elements [from, to) of the chunk, one at a time. */
  static void scalar(double[][] v, int[] o, int from, int to) {
    double[] x = v[0];
    double[] phi = v[1];
    double[] d1 = v[2];
    double[] d2 = v[3];
    double[] d3 = v[4];
    for (int i = from; i < to; i++) {
      double a = x[o[0] + i];
      double sg = 1.0 / (1.0 + PolynomialExp.exp(-a));
      double q = sg * (1.0 - sg);
      double r = 1.0 - 2.0 * sg;
      double ar = a * r;
      phi[o[1] + i] = a * sg;
      d1[o[2] + i] = sg + a * q;
      d2[o[3] + i] = q * (2.0 + ar);
      d3[o[4] + i] = q * (r * (3.0 + ar) - 2.0 * a * q);
    }
  }
}
