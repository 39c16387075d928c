package org.ebmbench.experiments.crf;

import java.util.Map;

/**
 * A CRF learning problem on host arrays, as {@link HostTraining} sees it: a parameter vector, a
 * training set addressed by row, a gradient estimator, and the metrics.
 */
interface HostProblem {
  /** Number of parameters. */
  int dimension();

  /** Number of training examples. */
  int trainingSize();

  /**
   * The L2 coefficient on the summed objective: the loss is -sum_n log P(y_n|x_n) + (l2 / 2)
   * ||w||^2 (or the estimator's surrogate in place of the log-likelihood).
   */
  double l2();

  /**
   * Adds, for the training examples {@code rows}, the estimator's ascent direction of sum log P
   * at {@code w} to {@code gradient}.
   */
  void addGradient(double[] w, int[] rows, double[] gradient);

  /** The metrics of the model with weights {@code w}, by their results.json names. */
  Map<String, Double> evaluate(double[] w);
}
