package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.ExactPartition;

/** The mean log-likelihood of held-out data, mean over rows of f(x) - log Z, in nats. */
public final class HeldOutLogLikelihood implements Metric {
  private final Mat data;

  /** A metric over the rows of {@code data} (examples x dimension). */
  public HeldOutLogLikelihood(Mat data) {
    this.data = data;
  }

  @Override
  public String name() {
    return "heldOutLogLikelihood";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    return Measurement.exact(mean(model, data));
  }

  /** Mean over the rows of {@code data} of log P(x) under {@code model}. */
  public static double mean(EnergyModel model, Mat data) {
    ExactPartition exact =
        Capabilities.require(model, ExactPartition.class, "the held-out log-likelihood");
    Capabilities.requireRowsOf(model, data, "held-out data");
    Ops ops = model.ops();
    Mat logDensity = ops.zeros(data.rows(), 1);
    model.logDensityUnnormalized(data, logDensity);
    return ops.sum(logDensity) / data.rows() - exact.logPartition();
  }
}
