package org.ebmbench.experiments.rbm;

import org.ebmbench.engine.Mat;
import org.ebmbench.metric.HeldOutLogLikelihood;
import org.ebmbench.metric.Measurement;
import org.ebmbench.metric.Metric;
import org.ebmbench.model.EnergyModel;

/**
 * The exact mean log P(x) over a set of rows, in nats, under a name that says which rows they are
 * ("logLikelihood" for the whole bars-and-stripes distribution, "heldOutLogLikelihood" for
 * held-out images).
 */
final class MeanLogLikelihood implements Metric {
  private final String name;
  private final Mat data;

  MeanLogLikelihood(String name, Mat data) {
    this.name = name;
    this.data = data;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    return Measurement.exact(HeldOutLogLikelihood.mean(model, data));
  }
}
