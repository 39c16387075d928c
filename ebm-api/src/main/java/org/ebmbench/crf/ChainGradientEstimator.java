package org.ebmbench.crf;

import java.util.List;

/**
 * A way to learn a chain CRF: an estimate of the ascent direction of sum_n log P(y_n | x_n) over a
 * mini-batch (exact for MLE, a sampled one for contrastive divergence, the gradient of a surrogate
 * for pseudo-likelihood). Implementations may keep state across calls (persistent chains) and are
 * not thread-safe.
 */
public interface ChainGradientEstimator {
  /** A short stable name: "exact-mle", "cd-1", "pcd-5", "pseudo-likelihood". */
  String name();

  /**
   * Adds the estimate for the sequences {@code data[rows[i]]} to {@code gradient} (laid out as
   * {@link ChainCrf}'s weights). {@code rows} identify the sequences across calls, for estimators
   * that keep a chain per training sequence.
   */
  void addGradient(ChainCrf model, List<LabeledSequence> data, int[] rows, double[] gradient);
}
