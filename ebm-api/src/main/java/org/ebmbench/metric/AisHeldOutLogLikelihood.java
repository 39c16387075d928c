package org.ebmbench.metric;

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
 * average: read it with its error bar.
 */
public final class AisHeldOutLogLikelihood implements Metric {
  private final Mat data;
  private final AnnealedImportanceSampling ais;

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
    Measurement logZ = ais.logPartition(rbm);
    return new Measurement(ops.sum(logDensity) / data.rows() - logZ.value(), logZ.standardError());
  }
}
