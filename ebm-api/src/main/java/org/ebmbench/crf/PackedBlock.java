package org.ebmbench.crf;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A block of sequences laid out time-major for a batched forward-backward: sorted by decreasing
 * length (ties in block order), block t holds one row per sequence still running at position t,
 * in sorted order, so the sequences running at t + 1 are a prefix of those running at t. Holds the
 * per-position label scores of every row ({@link ChainCrf#positionScores}), computed on the host.
 */
final class PackedBlock {
  final int labels;
  /** Row-major, one row of {@link #labels} scores per (position, running sequence). */
  final double[] scores;
  /** Block index of the b-th sequence in sorted order. */
  private final int[] order;
  /** running[t]: how many sequences have more than t positions; running[maxLength] = 0. */
  private final int[] running;
  /** start[t]: the first row of block t. */
  private final int[] start;

  PackedBlock(ChainCrf model, List<LabeledSequence> block) {
    labels = model.numLabels();
    order =
        IntStream.range(0, block.size())
            .boxed()
            .sorted(Comparator.comparingInt((Integer n) -> -block.get(n).x().length()))
            .mapToInt(Integer::intValue)
            .toArray();
    int maxLength = block.get(order[0]).x().length();
    running = new int[maxLength + 1];
    for (LabeledSequence sequence : block) {
      running[sequence.x().length() - 1]++;
    }
    for (int t = maxLength - 1; t > 0; t--) {
      running[t - 1] += running[t];
    }
    start = new int[maxLength + 1];
    for (int t = 0; t < maxLength; t++) {
      start[t + 1] = start[t] + running[t];
    }
    scores = new double[start[maxLength] * labels];
    for (int b = 0; b < order.length; b++) {
      double[] own = model.positionScores(block.get(order[b]).x());
      for (int t = 0; t < own.length / labels; t++) {
        System.arraycopy(own, t * labels, scores, (start[t] + b) * labels, labels);
      }
    }
  }

  /** Number of sequences. */
  int size() {
    return order.length;
  }

  /** Number of rows: the total number of positions. */
  int tokens() {
    return start[start.length - 1];
  }

  int maxLength() {
    return running.length - 1;
  }

  /** How many sequences are running at position t (0 for t >= maxLength). */
  int running(int t) {
    return t < running.length ? running[t] : 0;
  }

  /** The first row of block t. */
  int start(int t) {
    return start[t];
  }

  /** The block index of the b-th sequence in sorted order. */
  int sequence(int b) {
    return order[b];
  }

  /** f(x, y) of the b-th sequence in sorted order, from its packed scores and the transitions. */
  double observedScore(int b, double[] transitions, int[] y) {
    double total = 0;
    for (int t = 0; t < y.length; t++) {
      total += scores[(start[t] + b) * labels + y[t]];
      if (t > 0) {
        total += transitions[y[t - 1] * labels + y[t]];
      }
    }
    return total;
  }
}
