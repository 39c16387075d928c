package org.ebmbench.crf;

import java.util.List;

/**
 * The unit of work of CRF training: for a block of labeled sequences, the summed conditional
 * log-likelihood sum_n log P(y_n | x_n) and its gradient with respect to the flat parameter
 * vector. {@link HostChainLikelihoodKernel} computes it sequence by sequence on the host; an
 * engine with a batched forward-backward (one kernel over many sequences, padded to a common
 * length) can supply its own implementation to {@link ChainObjective} without touching the rest.
 */
public interface ChainLikelihoodKernel {
  /**
   * Adds the gradient of sum_n log P(y_n | x_n) over {@code block} to {@code gradient} and returns
   * that sum. Must be deterministic: the same inputs give the same bits.
   */
  double addLogLikelihoodGradient(ChainCrf model, List<LabeledSequence> block, double[] gradient);
}
