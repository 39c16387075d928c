package org.ebmbench.crf;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.random.RandomStream;

/** Seeded random chain CRFs and sequences for the tests. */
final class RandomChains {
  private RandomChains() {}

  /** Gaussian weights of standard deviation {@code scale}. */
  static ChainCrf model(RandomStream random, int attributes, int labels, double scale) {
    double[] w = new double[ChainCrf.parameterCount(attributes, labels)];
    for (int k = 0; k < w.length; k++) {
      w[k] = scale * random.nextGaussian();
    }
    return ChainCrf.of(attributes, labels, w);
  }

  /** A sequence of the given length with 0 to 3 distinct-or-repeated attributes per position. */
  static Sequence sequence(RandomStream random, int attributes, int length) {
    int[][] at = new int[length][];
    for (int t = 0; t < length; t++) {
      at[t] = new int[random.nextInt(4)];
      for (int k = 0; k < at[t].length; k++) {
        at[t][k] = random.nextInt(attributes);
      }
    }
    return new Sequence(at);
  }

  static LabeledSequence labeled(RandomStream random, int attributes, int labels, int length) {
    int[] y = new int[length];
    for (int t = 0; t < length; t++) {
      y[t] = random.nextInt(labels);
    }
    return new LabeledSequence(sequence(random, attributes, length), y);
  }

  static List<LabeledSequence> data(
      RandomStream random, int attributes, int labels, int count, int maxLength) {
    List<LabeledSequence> data = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      data.add(labeled(random, attributes, labels, 1 + random.nextInt(maxLength)));
    }
    return data;
  }
}
