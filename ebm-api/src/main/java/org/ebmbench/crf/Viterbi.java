package org.ebmbench.crf;

/** Max-product decoding of a chain CRF in log space (sums of scores, no exponentials). */
final class Viterbi {
  private Viterbi() {}

  static int[] decode(ChainCrf model, Sequence x) {
    int length = x.length();
    int labels = model.numLabels();
    double[] scores = model.positionScores(x);
    double[] weights = model.weightsView();
    int transitionBase = model.transitionIndex(0, 0);
    double[] best = new double[labels];
    double[] next = new double[labels];
    int[] backPointer = new int[length * labels];
    System.arraycopy(scores, 0, best, 0, labels);
    for (int t = 1; t < length; t++) {
      for (int j = 0; j < labels; j++) {
        double bestValue = Double.NEGATIVE_INFINITY;
        int bestFrom = 0;
        for (int i = 0; i < labels; i++) {
          double value = best[i] + weights[transitionBase + i * labels + j];
          if (value > bestValue) {
            bestValue = value;
            bestFrom = i;
          }
        }
        next[j] = bestValue + scores[t * labels + j];
        backPointer[t * labels + j] = bestFrom;
      }
      double[] swap = best;
      best = next;
      next = swap;
    }
    int last = 0;
    for (int y = 1; y < labels; y++) {
      if (best[y] > best[last]) {
        last = y;
      }
    }
    int[] path = new int[length];
    path[length - 1] = last;
    for (int t = length - 1; t > 0; t--) {
      path[t - 1] = backPointer[t * labels + path[t]];
    }
    return path;
  }
}
