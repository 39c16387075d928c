package org.ebmbench.model;

import org.ebmbench.engine.Mat;

/**
 * A model that forms sum_i w_i grad_Theta f(x_i) in one batched pass: an expectation of the
 * Theta-gradient under a distribution given by weights on points (a quadrature grid), which maximum
 * likelihood through the grid needs.
 */
public interface WeightedParameterGradient extends EnergyModel {
  /**
   * sum_i weights_i grad_Theta f(x_i) into {@code out} (P x 1).
   *
   * @param x n x dimension
   * @param weights n x 1, one weight per row of x
   */
  void weightedParameterGradient(Mat x, Mat weights, Mat out);
}
