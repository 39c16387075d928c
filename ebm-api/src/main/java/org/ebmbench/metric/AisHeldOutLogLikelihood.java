package org.ebmbench.metric;

import java.util.Arrays;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;

/**
 * The mean log-likelihood of held-out data under a Bernoulli RBM whose log Z is too costly to
 * enumerate: mean over rows of f(x), minus the {@link AnnealedImportanceSampling} estimate of log
 * Z, in nats. The mean of f is exact on the given rows, so the standard error is the estimate's.
 * Since AIS underestimates log Z on average, this value overestimates the log-likelihood on
 * average: read it with its error bar, and only when the companion metric {@link
 * #effectiveSampleSize()} is at least {@value AisEstimate#MIN_EFFECTIVE_RUNS} (see {@link
 * AisEstimate}).
 */
public final class AisHeldOutLogLikelihood implements Metric {
  private final Mat data;
  private final AnnealedImportanceSampling ais;
  private double[] estimatedAt;
  private AisEstimate estimate;

  /**
   * A metric over the rows of {@code data} (examples x visible units), estimated by {@code ais}.
   */
  public AisHeldOutLogLikelihood(Mat data, AnnealedImportanceSampling ais) {
    this.data = data;
    this.ais = ais;
  }

  @Override
  public String name() {
    return "heldOutLogLikelihoodAis";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    BernoulliRbm rbm = Capabilities.require(model, BernoulliRbm.class, "the AIS log-likelihood");
    Capabilities.requireRowsOf(model, data, "held-out data");
    Ops ops = model.ops();
    Mat logDensity = ops.zeros(data.rows(), 1);
    model.logDensityUnnormalized(data, logDensity);
    AisEstimate logZ = estimate(rbm);
    return new Measurement(ops.sum(logDensity) / data.rows() - logZ.logZ(), logZ.standardError());
  }

  /**
   * The metric "aisEffectiveSampleSize": the effective sample size of the AIS weights behind this
   * metric's value at the same parameters (one AIS estimate serves both), deterministic given the
   * AIS seed.
   */
  public Metric effectiveSampleSize() {
    return new Metric() {
      @Override
      public String name() {
        return "aisEffectiveSampleSize";
      }

      @Override
      public Measurement evaluate(EnergyModel model) {
        BernoulliRbm rbm =
            Capabilities.require(model, BernoulliRbm.class, "the AIS effective sample size");
        return Measurement.exact(estimate(rbm).effectiveSampleSize());
      }
    };
  }

  /** The AIS estimate at the model's parameters, remembered until they change. */
  private AisEstimate estimate(BernoulliRbm rbm) {
    double[] theta = rbm.parameterValues();
    if (estimate == null || !Arrays.equals(estimatedAt, theta)) {
      estimate = ais.estimate(rbm);
      estimatedAt = theta;
    }
    return estimate;
  }
}
