package org.ebmbench.conformance;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/** Goodness-of-fit checks shared by the statistical tests of the kit. */
final class SamplingChecks {
  /**
   * The significance level of every goodness-of-fit test in the kit: a correct sampler fails a
   * given test for about one seed in a thousand (the seeds are fixed, so a pass is stable).
   */
  static final double ALPHA = 1e-3;

  /**
   * The two-sided normal quantile for {@link #ALPHA}: |z| > 3.29 has probability 0.001, for checks
   * of a mean against its standard error.
   */
  static final double Z_ALPHA = 3.2905;

  private SamplingChecks() {}

  /** How often each of the 2^n spin states occurs among the rows of {@code states}. */
  static long[] spinStateCounts(Ops ops, Mat states) {
    int n = states.cols();
    double[] values = ops.toHost(states);
    long[] counts = new long[1 << n];
    for (int r = 0; r < states.rows(); r++) {
      counts[IsingBruteForce.index(values, r, n)]++;
    }
    return counts;
  }

  /** The chi-square goodness-of-fit p-value of {@code counts} against {@code probabilities}. */
  static double chiSquarePValue(double[] probabilities, long[] counts) {
    return ChiSquareTest.withDefaults().test(probabilities, counts).getPValue();
  }

  /** The Kolmogorov-Smirnov p-value of the one-column {@code draws} against N(mean, sd^2). */
  static double normalKsPValue(Ops ops, Mat draws, double mean, double sd) {
    NormalDistribution normal = NormalDistribution.of(mean, sd);
    return KolmogorovSmirnovTest.withDefaults()
        .test(ops.toHost(draws), normal::cumulativeProbability)
        .getPValue();
  }
}
