package org.ebmbench.crf;

import java.util.ArrayList;
import java.util.List;

/** The exact gradient of the conditional log-likelihood, by forward-backward. */
public final class ExactChainGradient implements ChainGradientEstimator {
  private final ChainLikelihoodKernel kernel;

  /** Forward-backward on the host ({@link HostChainLikelihoodKernel}). */
  public ExactChainGradient() {
    this(new HostChainLikelihoodKernel());
  }

  /** Forward-backward by {@code kernel}. */
  public ExactChainGradient(ChainLikelihoodKernel kernel) {
    this.kernel = kernel;
  }

  @Override
  public String name() {
    return "exact-mle";
  }

  @Override
  public void addGradient(
      ChainCrf model, List<LabeledSequence> data, int[] rows, double[] gradient) {
    List<LabeledSequence> batch = new ArrayList<>(rows.length);
    for (int row : rows) {
      batch.add(data.get(row));
    }
    kernel.addLogLikelihoodGradient(model, batch, gradient);
  }
}
