package org.ebmbench.metric;

/**
 * One AIS estimate of log Z with its standard error and the effective sample size of its weights.
 *
 * <p>The standard error is that of log(mean w) by the delta method, sqrt(sum_m (r_m - 1)^2 / (M (M
 * - 1))) with r_m = w_m / mean(w): the relative standard error of the mean weight. It is computed
 * from the weights that were drawn, so it only describes the estimate when the runs' weights are
 * representative of their distribution. The effective sample size ESS = (sum w)^2 / sum w^2 (from
 * 1 when one run carries all the weight to M when all weights are equal) says when they are not:
 * below {@value #MIN_EFFECTIVE_RUNS} runs the spread rests on a handful of runs, the next run could
 * move the estimate by more than its error bar, and {@link #reliable()} is false. A large ESS is
 * necessary, not sufficient: runs that all miss the same mode give equal weights and a small error
 * bar around a wrong value; only a slower annealing schedule (or the reverse estimate) reveals that.
 *
 * @param logZ the estimate log Z_0 + log(mean w)
 * @param standardError its standard error, in nats
 * @param effectiveSampleSize (sum w)^2 / sum w^2, between 1 and {@code runs}
 * @param runs the number of runs M
 */
public record AisEstimate(
    double logZ, double standardError, double effectiveSampleSize, int runs) {
  /** The least effective sample size at which the standard error is taken to mean something. */
  public static final double MIN_EFFECTIVE_RUNS = 10.0;

  /**
   * The estimate from the log-weights of the runs and log Z_0 of the base model.
   *
   * @throws IllegalArgumentException if there are fewer than 2 runs or a log-weight is NaN
   */
  public static AisEstimate of(double logBase, double[] logWeights) {
    int runs = logWeights.length;
    if (runs < 2) {
      throw new IllegalArgumentException("ais needs at least 2 runs, got " + runs);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int m = 0; m < runs; m++) {
      if (Double.isNaN(logWeights[m])) {
        throw new IllegalArgumentException("ais log-weight of run " + m + " is NaN");
      }
      max = Math.max(max, logWeights[m]);
    }
    // Weights relative to the largest, so exp never overflows.
    double sum = 0.0;
    double sumSquares = 0.0;
    for (double logWeight : logWeights) {
      double relative = Math.exp(logWeight - max);
      sum += relative;
      sumSquares += relative * relative;
    }
    double mean = sum / runs;
    double squares = 0.0;
    for (double logWeight : logWeights) {
      double r = Math.exp(logWeight - max) / mean - 1.0;
      squares += r * r;
    }
    return new AisEstimate(
        logBase + max + Math.log(mean),
        Math.sqrt(squares / ((double) runs * (runs - 1))),
        sum * sum / sumSquares,
        runs);
  }

  /** Whether the effective sample size is at least {@value #MIN_EFFECTIVE_RUNS}. */
  public boolean reliable() {
    return effectiveSampleSize >= MIN_EFFECTIVE_RUNS;
  }

  /** The estimate and its standard error. */
  public Measurement measurement() {
    return new Measurement(logZ, standardError);
  }
}
