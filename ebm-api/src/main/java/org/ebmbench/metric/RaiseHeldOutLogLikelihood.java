package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;

/**
 * The conservative counterpart of {@link AisHeldOutLogLikelihood}: the mean held-out
 * log-likelihood by reverse annealing (RAISE, Burda, Grosse and Salakhutdinov 2015), in nats. One
 * reverse chain starts at each held-out row v_i and walks the AIS path down to the base model
 * (see {@link AnnealedImportanceSampling#reverseLogPartitions}); f(v_i) - R_i is the log of an
 * unbiased estimate of p_ann(v_i), the probability of v_i under the annealing model (draw from the
 * base model, then apply the K transitions). What it bounds: on average it is at most the mean log
 * p_ann(v), and p_ann tends to the RBM as the path gets longer; an annealing model with too few
 * temperatures is a worse model of the data than the RBM, so in practice the value falls below the
 * true log-likelihood (Burda et al. found it so; it is not a theorem) while the forward AIS value
 * lies above it on average. A gap between the two wider than their error bars says the path is too
 * short for either to be trusted.
 *
 * <p>The standard error is sd(R_i) / sqrt(n): the spread of the reverse log Z values across rows,
 * which the exact f(v_i) do not enter, so it measures the Monte Carlo noise rather than how the
 * rows' likelihoods differ.
 */
public final class RaiseHeldOutLogLikelihood implements Metric {
  private final Mat data;
  private final AnnealedImportanceSampling ais;

  /** A metric over the rows of {@code data} (examples x visible units) along {@code ais}'s path. */
  public RaiseHeldOutLogLikelihood(Mat data, AnnealedImportanceSampling ais) {
    if (data.rows() < 2) {
      throw new IllegalArgumentException(
          "the RAISE log-likelihood needs at least 2 held-out rows for a standard error, got "
              + data.rows());
    }
    this.data = data;
    this.ais = ais;
  }

  @Override
  public String name() {
    return "heldOutLogLikelihoodRaise";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    BernoulliRbm rbm = Capabilities.require(model, BernoulliRbm.class, "the RAISE log-likelihood");
    Capabilities.requireRowsOf(model, data, "held-out data");
    Ops ops = model.ops();
    Mat logDensity = ops.zeros(data.rows(), 1);
    model.logDensityUnnormalized(data, logDensity);
    double[] reverse = ais.reverseLogPartitions(rbm, data);
    int n = reverse.length;
    double mean = 0.0;
    for (double r : reverse) {
      mean += r / n;
    }
    double squares = 0.0;
    for (double r : reverse) {
      squares += (r - mean) * (r - mean);
    }
    return new Measurement(
        ops.sum(logDensity) / n - mean, Math.sqrt(squares / ((double) n * (n - 1))));
  }
}
