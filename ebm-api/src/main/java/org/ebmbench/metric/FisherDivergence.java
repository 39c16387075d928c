package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.DifferentiableInX;
import org.ebmbench.model.EnergyModel;

/**
 * The Fisher divergence 1/2 E_p |grad f_p(x) - grad f_q(x)|^2, a Monte Carlo mean over samples from
 * p, with its standard error (sample standard deviation / sqrt(sample count)). Needs no partition
 * function.
 */
public final class FisherDivergence implements Metric {
  private final EnergyModel truth;
  private final Mat samples;

  private FisherDivergence(EnergyModel truth, Mat samples) {
    Capabilities.require(truth, DifferentiableInX.class, "the Fisher divergence");
    this.truth = truth;
    this.samples = samples;
  }

  /** The divergence from the true model, averaged over {@code samples} drawn from it. */
  public static FisherDivergence fromTruth(EnergyModel truth, Mat samplesFromTruth) {
    return new FisherDivergence(truth, samplesFromTruth);
  }

  @Override
  public String name() {
    return "fisherDivergence";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    return estimate(truth, model, samples);
  }

  /**
   * The estimate of 1/2 E_p |grad f_p - grad f_q|^2 over {@code samplesFromP} (at least two rows)
   * and its standard error.
   */
  public static Measurement estimate(EnergyModel p, EnergyModel q, Mat samplesFromP) {
    DifferentiableInX scoreP =
        Capabilities.require(p, DifferentiableInX.class, "the Fisher divergence");
    DifferentiableInX scoreQ =
        Capabilities.require(q, DifferentiableInX.class, "the Fisher divergence");
    int n = samplesFromP.rows();
    int d = samplesFromP.cols();
    if (d != p.dimension() || d != q.dimension() || n < 2) {
      throw new IllegalArgumentException(
          "Fisher divergence: "
              + n
              + " x "
              + d
              + " samples (at least 2 rows) do not fit "
              + p.describe()
              + " and "
              + q.describe());
    }
    Ops ops = p.ops();
    Mat gradientP = ops.zeros(n, d);
    Mat gradientQ = ops.zeros(n, d);
    scoreP.gradientX(samplesFromP, gradientP);
    scoreQ.gradientX(samplesFromP, gradientQ);
    return meanHalfSquaredDistance(ops, gradientP, gradientQ);
  }

  /**
   * The mean over rows of |a_i - b_i|^2 / 2 and its standard error, for two n x d matrices of
   * scores at the same n >= 2 points. Overwrites {@code a}.
   */
  static Measurement meanHalfSquaredDistance(Ops ops, Mat a, Mat b) {
    int n = a.rows();
    ops.axpby(1.0, a, -1.0, b, a);
    ops.map(UnaryFunction.SQUARE, a, a);
    Mat perSample = ops.zeros(n, 1);
    ops.rowSums(a, perSample);
    ops.affine(perSample, 0.5, 0.0, perSample);
    double mean = ops.sum(perSample) / n;
    // Two-pass variance: centre first so a large mean does not cancel the spread away.
    ops.affine(perSample, 1.0, -mean, perSample);
    ops.map(UnaryFunction.SQUARE, perSample, perSample);
    double variance = ops.sum(perSample) / (n - 1);
    return new Measurement(mean, Math.sqrt(variance / n));
  }
}
