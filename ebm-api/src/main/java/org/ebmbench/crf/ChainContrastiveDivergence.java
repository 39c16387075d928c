package org.ebmbench.crf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ebmbench.random.RandomStream;

/**
 * Contrastive divergence for a chain CRF: phi(x, y) - phi(x, y~) per sequence, where y~ is the
 * state after k Gibbs sweeps over the labels given x. CD-k starts each chain at the observed
 * labels; persistent CD keeps one chain per training sequence (started at its labels) and
 * continues it at every visit. As k grows the estimate tends to the exact gradient.
 */
public final class ChainContrastiveDivergence implements ChainGradientEstimator {
  private final int sweeps;
  private final boolean persistent;
  private final RandomStream random;
  private final Map<Integer, int[]> chains = new HashMap<>();

  /**
   * @param sweeps Gibbs sweeps per update, >= 1
   * @param persistent whether chains carry over between updates
   * @param random the chains' randomness
   */
  public ChainContrastiveDivergence(int sweeps, boolean persistent, RandomStream random) {
    if (sweeps < 1) {
      throw new IllegalArgumentException("chain CD: needs sweeps >= 1, got " + sweeps);
    }
    this.sweeps = sweeps;
    this.persistent = persistent;
    this.random = random;
  }

  @Override
  public String name() {
    return (persistent ? "pcd-" : "cd-") + sweeps;
  }

  @Override
  public void addGradient(
      ChainCrf model, List<LabeledSequence> data, int[] rows, double[] gradient) {
    double[] logWeights = new double[model.numLabels()];
    for (int row : rows) {
      LabeledSequence sequence = data.get(row);
      model.checkLabels(sequence.x(), sequence.y());
      // LabeledSequence hands out its own array: chains work on copies.
      int[] state =
          persistent
              ? chains.computeIfAbsent(row, r -> sequence.y().clone())
              : sequence.y().clone();
      double[] scores = model.positionScores(sequence.x());
      for (int s = 0; s < sweeps; s++) {
        ChainGibbs.sweep(model, scores, state, logWeights, random);
      }
      ChainFeatures.add(model, sequence.x(), sequence.y(), 1, gradient);
      ChainFeatures.add(model, sequence.x(), state, -1, gradient);
    }
  }
}
