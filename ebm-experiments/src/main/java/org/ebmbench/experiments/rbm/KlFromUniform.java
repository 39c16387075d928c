package org.ebmbench.experiments.rbm;

import org.ebmbench.engine.Mat;
import org.ebmbench.metric.HeldOutLogLikelihood;
import org.ebmbench.metric.Measurement;
import org.ebmbench.metric.Metric;
import org.ebmbench.model.EnergyModel;

/**
 * klDataToModel: the exact KL divergence from the uniform distribution over n distinct patterns
 * to the model, KL = sum_x (1/n) log((1/n) / P(x)) = -log n - mean over the patterns of log P(x).
 * It is zero exactly when the model puts probability 1/n on every pattern (and so none elsewhere).
 */
final class KlFromUniform implements Metric {
  private final Mat patterns;

  /** @param patterns the n distinct patterns, one per row (not checked for duplicates) */
  KlFromUniform(Mat patterns) {
    this.patterns = patterns;
  }

  @Override
  public String name() {
    return "klDataToModel";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    return Measurement.exact(
        -Math.log(patterns.rows()) - HeldOutLogLikelihood.mean(model, patterns));
  }
}
