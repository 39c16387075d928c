package org.ebmbench.crf;

import org.ebmbench.random.RandomStream;

/** Draws from a small discrete distribution given by unnormalized log-weights. */
final class Categorical {
  private Categorical() {}

  /**
   * Index k < count with probability exp(logWeights[k]) / sum_j exp(logWeights[j]). Shifts by the
   * maximum, so any finite weights work; overwrites {@code logWeights} with the shifted weights.
   */
  static int draw(double[] logWeights, int count, RandomStream random) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < count; k++) {
      max = Math.max(max, logWeights[k]);
    }
    double total = 0;
    for (int k = 0; k < count; k++) {
      logWeights[k] = Math.exp(logWeights[k] - max);
      total += logWeights[k];
    }
    double u = random.nextDouble() * total;
    for (int k = 0; k < count - 1; k++) {
      u -= logWeights[k];
      if (u < 0) {
        return k;
      }
    }
    return count - 1;
  }
}
