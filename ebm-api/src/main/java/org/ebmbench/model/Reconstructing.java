package org.ebmbench.model;

import org.ebmbench.engine.Mat;

/** A latent-variable model that maps visible states to hidden means and back, as RBMs do. */
public interface Reconstructing extends EnergyModel {
  /**
   * One deterministic up-down pass on each row of {@code v} into {@code out} (same shape): the
   * hidden means q = E[h | v], then E[v | h = q]. For a Bernoulli RBM that is sigmoid(b + W q)
   * with q = sigmoid(c + v W); no unit is sampled, so the result is a function of v alone.
   */
  void reconstruct(Mat v, Mat out);
}
