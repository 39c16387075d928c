package org.ebmbench.cpu;

/**
 * The pass of {@link CpuOps#adamStep} over a chunk laid out as {@link ElementPass} gives it, in
 * double arithmetic for both storage precisions. In SIMD lanes when the Vector API is there
 * ({@link VectorAdamPass}), with the same bits: element by element, its square root and division
 * took 7% of a float DSM step on the MLP 2-128-128-1.
 */
final class AdamPass {
  /** Adam's constants for one step; {@code secondScale} and {@code stepSize} as in Ops.adamStep. */
  record Settings(
      double beta1, double beta2, double stepSize, double secondScale, double epsilon) {}

  private AdamPass() {}

  /**
   * Reads theta, g, m and v from slots 0 to 3 and writes m, v and theta to slots 4 to 6, elements
   * [0, length).
   */
  static void pass(Settings a, double[][] x, int[] o, int length) {
    if (ElementPass.VECTOR_API) {
      VectorAdamPass.pass(a, x, o, length);
    } else {
      scalar(a, x, o, 0, length);
    }
  }

  /** Elements [from, to) of the chunk, one at a time. */
  static void scalar(Settings a, double[][] x, int[] o, int from, int to) {
    for (int i = from; i < to; i++) {
      double g = x[1][o[1] + i];
      double m = a.beta1() * x[2][o[2] + i] + (1.0 - a.beta1()) * g;
      double v = a.beta2() * x[3][o[3] + i] + (1.0 - a.beta2()) * (g * g);
      double denominator = Math.sqrt(a.secondScale() * v + 0.0) + a.epsilon();
      double theta = x[0][o[0] + i] - a.stepSize() * (m / denominator);
      x[4][o[4] + i] = m;
      x[5][o[5] + i] = v;
      x[6][o[6] + i] = theta;
    }
  }
}
