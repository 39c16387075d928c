package org.ebmbench.metric;

import org.ebmbench.model.EnergyModel;

/**
 * A measure of how good a learned model is, evaluated during training. A metric holds its reference
 * (the true model, held-out data, samples) and is evaluated on the model being learned. Exceptions
 * from the model (for example a parameter vector that is not normalizable) propagate: a metric
 * never turns a failure into a number.
 */
public interface Metric {
  /** A stable key for results files, for example "klTrueToModel". */
  String name();

  /** Evaluates the metric at the model's current parameters. */
  Measurement evaluate(EnergyModel model);
}
