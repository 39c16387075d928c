package org.ebmbench.crf;

import java.util.List;

/**
 * The host implementation of {@link ChainLikelihoodKernel}: log-space forward-backward per
 * sequence; the gradient is the empirical feature counts minus their expectation under the model.
 */
public final class HostChainLikelihoodKernel implements ChainLikelihoodKernel {
  @Override
  public double addLogLikelihoodGradient(
      ChainCrf model, List<LabeledSequence> block, double[] gradient) {
    TransitionTable table = new TransitionTable(model);
    double total = 0;
    for (LabeledSequence sequence : block) {
      model.checkLabels(sequence.x(), sequence.y());
      ForwardBackward fb = ForwardBackward.run(model, table, sequence.x());
      total += fb.score(sequence.y()) - fb.logPartition();
      ChainFeatures.add(model, sequence.x(), sequence.y(), 1, gradient);
      fb.addExpectedCounts(model, sequence.x(), -1, gradient);
    }
    return total;
  }
}
