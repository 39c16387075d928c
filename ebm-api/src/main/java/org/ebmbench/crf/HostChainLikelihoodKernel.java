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
      addEmpiricalCounts(model, sequence, gradient);
      fb.addExpectedCounts(model, sequence.x(), -1, gradient);
    }
    return total;
  }

  /** Adds phi(x, y) for the observed labels y. */
  private static void addEmpiricalCounts(
      ChainCrf model, LabeledSequence sequence, double[] gradient) {
    int[] y = sequence.y();
    Sequence x = sequence.x();
    for (int t = 0; t < y.length; t++) {
      for (int a : x.attributesAt(t)) {
        gradient[model.emissionIndex(a, y[t])] += 1;
      }
      if (t > 0) {
        gradient[model.transitionIndex(y[t - 1], y[t])] += 1;
      }
    }
    gradient[model.startIndex(y[0])] += 1;
    gradient[model.endIndex(y[y.length - 1])] += 1;
  }
}
