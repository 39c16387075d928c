package org.ebmbench.crf;

import org.ebmbench.random.RandomStream;

/**
 * Gibbs sampling over the labels of a chain CRF given x: a sweep visits t = 0..T-1 in order and
 * draws y_t from P(y_t | y_{t-1}, y_{t+1}, x), which is proportional to exp(s_t(y_t) + A[y_{t-1},
 * y_t] + A[y_t, y_{t+1}]) with s_t the position scores. P(y|x) is invariant under each update.
 */
public final class ChainGibbs {
  private ChainGibbs() {}

  /** {@code sweeps} systematic-scan sweeps over {@code y}, in place. */
  public static void run(ChainCrf model, Sequence x, int[] y, int sweeps, RandomStream random) {
    model.checkLabels(x, y);
    double[] scores = model.positionScores(x);
    double[] logWeights = new double[model.numLabels()];
    for (int s = 0; s < sweeps; s++) {
      sweep(model, scores, y, logWeights, random);
    }
  }

  static void sweep(
      ChainCrf model, double[] scores, int[] y, double[] logWeights, RandomStream random) {
    for (int t = 0; t < y.length; t++) {
      conditionalLogWeights(model, scores, y, t, logWeights);
      y[t] = Categorical.draw(logWeights, model.numLabels(), random);
    }
  }

  /**
   * out[v] = log of the unnormalized P(y_t = v | y_{-t}, x): the position score plus the
   * transitions from y_{t-1} and to y_{t+1} where they exist.
   */
  static void conditionalLogWeights(
      ChainCrf model, double[] scores, int[] y, int t, double[] out) {
    int labels = model.numLabels();
    double[] w = model.weightsView();
    for (int v = 0; v < labels; v++) {
      double value = scores[t * labels + v];
      if (t > 0) {
        value += w[model.transitionIndex(y[t - 1], v)];
      }
      if (t < y.length - 1) {
        value += w[model.transitionIndex(v, y[t + 1])];
      }
      out[v] = value;
    }
  }
}
